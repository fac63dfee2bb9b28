// checkHost beyond the OpenSPF suite: the library contract (counters, trace, queries), HELO checks,
// and that DNS failures and resolver crashes are temperror, never "no record".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHost } from '../../src/spf/check-host.js';
import type { Resolver } from '../../src/dns/types.js';
import { emptyStats } from '../../src/dns/types.js';
import { resolverForZone } from '../helpers/rule-tester.js';

const ZONE = `
@    TXT "v=spf1 include:_spf.example.com a:gone1.example.com mx -all exp=why.example.com"
_spf TXT "v=spf1 ip4:192.0.2.0/25 ~all"
@    MX 10 mx.example.com.
mx   A 198.51.100.7
why  TXT "%{i} may not send for %{d} (%{r})"
mail TXT "v=spf1 a -all"
mail A 203.0.113.5
`;
const resolver = resolverForZone(ZONE);

test('pass through an include: counters, mechanism, trace and queries', async () => {
  const r = await checkHost({ ip: '192.0.2.10', sender: 'alice@example.com', helo: 'mail.example.com' }, { resolver });
  assert.equal(r.result, 'pass');
  assert.equal(r.mechanism, 'include:_spf.example.com');
  assert.equal(r.identity, 'mailfrom');
  assert.equal(r.lookups, 1);
  assert.equal(r.voidLookups, 0);
  assert.deepEqual(r.trace.map((s) => [s.depth, s.event, s.term ?? '']), [
    [0, 'record', ''], [1, 'record', ''], [1, 'match', 'ip4:192.0.2.0/25'], [0, 'match', 'include:_spf.example.com'],
  ]);
  assert.deepEqual(r.queries.map((q) => `${q.type} ${q.name} ${q.status}`), ['TXT example.com answer', 'TXT _spf.example.com answer']);
});

test('fail: exp= explanation with macros, void lookup counted, receiver settable', async () => {
  const r = await checkHost({ ip: '203.0.113.9', sender: 'alice@example.com', helo: 'x.example.net' }, { resolver, receiver: 'mx.receiver.example' });
  assert.equal(r.result, 'fail');
  assert.equal(r.explanation, '203.0.113.9 may not send for example.com (mx.receiver.example)');
  assert.equal(r.lookups, 3);
  assert.equal(r.voidLookups, 1);
  assert.ok(r.queries.some((q) => q.name === 'gone1.example.com' && q.void));
});

test('empty MAIL FROM checks the HELO identity as postmaster@helo', async () => {
  const r = await checkHost({ ip: '203.0.113.5', sender: '', helo: 'mail.example.com' }, { resolver });
  assert.equal(r.identity, 'helo');
  assert.equal(r.domain, 'mail.example.com');
  assert.equal(r.result, 'pass');
});

test('default explanation is a settable macro string', async () => {
  const zone = resolverForZone('@ TXT "v=spf1 -all"');
  const r = await checkHost({ ip: '192.0.2.1', sender: 'bob@example.com' }, { resolver: zone, defaultExplanation: 'no: %{s}' });
  assert.equal(r.explanation, 'no: bob@example.com');
});

test('a timeout on the record is temperror, not none', async () => {
  const r = await checkHost({ ip: '192.0.2.1', sender: 'a@example.com' }, { resolver: resolverForZone('', 'example.com', { 'example.com:TXT': 'timeout' }) });
  assert.equal(r.result, 'temperror');
  assert.match(r.problem ?? '', /timeout/);
});

test('a resolver that throws gives temperror, and checkHost itself never throws', async () => {
  const broken: Resolver = { lookup: async () => { throw new Error('socket closed'); }, stats: emptyStats };
  const r = await checkHost({ ip: '192.0.2.1', sender: 'a@example.com' }, { resolver: broken });
  assert.equal(r.result, 'temperror');
  assert.match(r.problem ?? '', /socket closed/);
});

test('the overall time limit gives temperror', async () => {
  let now = 0;
  const slow: Resolver = { lookup: async (name, type) => { now += 15_000; return resolver.lookup(name, type); }, stats: emptyStats };
  const r = await checkHost({ ip: '203.0.113.9', sender: 'a@example.com' }, { resolver: slow, now: () => now });
  assert.equal(r.result, 'temperror');
  assert.match(r.problem ?? '', /time limit/);
});

test('not an IP, or not a domain: none without a query', async () => {
  const bad = await checkHost({ ip: '300.1.1.1', sender: 'a@example.com' }, { resolver });
  assert.equal(bad.result, 'none');
  const literal = await checkHost({ ip: '192.0.2.1', sender: '', helo: '[192.0.2.1]' }, { resolver });
  assert.equal(literal.result, 'none');
  assert.deepEqual(literal.queries, []);
});

test('neither a resolver nor nameservers is a programming error', async () => {
  await assert.rejects(checkHost({ ip: '192.0.2.1', sender: 'a@example.com' }, {}), /resolver or options.nameservers/);
});
