// A domain's budget (src/limits.ts) under a hostile SPF tree: maildns must not send thousands of
// queries on a record's say-so, nor wait for a slow-drip server without end. Past a limit the rest
// is indeterminate with the reason; what was answered stays in the report.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { checkDomains } from '../../src/engine/check.js';
import { MAX_DOMAIN_ANSWER_BYTES, MAX_QUERIES_PER_DOMAIN } from '../../src/limits.js';
import { emptyStats, type Lookup, type Resolver, type RRType } from '../../src/dns/types.js';
import { startTestDnsServer, type Script } from '../helpers/test-dns-server.js';
import { checkVictim, DOMAIN, TIMEOUT_MS } from './victim.js';

/** An SPF record at wK.victim.test: 40 a: terms and two includes further down, so the tree fans out. */
function hostileSpf(k: number): string {
  const terms = Array.from({ length: 40 }, (_, i) => `a:h${i}.w${k}.${DOMAIN}`);
  return `v=spf1 ${terms.join(' ')} include:w${2 * k + 1}.${DOMAIN} include:w${2 * k + 2}.${DOMAIN} -all`;
}

const chunk = (value: string): string[] => value.match(/.{1,255}/g)!;

/** Honest for the victim; TXT at wK.victim.test is the hostile tree; every hN.wK name has one address. */
const fanOut: Script = (q, answer) => {
  const match = /^w(\d+)\.victim\.test$/i.exec(q.name);
  const base = { type: 'response' as const, id: q.id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ name: q.name, type: q.type as dnsPacket.RecordType, class: 'IN' as const }] };
  if (match && q.type === 'TXT') return [{ kind: 'reply', packet: { ...base, answers: [{ name: q.name, type: 'TXT', ttl: 300, data: chunk(hostileSpf(Number(match[1]))) }] } }];
  if (/^h\d+\.w\d+\.victim\.test$/i.test(q.name) && q.type === 'A') return [{ kind: 'reply', packet: { ...base, answers: [{ name: q.name, type: 'A', ttl: 300, data: '192.0.2.1' }] } }];
  if (/\.w\d+\.victim\.test$|^w\d+\.victim\.test$/i.test(q.name)) return [{ kind: 'reply', packet: base }]; // NODATA
  return [{ kind: 'reply', packet: answer() }];
};

test(`a fanning SPF tree: at most ${MAX_QUERIES_PER_DOMAIN} questions, the rest indeterminate with the reason, exit 3`, { timeout: 60_000 }, async () => {
  const run = await checkVictim(fanOut, {
    replace: (r) => r.name === DOMAIN && r.type === 'TXT',
    extra: [{ name: DOMAIN, type: 'TXT', ttl: 300, data: [`v=spf1 include:w0.${DOMAIN} -all`] }],
  });
  // Unbounded, this tree asks about 200 records × 80 address questions = 16,000 queries.
  assert.ok(run.queries.length <= MAX_QUERIES_PER_DOMAIN, `${run.queries.length} queries sent`);
  assert.ok(run.queries.length >= MAX_QUERIES_PER_DOMAIN - 10, 'the budget was used, not cut early');
  assert.equal(run.code, 3);
  const domain = run.report.domains[0];
  assert.equal(domain.status, 'indeterminate');
  const limit = domain.findings.filter((f: any) => f.ruleId === 'dns-lookup-indeterminate' && /limit of 300 DNS questions per domain/.test(f.message));
  assert.equal(limit.length, 1, 'one finding says the limit was reached');
  assert.match(limit[0].message, /; \d+ more questions were not asked either/);
  assert.ok(domain.records.length <= MAX_QUERIES_PER_DOMAIN + 1, `${domain.records.length} records listed`);
  // The rest of the domain was checked before the tree used the budget up.
  for (const name of [`_dmarc.${DOMAIN} TXT answer`, `${DOMAIN} MX answer`]) {
    assert.ok(domain.records.some((r: any) => `${r.name} ${r.type} ${r.status}` === name), name);
  }
});

