import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordsOf } from '../../src/engine/outcome.js';
import { renderJsonLine } from '../../src/report/render-json.js';
import type { DnsRecord, Lookup, RRType } from '../../src/dns/types.js';
import type { DomainReport, ReportRecord } from '../../src/engine/types.js';

/** recordsOf as it was before entries were shared: a key set, then one sort of the entries. */
function reference(lookups: readonly Lookup[]): ReportRecord[] {
  const seen = new Set<string>();
  const entries: ReportRecord[] = [];
  for (const lookup of lookups) {
    const key = `${lookup.name}:${lookup.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const records = lookup.records;
    const values = records.map((r) => r.value).sort();
    const entry: ReportRecord = { name: lookup.name, type: lookup.type, ttl: records[0]?.ttl ?? lookup.negativeTtl ?? 0, values, status: lookup.status, source: lookup.server };
    if (lookup.type === 'TXT' || lookup.type === 'SPF') entry.strings = [...records].sort((a, b) => (a.value < b.value ? -1 : 1)).map((r) => r.strings ?? [r.value]);
    if (lookup.cnames.length > 0) entry.cnames = lookup.cnames.map((c) => c.value);
    entries.push(entry);
  }
  return entries.sort((a, b) => (a.name === b.name ? (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) : a.name < b.name ? -1 : 1));
}

const record = (name: string, type: RRType, value: string, ttl = 300): DnsRecord => ({ name, type, ttl, value, ...(type === 'TXT' ? { strings: [value] } : {}) });

test('recordsOf: one entry per question, the first asked, sorted; shared records give shared frozen entries only when all else matches', () => {
  const names = ['a.example', 'b.example', 'a.example.', 'a-b.example', 'z.example'];
  const types: RRType[] = ['TXT', 'A', 'MX', 'AAAA', 'SPF'];
  const pool = names.flatMap((n) => types.map((t) => record(n, t, `${t} of ${n}`)));
  let seed = 11;
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const lookupOf = (): Lookup => {
    const name = names[next(names.length)]!;
    const type = types[next(types.length)]!;
    const count = next(4);
    const records = Array.from({ length: count }, () => (next(2) ? pool[next(pool.length)]! : record(name, type, `fresh ${next(5)}`, next(3) * 100)));
    const status = count > 0 ? 'answer' : (['nodata', 'nxdomain', 'timeout'] as const)[next(3)]!;
    const lookup: Lookup = { name, type, status, records, cnames: next(5) === 0 ? [record(name, 'CNAME', 'target.example')] : [], server: next(4) ? '192.0.2.53:53' : '198.51.100.1:53' };
    if (next(2)) lookup.negativeTtl = 60;
    return lookup;
  };
  for (let round = 0; round < 300; round++) {
    // Mostly a domain's few dozen lookups (recordsOf's insertion sort), some past its 64 (Array.prototype.sort).
    const lookups = Array.from({ length: round % 10 === 0 ? 60 + next(50) : next(25) }, lookupOf);
    const entries = recordsOf(lookups, [undefined, 'x.example', 'a.example'][round % 3]);
    assert.deepEqual(entries, reference(lookups));
    for (const entry of entries) {
      const report: DomainReport = { domain: 'x.example', status: 'ok', records: [entry, entry], findings: [], rulesRun: Object.freeze(['r']) };
      assert.equal(renderJsonLine(report), `${JSON.stringify(report)}\n`);
    }
  }
});

test('an entry is shared between reports only for the same record, name, type, status and server, and never for the domain\'s own names', () => {
  const shared = record('spf.example', 'TXT', 'v=spf1 -all');
  const ask = (server: string, name = 'spf.example'): Lookup => ({ name, type: 'TXT', status: 'answer', records: [shared], cnames: [], server });
  const [first] = recordsOf([ask('192.0.2.53:53')], 'domain.example');
  const [second] = recordsOf([ask('192.0.2.53:53')], 'domain.example');
  assert.equal(second, first);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first!.values) && Object.isFrozen(first!.strings));
  const [otherServer] = recordsOf([ask('198.51.100.1:53')], 'domain.example');
  assert.notEqual(otherServer, first);
  assert.equal(otherServer!.source, '198.51.100.1:53');
  const [otherName] = recordsOf([ask('192.0.2.53:53', 'other.example')], 'domain.example');
  assert.equal(otherName!.name, 'other.example');
  const own = record('sub.domain.example', 'TXT', 'v=spf1 -all');
  const ownLookup: Lookup = { name: 'sub.domain.example', type: 'TXT', status: 'answer', records: [own], cnames: [], server: '192.0.2.53:53' };
  const [a] = recordsOf([ownLookup], 'domain.example');
  const [b] = recordsOf([ownLookup], 'domain.example');
  assert.notEqual(a, b);
  assert.ok(!Object.isFrozen(a));
  assert.equal(recordsOf([ownLookup], 'main.example')[0], recordsOf([ownLookup], 'main.example')[0], '"sub.domain.example" is not under "main.example"');
});

test('recordsOf: TXT records with the same text split differently come out in one order, whatever order the server sent', () => {
  const whole: DnsRecord = { name: 'example.com', type: 'TXT', ttl: 300, value: 'v=spf1 -all', strings: ['v=spf1 -all'] };
  const split: DnsRecord = { name: 'example.com', type: 'TXT', ttl: 300, value: 'v=spf1 -all', strings: ['v=spf1 ', '-all'] };
  const lookup = (records: DnsRecord[]): Lookup => ({ name: 'example.com', type: 'TXT', status: 'answer', records, cnames: [], server: '192.0.2.53:53' });
  const [a] = recordsOf([lookup([whole, split])]);
  const [b] = recordsOf([lookup([split, whole])]);
  // Code-point order of the strings: "v=spf1 " sorts before "v=spf1 -all".
  assert.deepEqual(a!.strings, [['v=spf1 ', '-all'], ['v=spf1 -all']]);
  assert.deepEqual(b!.strings, a!.strings);
  assert.deepEqual(a!.values, ['v=spf1 -all', 'v=spf1 -all']);
});
