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

export function selectSpfRecord(records: readonly DnsRecord[]): SpfSelection {
  const spf = records.filter((r) => isSpfRecordText(txtText(r)));
  const first = spf[0];
  if (!first) return { kind: 'none' };
  if (spf.length > 1) return { kind: 'multiple', records: spf };
  return { kind: 'one', text: txtText(first), record: first };
}
