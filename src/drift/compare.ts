// The comparison itself: two lists of record sets in, differences and notices out. Pure.

import { compareSets, keyOf } from './record-sets.js';
import type { Difference, DriftNotice, DriftSide, RecordSet } from './types.js';

export interface DiffOptions {
  /** Only these keys ("name:TYPE") are compared; default: every key on either side. */
  keys?: ReadonlySet<string>;
  /** Compare TTLs (false for recursive resolvers, whose TTLs count down, and for sources without TTLs). */
  compareTtl?: boolean;
  /** The server the observed side came from, recorded on each difference. */
  server?: string;
}

export interface DiffResult {
  differences: Difference[];
  notices: DriftNotice[];
  compared: string[];
}

/**
 * Compares declared with observed sets: `missing` (declared, not observed), `unexpected` (observed,
 * not declared), `changed` (values differ), `ttl` (only the TTL differs). TXT that differs only in
 * how it is split into character-strings is equal here and reported as a `txtChunking` notice.
 */
export function diffRecordSets(declared: readonly RecordSet[], observed: readonly RecordSet[], options: DiffOptions = {}): DiffResult {
  const declaredByKey = indexSets(declared);
  const observedByKey = indexSets(observed);
  const keys = [...new Set([...declaredByKey.keys(), ...observedByKey.keys()])]
    .filter((key) => !options.keys || options.keys.has(key))
    .sort();
  const servers = options.server === undefined ? [] : [options.server];
  const differences: Difference[] = [];
  const notices: DriftNotice[] = [];
  for (const key of keys) {
    const d = declaredByKey.get(key);
    const o = observedByKey.get(key);
    if (d && !o) {
      differences.push({ change: 'missing', name: d.name, type: d.type, declared: sideOf(d), servers });
    } else if (!d && o) {
      differences.push({ change: 'unexpected', name: o.name, type: o.type, observed: sideOf(o), servers });
    } else if (d && o) {
      const sameValues = d.values.length === o.values.length && d.values.every((v, i) => v === o.values[i]);
      if (!sameValues) {
        differences.push({ change: 'changed', name: d.name, type: d.type, declared: sideOf(d), observed: sideOf(o), servers });
      } else if (options.compareTtl !== false && d.ttl !== undefined && o.ttl !== undefined && d.ttl !== o.ttl) {
        differences.push({ change: 'ttl', name: d.name, type: d.type, declared: sideOf(d), observed: sideOf(o), servers });
      }
      if (sameValues) notices.push(...chunkingNotices(d, o, servers));
    }
  }
  differences.sort(compareSets);
  return { differences, notices, compared: keys };
}

function indexSets(sets: readonly RecordSet[]): Map<string, RecordSet> {
  const byKey = new Map<string, RecordSet>();
  for (const set of sets) {
    const key = keyOf(set.name, set.type);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, set);
      continue;
    }
    // The same RRset listed twice (e.g. from two queries): union, so nothing is lost.
    const values = [...new Set([...existing.values, ...set.values])].sort();
    const merged: RecordSet = { ...existing, values };
    if (set.chunks || existing.chunks) merged.chunks = { ...(set.chunks ?? {}), ...(existing.chunks ?? {}) };
    byKey.set(key, merged);
  }
  return byKey;
}

function sideOf(set: RecordSet): DriftSide {
  const side: DriftSide = { values: set.values, source: set.source };
  if (set.ttl !== undefined) side.ttl = set.ttl;
  return side;
}

function chunkingNotices(d: RecordSet, o: RecordSet, servers: string[]): DriftNotice[] {
  if (!d.chunks || !o.chunks) return [];
  const notices: DriftNotice[] = [];
  for (const value of d.values) {
    const a = d.chunks[value];
    const b = o.chunks[value];
    if (!a || !b || (a.length === b.length && a.every((s, i) => s === b[i]))) continue;
    notices.push({
      code: 'txtChunking',
      name: d.name,
      type: d.type,
      servers,
      message: `"${d.name}" ${d.type} is split into strings of ${lengths(a)} characters in ${d.source} and ${lengths(b)} in ${o.source}; the joined text is the same, so this is not drift.`,
    });
  }
  return notices;
}

function lengths(strings: readonly string[]): string {
  return strings.map((s) => s.length).join('+');
}
