// checkDomains with worker threads (src/engine/check-workers.ts): the same reports as in this thread,
// every domain once, questions answered by the one resolver of the main thread, and a resolver
// that misbehaves never ends the run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDomains, outcomeOf, type CheckOptions, type DomainOutcome } from '../../src/engine/check.js';
import { exitCodeFor } from '../../src/engine/outcome.js';
import { renderJsonLine } from '../../src/report/render-json.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import { emptyStats, type Lookup, type Resolver, type RRType } from '../../src/dns/types.js';
import type { DomainReport, Rule } from '../../src/engine/types.js';
import { allRules } from '../../rules/index.js';

const DOMAINS = Array.from({ length: 30 }, (_, i) => `d${String(i).padStart(2, '0')}.example`);
const ZONE = [
  '$ORIGIN example.', '$TTL 300', '@ SOA ns h 1 2 3 4 300', '@ NS ns',
  ...DOMAINS.map((d, i) => `${d}. TXT "v=spf1 include:shared.example ${i % 3 === 0 ? '+all' : '-all'}"`),
  ...DOMAINS.map((d) => `s1._domainkey.${d}. TXT "v=DKIM1; p="`),
  ...DOMAINS.filter((_, i) => i % 2 === 0).map((d) => `_dmarc.${d}. TXT "v=DMARC1; p=none"`),
  'shared TXT "v=spf1 ip4:192.0.2.0/24 -all"',
].join('\n');

const zoneResolver = (): ZoneResolver => new ZoneResolver([parseZoneFile(ZONE, { file: 'workers.zone' })]);

/** Counts every question the main thread's resolver is asked. */
class CountingResolver implements Resolver {
  readonly asked = new Map<string, number>();
  constructor(private readonly inner: Resolver) {}
  lookup(name: string, type: RRType): Promise<Lookup> {
    this.asked.set(`${name}:${type}`, (this.asked.get(`${name}:${type}`) ?? 0) + 1);
    return this.inner.lookup(name, type);
  }
  stats() { return this.inner.stats(); }
}

async function run(options: Omit<CheckOptions, 'resolver'> & { resolver?: Resolver }): Promise<{ reports: DomainReport[]; streamed: string[] }> {
  const streamed: string[] = [];
  const report = await checkDomains(DOMAINS, {
    resolver: zoneResolver(),
    onDomain: (d) => { streamed.push(d.domain); },
    ...options,
  });
  return { reports: report.domains, streamed };
}

test('two workers give the reports of one thread; selectors per domain and rule settings reach them', async () => {
  const options: Omit<CheckOptions, 'resolver'> = {
    dkimSelectors: (domain) => (domain.endsWith('0.example') ? [] : ['s1']),
    ruleSettings: { 'dmarc-policy-none': { severity: 'error' }, 'dkim-key-revoked': { severity: 'off' } },
  };
  const inProcess = await run({ ...options, workers: 0 });
  const inWorkers = await run({ ...options, workers: 2 });
  assert.deepEqual(inWorkers.reports, inProcess.reports);
  assert.deepEqual([...inWorkers.streamed].sort(), DOMAINS, 'every domain streamed exactly once');
  // The settings were applied in the workers: a rule turned off did not run, a severity was raised.
  const d02 = inWorkers.reports.find((d) => d.domain === 'd02.example')!;
  assert.ok(!d02.rulesRun.includes('dkim-key-revoked'));
  assert.ok(d02.findings.some((f) => f.ruleId === 'dmarc-policy-none' && f.severity === 'error'));
  assert.ok(d02.records.some((r) => r.name === 's1._domainkey.d02.example'), 'its selector was looked up');
  assert.ok(!inWorkers.reports.find((d) => d.domain === 'd10.example')!.records.some((r) => r.name.includes('_domainkey')));
});

test('onDomainLine: the same JSON lines and outcomes from workers as rendered in one thread', async () => {
  const collectLines = async (workers: number): Promise<Map<string, [string, DomainOutcome]>> => {
    const lines = new Map<string, [string, DomainOutcome]>();
    const report = await checkDomains(DOMAINS, {
      resolver: zoneResolver(), dkimSelectors: ['s1'], workers, collect: false,
      onDomainLine: (line, outcome) => { lines.set(outcome.domain, [line, outcome]); },
    });
    assert.deepEqual(report.domains, []);
    return lines;
  };
  const inWorkers = await collectLines(2);
  assert.equal(inWorkers.size, DOMAINS.length);
  assert.deepEqual(inWorkers, await collectLines(0));
  const { reports } = await run({ dkimSelectors: ['s1'], workers: 0 });
  for (const report of reports) {
    const [line, outcome] = inWorkers.get(report.domain)!;
    assert.equal(line, renderJsonLine(report));
    assert.deepEqual(outcome, outcomeOf(report));
    assert.equal(exitCodeFor([outcome], 'warning'), exitCodeFor([report], 'warning'));
  }
});

