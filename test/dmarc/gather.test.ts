// The RFC 9989 tree walk as maildns runs it over zone files: which names it asks, where it stops,
// which record applies and what the organisational domain is (mailauth's walk tests, replayed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_WALK_QUERIES, walkTargets } from '../../src/dmarc/tree-walk.js';
import { factsForCase } from '../helpers/rule-tester.js';

test('walk targets drop one label at a time down to the TLD', () => {
  assert.deepEqual(walkTargets('a.mail.example.com'), ['mail.example.com', 'example.com', 'com']);
  assert.deepEqual(walkTargets('com'), []);
});

test('a name of 8 or more labels jumps to its 7 rightmost, so at most 8 queries in all (RFC 9989 §4.10)', () => {
  assert.deepEqual(walkTargets('a.b.c.d.e.f.g.h.i.example.com'), [
    'e.f.g.h.i.example.com', 'f.g.h.i.example.com', 'g.h.i.example.com', 'h.i.example.com', 'i.example.com', 'example.com', 'com',
  ]);
  const deep = Array.from({ length: 40 }, (_, i) => `l${i}`).join('.');
  assert.equal(1 + walkTargets(deep).length, MAX_WALK_QUERIES);
});

test('own record: no walk when every report destination is inside the domain', async () => {
  const facts = await factsForCase({ zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"', name: '' });
  assert.equal(facts.dmarc.policy?.inherited, false);
  assert.deepEqual(facts.dmarc.walk, []);
  assert.deepEqual(facts.dmarc.reportDestinations, []);
});

test('no own record: the organisational domain\'s record applies, found by the walk', async () => {
  const facts = await factsForCase({ zone: '_dmarc.example.com. TXT "v=DMARC1; p=quarantine"', domain: 'a.b.example.com', name: '' });
  assert.deepEqual(facts.dmarc.walk.map((l) => l.name), ['_dmarc.b.example.com', '_dmarc.example.com', '_dmarc.com']);
  assert.equal(facts.dmarc.orgDomain, 'example.com');
  assert.equal(facts.dmarc.policy?.name, '_dmarc.example.com');
  assert.equal(facts.dmarc.policy?.inherited, true);
});

test('an intermediate record without psd is not the org domain: the shortest one is (RFC 9989 §4.10.2)', async () => {
  const zone = '_dmarc.b.example.com. TXT "v=DMARC1; p=reject"\n_dmarc.example.com. TXT "v=DMARC1; p=none"';
  const facts = await factsForCase({ zone, domain: 'a.b.example.com', name: '' });
  assert.equal(facts.dmarc.orgDomain, 'example.com');
  assert.equal(facts.dmarc.policy?.parsed.record?.p, 'none');
});

test('psd=n at an intermediate label stops the walk and makes it the org domain (mailauth)', async () => {
  const zone = '_dmarc.b.example.com. TXT "v=DMARC1; p=reject; psd=n"\n_dmarc.example.com. TXT "v=DMARC1; p=none"';
  const facts = await factsForCase({ zone, domain: 'a.b.example.com', name: '' });
  assert.deepEqual(facts.dmarc.walk.map((l) => l.name), ['_dmarc.b.example.com']);
  assert.equal(facts.dmarc.orgDomain, 'b.example.com');
  assert.equal(facts.dmarc.policy?.parsed.record?.p, 'reject');
});

test('psd=y: the org domain is one label below the public suffix, whose record applies when the org has none (RFC 9989 B.4.3)', async () => {
  const zone = '_dmarc.bank.example. TXT "v=DMARC1; p=reject; psd=y"';
  const facts = await factsForCase({ zone, domain: 'mail.giant.bank.example', name: '' });
  assert.equal(facts.dmarc.orgDomain, 'giant.bank.example');
  assert.equal(facts.dmarc.policy?.name, '_dmarc.bank.example');
});

test('the org domain\'s own record wins over the PSD\'s (mailauth: "PSD policy is not used…")', async () => {
  const zone = '_dmarc.example. TXT "v=DMARC1; p=reject; psd=y"\n_dmarc.foo.example. TXT "v=DMARC1; p=none"';
  const facts = await factsForCase({ zone, domain: 'mail.foo.example', name: '' });
  assert.equal(facts.dmarc.orgDomain, 'foo.example');
  assert.equal(facts.dmarc.policy?.name, '_dmarc.foo.example');
  assert.equal(facts.dmarc.policy?.parsed.record?.p, 'none');
});

test('a failed walk step makes absence indeterminate; an own record stays known', async () => {
  const missing = await factsForCase({ zone: '@ A 192.0.2.1', domain: 'mail.example.com', faults: { '_dmarc.example.com': 'timeout' }, name: '' });
  assert.equal(missing.dmarc.indeterminate, true);
  assert.equal(missing.dmarc.policy, undefined);
  const own = await factsForCase({
    zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:x@vendor.example"',
    faults: { '_dmarc.com': 'servfail' },
    name: '',
  });
  assert.equal(own.dmarc.indeterminate, false);
  assert.equal(own.dmarc.policy?.parsed.record?.p, 'reject');
  // Without an organisational domain an outside host cannot be called external: no lookup, no claim.
  assert.deepEqual(own.dmarc.reportDestinations, []);
});
