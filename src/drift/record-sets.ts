// Records from any source -> RecordSets keyed "name:TYPE", values normalised so that sources compare
// equal when DNS would answer the same (dnscontrol's model: lower-case FQDN, no trailing dot).

import { normaliseName, type DnsRecord } from '../dns/types.js';
import type { RecordSet } from './types.js';
import { byCodepoint } from '../order.js';

export function keyOf(name: string, type: string): string {
  return `${normaliseName(name)}:${type.toUpperCase()}`;
}

/** The value drift compares: names normalised; TXT the joined strings, case kept (TXT is case-sensitive). */
export function normaliseValue(record: DnsRecord): string {
  switch (record.type) {
    case 'TXT':
    case 'SPF':
      return record.strings ? record.strings.join('') : record.value;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return normaliseName(record.target ?? record.value);
    case 'MX': {
      if (record.preference !== undefined && record.exchange !== undefined) {
        return `${record.preference} ${exchangeText(record.exchange)}`;
      }
      const [preference = '', exchange = ''] = record.value.trim().split(/\s+/);
      return `${Number(preference)} ${exchangeText(exchange)}`;
    }
    default:
      return record.value.trim().toLowerCase();
  }
}

/** An MX exchange as compared and shown: the root (a null MX, RFC 7505) as ".", which reports printed as "0 ". */
function exchangeText(exchange: string): string {
  const name = normaliseName(exchange);
  return name === '' ? '.' : name;
}

/** Groups records into sets. A set's TTL is the smallest record TTL (what a resolver would cache). */
export function toRecordSets(records: readonly DnsRecord[], source: string, server?: string, withTtl = true): RecordSet[] {
  const sets = new Map<string, RecordSet>();
  for (const record of records) {
    const key = keyOf(record.name, record.type);
    let set = sets.get(key);
    if (!set) {
      set = { name: normaliseName(record.name), type: record.type, values: [], source };
      if (server !== undefined) set.server = server;
      sets.set(key, set);
    }
    const value = normaliseValue(record);
    if (!set.values.includes(value)) set.values.push(value);
    if (withTtl) set.ttl = set.ttl === undefined ? record.ttl : Math.min(set.ttl, record.ttl);
    if (record.strings && (record.type === 'TXT' || record.type === 'SPF')) {
      set.chunks = { ...(set.chunks ?? {}), [value]: record.strings };
    }
  }
  for (const set of sets.values()) set.values.sort();
  return [...sets.values()].sort(compareSets);
}

export function compareSets(a: { name: string; type: string }, b: { name: string; type: string }): number {
  return byCodepoint(a.name, b.name) || byCodepoint(a.type, b.type);
}

/** Locale-free ordering, so two machines print the same bytes. */
export { byCodepoint };
