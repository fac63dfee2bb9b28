// SPF record selection (RFC 7208 §4.5): of a name's TXT records, keep those that start "v=spf1".

import type { DnsRecord } from '../dns/types.js';
import { isSpfRecordText } from './parse.js';

export type SpfSelection =
  | { kind: 'none' }
  | { kind: 'one'; text: string; record: DnsRecord }
  | { kind: 'multiple'; records: DnsRecord[] };

/** The record text: character-strings joined with nothing between them (RFC 7208 §3.3). */
export function txtText(record: DnsRecord): string {
  return record.strings ? record.strings.join('') : record.value;
}

/** One pass, each record's text joined once: every domain's SPF walk selects at each record it reaches. */
export function selectSpfRecord(records: readonly DnsRecord[]): SpfSelection {
  let first: DnsRecord | undefined;
  let text = '';
  let several: DnsRecord[] | undefined;
  for (const record of records) {
    const candidate = txtText(record);
    if (!isSpfRecordText(candidate)) continue;
    if (first === undefined) {
      first = record;
      text = candidate;
    } else {
      (several ??= [first]).push(record);
    }
  }
  if (first === undefined) return { kind: 'none' };
  if (several) return { kind: 'multiple', records: several };
  return { kind: 'one', text, record: first };
}
