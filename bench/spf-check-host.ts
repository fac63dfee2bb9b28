// check_host() throughput on the OpenSPF RFC 7208 suite's zone data: maildns's checkHost beside
// mailauth's SPF, both over the same in-memory zone resolver, in one run. Also counts how many suite
// results each gets right. Run: node --import tsx bench/spf-check-host.ts [rounds]

import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { checkHost } from '../src/spf/check-host.js';
import type { Lookup, RRType } from '../src/dns/types.js';
import { loadSuite, SuiteZoneResolver, type SuiteScenario, type SuiteTest } from '../test/spf/suite-zone.js';

type MailauthSpf = (opts: Record<string, unknown>) => Promise<{ status: { result: string } }>;
const { spf: mailauthSpf } = createRequire(import.meta.url)('mailauth/lib/spf') as { spf: MailauthSpf };

const ROUNDS = Number(process.argv[2] ?? 20);
const scenarios = loadSuite('conformance/spf/rfc7208-tests.yml');
const cases: { scenario: SuiteScenario; test: SuiteTest; resolver: SuiteZoneResolver }[] = scenarios.flatMap((scenario) =>
  scenario.tests.map((test) => ({ scenario, test, resolver: new SuiteZoneResolver(scenario.zone) })),
);

/** The same zone answers in the shape of dns.promises.resolve, which mailauth expects. */
function mailauthResolver(resolver: SuiteZoneResolver) {
  return async (name: string, type: string): Promise<unknown[]> => {
    const l: Lookup = await resolver.lookup(name, type as RRType);
    const fail = (code: string): never => { throw Object.assign(new Error(`${code} ${name}`), { code }); };
    if (l.status === 'nxdomain') fail('ENOTFOUND');
    if (l.status === 'nodata') fail('ENODATA');
    if (l.status === 'timeout') fail('ETIMEOUT');
    if (l.status !== 'answer') fail('ESERVFAIL');
    if (type === 'TXT') return l.records.map((r) => r.strings ?? [r.value]);
    if (type === 'MX') return l.records.map((r) => ({ exchange: r.exchange ?? '', priority: r.preference ?? 0 }));
    return l.records.map((r) => r.target ?? r.value);
  };
}

const runners = {
  maildns: async (c: (typeof cases)[number]) =>
    (await checkHost({ ip: c.test.host, sender: c.test.mailfrom, helo: c.test.helo }, { resolver: c.resolver, receiver: 'unknown', defaultExplanation: 'DEFAULT' })).result,
  mailauth: async (c: (typeof cases)[number]) =>
    (await mailauthSpf({ ip: c.test.host, sender: c.test.mailfrom, helo: c.test.helo, mta: 'unknown', resolver: mailauthResolver(c.resolver) })).status.result,
};

// Rounds alternate between the two, so both see the same machine load; the median round is reported.
const names = Object.keys(runners) as (keyof typeof runners)[];
const times: Record<string, number[]> = { maildns: [], mailauth: [] };
const correct: Record<string, number> = { maildns: 0, mailauth: 0 };
for (const name of names) for (const c of cases) if (c.test.results.includes(await runners[name](c))) correct[name]!++;
for (let round = 0; round < ROUNDS; round++) {
  for (const name of round % 2 === 0 ? names : [...names].reverse()) {
    const start = performance.now();
    for (const c of cases) await runners[name](c);
    times[name]!.push(performance.now() - start);
  }
}
for (const name of names) {
  const sorted = [...times[name]!].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${name.padEnd(9)} median round ${median.toFixed(1)} ms for ${cases.length} evaluations = ${(cases.length / (median / 1000)).toFixed(0)} evaluations/s ` +
      `(${((1000 * median) / cases.length).toFixed(1)} µs each; best ${sorted[0]?.toFixed(1)} ms, worst ${sorted[sorted.length - 1]?.toFixed(1)} ms over ${ROUNDS} rounds)  ` +
      `suite results right: ${correct[name]}/${cases.length}`,
  );
}
