// Records from any source -> RecordSets keyed "name:TYPE", values normalised so that sources compare
// equal when DNS would answer the same (dnscontrol's model: lower-case FQDN, no trailing dot).

import { normaliseName, type DnsRecord } from '../dns/types.js';
import type { RecordSet } from './types.js';
import { byCodepoint } from '../order.js';
import { addWithAncestors, isAtOrBelow, wildcardFor } from '../dns/wildcard.js';

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

// --- wildcards -------------------------------------------------------------------------------------
// A static source (zone file, Route 53) is a list of record sets, but its authoritative server answers
// names: one that does not exist there is answered from the wildcard of its closest encloser (RFC 1034
// §4.3.3, RFC 4592). Drift asks the DNS side for specific names, so the static side must answer those
// names the same way, or `*.example.com TXT "v=spf1 -all"` makes every synthesised answer "unexpected".
// The semantics are those of ZoneResolver (src/dns/zone-resolver.ts, checked against Knot); a test
// runs the same table through both.

/** One zone of a static source, indexed to answer names as its authoritative server would. */
export interface ZoneIndex {
  apex: string;
  /** Record sets by owner name. */
  byName: Map<string, RecordSet[]>;
  /** Every owner name and each ancestor of one up to the apex: names that exist, empty non-terminals included. */
  existing: Set<string>;
}

/** Indexes a zone's record sets (every set of the zone, not only a domain's: a wildcard may sit above it). */
export function indexZone(apex: string, sets: readonly RecordSet[]): ZoneIndex {
  const zoneApex = normaliseName(apex);
  const byName = new Map<string, RecordSet[]>();
  const existing = new Set<string>();
  for (const set of sets) {
    if (!isAtOrBelow(set.name, zoneApex)) continue;
    const list = byName.get(set.name) ?? [];
    list.push(set);
    byName.set(set.name, list);
    addWithAncestors(existing, set.name, zoneApex);
  }
  return { apex: zoneApex, byName, existing };
}

/**
 * The record sets a zone's server synthesises for the keys ("name:TYPE") compared: for a name that does
 * not exist in the zone, the wildcard's sets of that type and its CNAME, renamed to the name, values and
 * TTL kept. A name that exists answers from its own sets, even none (NODATA), never from a wildcard, so
 * nothing is returned for it: its literal sets are the source's own. Sorted; empty without wildcards.
 */
export function wildcardAnswers(zone: ZoneIndex, keys: Iterable<string>): RecordSet[] {
  const out = new Map<string, RecordSet>();
  for (const key of keys) {
    const colon = key.lastIndexOf(':');
    const name = key.slice(0, colon);
    const type = key.slice(colon + 1);
    if (zone.existing.has(name)) continue;
    const wildcard = wildcardFor({
      apex: zone.apex,
      exists: (n) => zone.existing.has(n),
      isDelegation: (n) => zone.byName.get(n)?.some((set) => set.type === 'NS') ?? false,
    }, name);
    if (wildcard === undefined) continue;
    // A CNAME at the wildcard answers every question at the name, as the DNS side reports it.
    for (const set of zone.byName.get(wildcard) ?? []) {
      if (set.type !== type && set.type !== 'CNAME') continue;
      out.set(keyOf(name, set.type), { ...set, name });
    }
  }
  return [...out.values()].sort(compareSets);
}

