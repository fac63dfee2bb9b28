import { dkimSelectorProblem } from '../engine/domain-names.js';
import { UsageError } from './io.js';
import { escapeText } from '../report/escape.js';

/**
 * --dkim-selector's values, each checked before anything is asked: a bad one ("a b", "") would
 * otherwise be looked up and reported as a selector with no key record, a finding about the flag.
 */
export function dkimSelectorFlag(values: readonly string[] | undefined): string[] {
  for (const value of values ?? []) {
    const problem = dkimSelectorProblem(value);
    if (problem) throw new UsageError(`--dkim-selector: "${escapeText(value)}" is not a DKIM selector: ${problem}`);
  }
  return [...(values ?? [])];
}
