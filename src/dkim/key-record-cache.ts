// Parsed DKIM key records kept for reuse within a run. A key record is ~400 characters of base64 whose
// parse (tag-list, base64 check and decode, DER read) was ~3 % of a 10,000-domain batch's CPU; and a
// batch meets the same record text many times: SES signs many identities with shared keys, so
// thousands of `<token>.dkim.amazonses.com` CNAMEs end in a handful of records. parseDkimKeyRecord is
// pure, so a result found by its text is the result it would return.

import { memoiseByText } from '../memo-by-text.js';
import { parseDkimKeyRecord, type DkimKeyRecordResult } from './parse-key-record.js';

/** Results kept (first in, first out): a few MB at most, and far more keys than a batch shares. */
export const PARSED_KEY_RECORDS_KEPT = 1000;
/**
 * parseDkimKeyRecord's result for `text`, shared between every domain whose record reads the same,
 * and therefore frozen throughout (a rule that changed one would fail loudly, not change another
 * domain's facts).
 */
export const parsedKeyRecord: (text: string) => DkimKeyRecordResult =
  memoiseByText((text) => deepFreeze(parseDkimKeyRecord(text)), PARSED_KEY_RECORDS_KEPT);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
