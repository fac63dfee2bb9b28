import { isWellFormedRegion } from '../sources/ses-regions.js';
import { UsageError } from './io.js';
import { escapeText } from '../report/escape.js';

/**
 * --region's values, each checked before anything is asked: a malformed one ("Frankfurt",
 * "us-east-1,eu-west-1") is a usage error naming the flag (exit 2), not an AWS failure (exit 3).
 * A well-formed region SES does not serve is still found out by asking.
 */
export function regionFlag(values: readonly string[] | undefined): string[] | undefined {
  for (const value of values ?? []) {
    if (!isWellFormedRegion(value)) throw new UsageError(`--region: "${escapeText(value)}" is not an AWS region name (like "us-east-1")`);
  }
  return values === undefined ? undefined : [...values];
}
