// Static analysis figures: exact worst-case lookups and void lookups on trees that share includes, use
// CIDR on a/mx, put redirect beside all, loop, carry macros, or hit a failing lookup.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSpf } from '../../src/spf/analyse-domain.js';
import type { SpfNode } from '../../src/spf/facts.js';
import { resolverForZone, type RuleCase } from '../helpers/rule-tester.js';

const analyse = (zone: string, faults: RuleCase['faults'] = {}) => analyseSpf('example.com', { resolver: resolverForZone(zone, 'example.com', faults) });

const SHARED = `
@   TXT "v=spf1 include:a.example.com include:b.example.com -all"
a   TXT "v=spf1 include:s.example.com"
b   TXT "v=spf1 include:s.example.com ip4:192.0.2.0/24"
s   TXT "v=spf1 a:h.example.com a:h.example.com mx:h.example.com"
h   A 192.0.2.1
h   MX 10 h.example.com.
`;

test('a subtree included twice costs twice', async () => {
  const a = await analyse(SHARED);
  // include:a (1) + include:s (1) + 3, twice
  assert.equal(a.lookups, 10);
  const [incA, incB] = a.tree?.terms ?? [];
  assert.equal(incA?.subtreeLookups, 5);
  assert.equal(incB?.subtreeLookups, 5);
  assert.equal(incA?.child?.terms[0]?.child?.lookups, 3);
});

test('void lookups under both readings, on every path', async () => {
  const a = await analyse(SHARED);
  // h has no AAAA: each of the 3 address lookups in s is void for an IPv6 client, on both paths.
  assert.deepEqual(a.voidReadings, { ipv4Client: 0, ipv6Client: 6, addressPair: 0 });
  assert.equal(a.voidLookups, 6);
  assert.match(a.countingPolicy, /client's address family/);
});

test('CIDR suffixes are stripped from a and mx targets', async () => {
  const a = await analyse(`
@ TXT "v=spf1 a:h.example.com/24 mx:m.example.com/24//64 a/28 -all"
@ A 192.0.2.9
h A 192.0.2.1
h AAAA 2001:db8::1
m MX 10 h.example.com.
`);
  const terms = a.tree?.terms ?? [];
  assert.deepEqual(terms.map((t) => t.target), ['h.example.com', 'm.example.com', 'example.com', undefined]);
  assert.equal(a.lookups, 3);
  assert.equal(terms[1]?.mxExchanges, 1);
  assert.deepEqual(a.voidReadings, { ipv4Client: 0, ipv6Client: 1, addressPair: 0 }); // example.com has no AAAA
});

test('redirect beside all is neither counted nor followed; exp and mechanisms after all are not counted', async () => {
  const a = await analyse(`@ TXT "v=spf1 a:h.example.com -all a:h.example.com exp=x.example.com redirect=r.example.com"\nh A 192.0.2.1\nh AAAA 2001:db8::1`);
  assert.equal(a.lookups, 1);
  const redirect = a.tree?.terms.find((t) => t.kind === 'redirect');
  assert.equal(redirect?.ignored, 'redirect-beside-all');
  assert.equal(redirect?.child, undefined);
  assert.equal(a.tree?.terms[2]?.ignored, 'after-all');
  assert.deepEqual(a.findings.map((f) => f.ruleId).sort(), ['spf-redirect-with-all', 'spf-terms-after-all']);
});

test('a loop ends the path and is reported with it', async () => {
  const a = await analyse(`@ TXT "v=spf1 include:a.example.com -all"\na TXT "v=spf1 redirect=example.com"`);
  assert.equal(a.lookups, 2);
  const loop = a.tree?.terms[0]?.child?.terms[0]?.child as SpfNode;
  assert.equal(loop.status, 'loop');
  assert.deepEqual(loop.path, ['example.com', 'a.example.com', 'example.com']);
  assert.ok(a.findings.some((f) => f.ruleId === 'spf-include-loop'));
});

test('macro terms count 1 and are marked not resolvable statically', async () => {
  const a = await analyse(`@ TXT "v=spf1 exists:%{i}.bl.example.com include:%{d2}.spf.example.net -all"`);
  assert.equal(a.lookups, 2);
  assert.deepEqual(a.tree?.terms.map((t) => t.macro), [true, true, undefined]);
});

test('a failed lookup is indeterminate: not void, not "no record"', async () => {
  const a = await analyse(`@ TXT "v=spf1 include:slow.example.com a:h.example.com -all"`, { 'slow.example.com:TXT': 'timeout', 'h.example.com': 'servfail' });
  assert.equal(a.indeterminate, true);
  assert.equal(a.tree?.terms[0]?.child?.status, 'indeterminate');
  assert.deepEqual(a.voidReadings, { ipv4Client: 0, ipv6Client: 0, addressPair: 0 });
  assert.deepEqual(a.findings.filter((f) => f.ruleId === 'spf-include-without-spf'), []);
});

test('no SPF record: figures are zero and spf-missing reports it', async () => {
  const a = await analyse(`@ TXT "hello"`);
  assert.equal(a.record, null);
  assert.equal(a.tree, null);
  assert.deepEqual(a.findings.map((f) => f.messageId), ['noSpfRecord']);
});

test('gathering records every lookup of the tree once, for the report', async () => {
  const { gatherDomainFacts } = await import('../../src/engine/gather.js');
  const facts = await gatherDomainFacts('example.com', { resolver: resolverForZone(SHARED), dkimSelectors: [] });
  const asked = facts.lookups.map((l) => `${l.type} ${l.name}`);
  for (const q of ['TXT a.example.com', 'TXT b.example.com', 'TXT s.example.com', 'A h.example.com', 'AAAA h.example.com', 'MX h.example.com']) {
    assert.equal(asked.filter((a) => a === q).length, 1, q);
  }
  assert.equal(facts.spf?.lookups, 10);
});

test('terms that query nothing are one frozen node shared by every tree; counted terms are per tree', async () => {
  const zone = `
@     TXT "v=spf1 include:p.example.com a:h.example.com ip4:198.51.100.0/24 -all"
p     TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all"
h     A 192.0.2.1
`;
  const [one, two] = [await analyse(zone), await analyse(zone)];
  const provider = (a: typeof one) => a.tree?.terms[0]?.child;
  assert.ok(provider(one) !== provider(two), 'nodes carry per-path data and stay per tree');
  assert.equal(provider(one)?.terms[0], provider(two)?.terms[0]);
  assert.ok(Object.isFrozen(provider(one)?.terms[0]));
  assert.throws(() => {
    (provider(one)!.terms[0] as { text: string }).text = 'changed';
  }, TypeError);
  assert.notEqual(one.tree?.terms[1], two.tree?.terms[1]);
  assert.equal(one.tree?.terms[2], two.tree?.terms[2]);
  assert.deepEqual(provider(one)?.terms.map((t) => [t.text, t.counted, t.subtreeLookups]), [
    ['ip4:192.0.2.0/24', false, 0], ['ip6:2001:db8::/32', false, 0], ['~all', false, 0],
  ]);
  assert.equal(one.lookups, 2);
});
