// Repeatable flags whose values are checked before anything is asked, so that a typo is a usage
// error naming the flag (exit 2) and not a false finding or an AWS failure later.

import { dkimSelectorProblem } from '../engine/domain-names.js';
import { isWellFormedRegion } from '../sources/ses-regions.js';
import { UsageError } from './io.js';
import { escapeText } from '../report/escape.js';

/** `values` as they are, or a usage error for the first one `problemOf` finds fault with. */
function checkEach(flag: string, values: readonly string[], problemOf: (value: string) => string | undefined): string[] {
  for (const value of values) {
    const problem = problemOf(value);
    if (problem) throw new UsageError(`--${flag}: "${escapeText(value)}" ${problem}`);
  }
  return [...values];
}

/** --dkim-selector: a bad one ("a b", "") would be looked up and reported as a selector with no key record. */
export function dkimSelectorFlag(values: readonly string[] | undefined): string[] {
  return checkEach('dkim-selector', values ?? [], (value) => {
    const problem = dkimSelectorProblem(value);
    return problem && `is not a DKIM selector: ${problem}`;
  });
}

/**
 * --region: a malformed one ("Frankfurt", "us-east-1,eu-west-1") failed as an AWS error (exit 3). A
 * well-formed region SES does not serve is still found out by asking.
 */
export function regionFlag(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return checkEach('region', values, (value) => (isWellFormedRegion(value) ? undefined : 'is not an AWS region name (like "us-east-1")'));
}