test('a slow-drip server: the per-domain deadline ends the domain, the rest of the batch is unaffected', { timeout: 60_000 }, async (t) => {
  // Every answer about the drip domain's SPF chain comes just inside the timeout: 50 includes deep,
  // that would take 50 × 0.6 s. The deadline ends it; the other domain is checked normally.
  const records: dnsPacket.Answer[] = [
    { name: 'drip.test', type: 'TXT', ttl: 300, data: ['v=spf1 include:d1.drip.test -all'] },
    ...Array.from({ length: 50 }, (_, i): dnsPacket.Answer => ({ name: `d${i + 1}.drip.test`, type: 'TXT', ttl: 300, data: [`v=spf1 include:d${i + 2}.drip.test -all`] })),
    { name: 'calm.test', type: 'TXT', ttl: 300, data: ['v=spf1 -all'] },
    { name: '_dmarc.calm.test', type: 'TXT', ttl: 300, data: ['v=DMARC1; p=reject'] },
  ];
  const server = await startTestDnsServer({
    records,
    script: (q, answer) => [{ kind: 'reply', packet: answer(), ...(/^d\d+\.drip\.test$/.test(q.name) ? { delayMs: TIMEOUT_MS * 0.6 } : {}) }],
  });
  t.after(() => server.close());
  const resolver = new StubResolver({ nameservers: [server.nameserver], timeoutMs: TIMEOUT_MS, retries: 0 });
  t.after(() => resolver.close());
  const report = await checkDomains(['drip.test', 'calm.test'], { resolver, limits: { deadlineMs: 3000 } });
  const [calm, drip] = report.domains;
  assert.equal(drip!.status, 'indeterminate');
  const late = drip!.findings.filter((f) => f.ruleId === 'dns-lookup-indeterminate');
  assert.equal(late.length, 1, late.map((f) => f.message).join('\n'));
  assert.match(late[0]!.message, /timeout \(not answered within the per-domain deadline of 3000 ms\)/);
  assert.ok(server.queries.filter((q) => q.name.endsWith('drip.test')).length < 40, 'the chain was not followed to its end');
  assert.ok(drip!.records.some((r) => r.name === 'd1.drip.test' && r.status === 'answer'), 'what came in time is kept');
  assert.notEqual(calm!.status, 'indeterminate');
  assert.ok(calm!.findings.every((f) => !f.indeterminate));
});

test('an SPF tree of large records: at most 64 KiB of record data per domain, the rest indeterminate', { timeout: 60_000 }, async () => {
  // Each record is 14 KB of "a" terms and includes two more; unbounded, the 200-record tree took over
  // a minute and 2 GB to walk (every term is a node of the tree the rules read).
  const asked: string[] = [];
  const resolver: Resolver = {
    async lookup(name: string, type: RRType): Promise<Lookup> {
      asked.push(`${name} ${type}`);
      const match = /^(?:w(\d+)\.)?big\.test$/.exec(name);
      if (match && type === 'TXT') {
        const k = Number(match[1] ?? -1);
        const value = `v=spf1 include:w${2 * k + 2}.big.test include:w${2 * k + 3}.big.test ${Array(7000).fill('a').join(' ')} -all`;
        return { name, type, status: 'answer', records: [{ name, type, ttl: 300, value, strings: chunk(value) }], cnames: [], server: 'fixture' };
      }
      return { name, type, status: 'nodata', records: [], cnames: [], server: 'fixture' };
    },
    stats: emptyStats,
  };
  const report = await checkDomains(['big.test'], { resolver });
  const domain = report.domains[0]!;
  assert.equal(domain.status, 'indeterminate');
  const kept = domain.records.reduce((sum, r) => sum + r.values.reduce((n, v) => n + Buffer.byteLength(v), 0), 0);
  assert.ok(kept <= MAX_DOMAIN_ANSWER_BYTES, `${kept} bytes kept`);
  const limit = domain.findings.filter((f) => /limit of 65536 bytes of record data per domain/.test(f.message));
  assert.equal(limit.length, 1);
  assert.ok(asked.length < 50, `${asked.length} questions`);
});
