// The OpenSPF test suites (../shared/conformance/spf/*.yml): loading the YAML, turning each scenario's
// zonedata into DNS answers by the driver rules of ../shared/conformance/README.md, and an in-memory
// Resolver that serves them. test/helpers/suite-dns-server.ts serves the same answers over real DNS.

import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { DnsRecord, Lookup, LookupStatus, Resolver, ResolverStats, RRType } from '../../src/dns/types.js';
import { emptyStats, normaliseName } from '../../src/dns/types.js';

/** shared/ sits beside the repository (CI clones it there); resolve it from this file, never from cwd. */
export function sharedPath(relative: string): string {
  const path = fileURLToPath(new URL(`../../../shared/${relative}`, import.meta.url));
  if (!existsSync(path)) throw new Error(`conformance data missing: ${path} (clone shared/ beside the repository)`);
  return path;
}

export interface SuiteTest {
  id: string;
  description?: string;
  spec?: string;
  helo: string;
  host: string;
  mailfrom: string;
  /** Acceptable results, old names mapped (unknown -> permerror, error -> temperror). */
  results: string[];
  explanation?: string;
}

export interface SuiteScenario {
  description: string;
  tests: SuiteTest[];
  zone: SuiteZone;
}

interface NameData {
  records: Map<string, DnsRecord[]>;
  /** Types that time out at this name. */
  timeouts: Set<string>;
  /** A bare TIMEOUT entry: every type not listed before it times out. */
  timeoutOthers: boolean;
}

export type SuiteZone = Map<string, NameData>;

const OLD_RESULT_NAMES: Record<string, string> = { unknown: 'permerror', error: 'temperror' };

export function loadSuite(relative: string): SuiteScenario[] {
  const docs = parseAllDocuments(readFileSync(sharedPath(relative), 'utf8'));
  return docs.map((doc) => {
    const data = doc.toJS() as { description: string; tests: Record<string, Record<string, unknown>>; zonedata?: Record<string, unknown[]> };
    const tests = Object.entries(data.tests).map(([id, t]): SuiteTest => {
      const raw = Array.isArray(t.result) ? (t.result as string[]) : [t.result as string];
      const test: SuiteTest = {
        id, helo: String(t.helo ?? ''), host: String(t.host), mailfrom: String(t.mailfrom ?? ''),
        results: raw.map((r) => OLD_RESULT_NAMES[r] ?? r),
      };
      if (typeof t.description === 'string') test.description = t.description;
      if (t.spec !== undefined) test.spec = String(t.spec);
      if (t.explanation !== undefined) test.explanation = String(t.explanation);
      return test;
    });
    return { description: data.description, tests, zone: buildSuiteZone(data.zonedata ?? {}) };
  });
}

function textRecord(name: string, type: 'TXT' | 'SPF', value: unknown): DnsRecord {
  const strings = Array.isArray(value) ? value.map(String) : [String(value)];
  return { name, type, ttl: 300, value: strings.join(''), strings };
}

export function buildSuiteZone(zonedata: Record<string, unknown[]>): SuiteZone {
  const zone: SuiteZone = new Map();
  for (const [rawName, entries] of Object.entries(zonedata)) {
    const name = normaliseName(rawName);
    const data: NameData = { records: new Map(), timeouts: new Set(), timeoutOthers: false };
    let txtNone = false;
    const add = (record: DnsRecord): void => {
      const list = data.records.get(record.type) ?? [];
      list.push(record);
      data.records.set(record.type, list);
    };
    for (const entry of entries ?? []) {
      if (entry === 'TIMEOUT') {
        data.timeoutOthers = true;
        continue;
      }
      const [type, value] = Object.entries(entry as Record<string, unknown>)[0] as [string, unknown];
      if (value === 'TIMEOUT') { data.timeouts.add(type); continue; }
      if (type === 'TXT' && value === 'NONE') { txtNone = true; continue; }
      if (data.timeoutOthers) continue; // nothing in the suite lists types after a bare TIMEOUT
      switch (type) {
        case 'TXT':
        case 'SPF':
          add(textRecord(name, type, value));
          break;
        case 'MX': {
          const [preference, exchange] = value as [number, string];
          const ex = normaliseName(exchange);
          add({ name, type: 'MX', ttl: 300, value: `${preference} ${ex || '.'}`, preference, exchange: ex });
          break;
        }
        case 'PTR':
        case 'CNAME': {
          const target = normaliseName(String(value));
          add({ name, type, ttl: 300, value: target, target });
          break;
        }
        case 'A':
        case 'AAAA':
          add({ name, type, ttl: 300, value: String(value).toLowerCase() });
          break;
        default:
          throw new Error(`suite zonedata: unsupported type ${type} at ${name}`);
      }
    }
    // SPF entries are also served as TXT, after the listed ones, unless the name lists TXT itself.
    const spf = data.records.get('SPF');
    if (spf && !data.records.has('TXT') && !txtNone) {
      for (const r of spf) add({ ...r, type: 'TXT' });
    }
    zone.set(name, data);
  }
  return zone;
}

/** How the zone answers one question, before any CNAME is followed. */
export type SuiteAnswer =
  | { kind: 'timeout' }
  | { kind: 'nxdomain' }
  | { kind: 'nodata' }
  | { kind: 'records'; records: DnsRecord[] }
  | { kind: 'cname'; record: DnsRecord };

export function answerSuiteQuestion(zone: SuiteZone, name: string, type: RRType): SuiteAnswer {
  const data = zone.get(normaliseName(name));
  if (!data) return { kind: 'nxdomain' };
  if (data.timeouts.has(type)) return { kind: 'timeout' };
  const records = data.records.get(type);
  if (records?.length) return { kind: 'records', records };
  const cname = data.records.get('CNAME')?.[0];
  if (cname && type !== 'CNAME') return { kind: 'cname', record: cname };
  if (data.timeoutOthers) return { kind: 'timeout' };
  return { kind: 'nodata' };
}

/** A Resolver over a suite zone, behaving like a recursive resolver: CNAMEs followed, loops an error. */
export class SuiteZoneResolver implements Resolver {
  private readonly counters: ResolverStats = emptyStats();
  constructor(private readonly zone: SuiteZone) {}

  async lookup(rawName: string, type: RRType): Promise<Lookup> {
    this.counters.queries++;
    const name = normaliseName(rawName);
    const cnames: DnsRecord[] = [];
    const seen = new Set<string>();
    let current = name;
    for (;;) {
      const answer = answerSuiteQuestion(this.zone, current, type);
      const done = (status: LookupStatus, records: DnsRecord[] = [], reason?: string): Lookup => {
        const lookup: Lookup = { name, type, status, records, cnames, server: 'suite-zone' };
        if (reason) lookup.reason = reason;
        return lookup;
      };
      if (answer.kind === 'timeout') {
        this.counters.timeouts++;
        return done('timeout', [], 'the suite zone never answers this question');
      }
      if (answer.kind === 'nxdomain' || answer.kind === 'nodata') return done(answer.kind);
      if (answer.kind === 'records') return done('answer', answer.records);
      seen.add(current);
      cnames.push(answer.record);
      current = answer.record.target ?? '';
      if (seen.has(current)) return done('error', [], `CNAME loop at ${current}`);
    }
  }

  stats(): ResolverStats {
    return this.counters;
  }
}