test('the workers ask the main thread\'s resolver, which sees the same questions as in one thread', async () => {
  const inProcess = new CountingResolver(zoneResolver());
  const inWorkers = new CountingResolver(zoneResolver());
  await run({ resolver: inProcess, dkimSelectors: ['s1'], workers: 0 });
  await run({ resolver: inWorkers, dkimSelectors: ['s1'], workers: 3 });
  assert.deepEqual(new Map([...inWorkers.asked].sort()), new Map([...inProcess.asked].sort()));
});

test('per-domain limits reach the workers', async () => {
  const limits = { maxQueries: 2 };
  const inWorkers = await run({ limits, workers: 2 });
  assert.deepEqual(inWorkers.reports, (await run({ limits, workers: 0 })).reports);
  assert.ok(inWorkers.reports.every((d) => d.status === 'indeterminate'), 'two questions are too few for any domain');
});

/** Answers that break every assumption, and lookups that reject. */
class HostileResolver implements Resolver {
  private n = 0;
  lookup(name: string, type: RRType): Promise<Lookup> {
    this.n += 1;
    switch (this.n % 4) {
      case 0: return Promise.reject(new Error('resolver exploded'));
      case 1: return Promise.resolve({ name, type, status: 'answer', records: null, cnames: [] } as unknown as Lookup);
      case 2: return Promise.resolve({ name, type, status: 'answer', records: [{ name, type, ttl: 1, value: 42 }], cnames: [], server: 'x' } as unknown as Lookup);
      default: return Promise.resolve({ name, type, status: 'timeout', records: [], cnames: [], server: 'x', reason: 'no answer' });
    }
  }
  stats() { return emptyStats(); }
}

test('hostile answers and failing lookups in a worker: every domain reported once, none ok, the run ends', async () => {
  const { reports, streamed } = await run({ resolver: new HostileResolver(), workers: 2 });
  assert.deepEqual([...streamed].sort(), DOMAINS);
  assert.deepEqual(reports.map((d) => d.domain), DOMAINS);
  assert.ok(reports.every((d) => d.status !== 'ok'), reports.map((d) => `${d.domain} ${d.status}`).join(', '));
});

test('an interrupt in worker mode: domains not started are marked, the rest checked', async () => {
  const abort = new AbortController();
  let seen = 0;
  const report = await checkDomains(DOMAINS, {
    resolver: zoneResolver(), workers: 2, concurrency: 2, signal: abort.signal,
    onDomain: () => { if (++seen === 5) abort.abort(); },
  });
  const marked = report.domains.filter((d) => d.error === 'not checked: the run was interrupted');
  assert.equal(report.domains.length, DOMAINS.length);
  assert.ok(marked.length >= DOMAINS.length - 5 - 2, `${marked.length} marked`);
  assert.ok(marked.every((d) => d.status === 'indeterminate'));
  assert.ok(report.domains.filter((d) => !d.error).length >= 5);
});

test('while onDomain waits (output not drained), no domain is handed to a worker', async () => {
  const resolver = new CountingResolver(zoneResolver());
  const started = (): number => DOMAINS.filter((d) => resolver.asked.has(`${d}:TXT`)).length;
  let release!: () => void;
  const drained = new Promise<void>((resolve) => { release = resolve; });
  let handed = 0;
  const run = checkDomains(DOMAINS, { resolver, workers: 2, concurrency: 2, collect: false, onDomain: () => { handed += 1; return drained; } });
  while (handed < 2) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Both lanes finished one domain each and are stuck handing it over: two started, two handed.
  assert.deepEqual([started(), handed], [2, 2]);
  release();
  await run;
  assert.deepEqual([started(), handed], [DOMAINS.length, DOMAINS.length]);
});

test('custom rules (code, not data) keep the run in this thread', async () => {
  const custom: Rule = { ...allRules[0]!, id: 'custom-always', meta: { ...allRules[0]!.meta }, check: (_facts, { report }) => report({ messageId: Object.keys(allRules[0]!.meta.messages)[0]!, subject: { name: 'x' }, data: {} }) } as Rule;
  const { reports } = await run({ rules: [custom], workers: 2 });
  assert.ok(reports.every((d) => d.rulesRun.includes('custom-always')));
});

