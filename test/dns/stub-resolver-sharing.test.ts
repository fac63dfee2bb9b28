// Retries across servers, single-flight sharing, the run cache and bounded concurrency.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { rcodeReply, startTestDnsServer, type Script, type TestDnsServer } from '../helpers/test-dns-server.js';
import { ZONE } from './zone-fixture.js';

// A silent server costs one timeout, so it is short; still long enough for a reply on its way to
// arrive on a busy machine. Nothing here asserts durations.
const TIMEOUT_MS = 1000;
const honest: Script = (_q, answer) => [{ kind: 'reply', packet: answer() }];

let first: TestDnsServer;
let second: TestDnsServer;
before(async () => {
  [first, second] = await Promise.all([startTestDnsServer({ records: ZONE }), startTestDnsServer({ records: ZONE })]);
});
after(() => Promise.all([first.close(), second.close()]));

function reset(firstScript: Script, secondScript: Script = honest): void {
  first.script = firstScript;
  second.script = secondScript;
  first.queries.length = 0;
  second.queries.length = 0;
}

test('a retry goes to the next server, which answers', async () => {
  reset(() => []);
  const resolver = new StubResolver({ nameservers: [first.nameserver, second.nameserver], timeoutMs: TIMEOUT_MS, retries: 1 });
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.deepEqual([lookup.status, lookup.server], ['answer', second.nameserver]);
  assert.deepEqual([first.queries.length, second.queries.length], [1, 1]);
  assert.deepEqual([resolver.stats().retries, resolver.stats().timeouts], [1, 1]);
});

test('SERVFAIL from one server moves on to the next; both failing reports every try', async () => {
  reset((q) => [{ kind: 'reply', packet: rcodeReply(q, 'SERVFAIL') }]);
  const resolver = new StubResolver({ nameservers: [first.nameserver, second.nameserver], timeoutMs: TIMEOUT_MS, retries: 1 });
  assert.equal((await resolver.lookup('example.test', 'TXT')).status, 'answer');

  reset((q) => [{ kind: 'reply', packet: rcodeReply(q, 'SERVFAIL') }], () => []);
  const failing = new StubResolver({ nameservers: [first.nameserver, second.nameserver], timeoutMs: TIMEOUT_MS, retries: 1 });
  const lookup = await failing.lookup('example.test', 'TXT');
  assert.equal(lookup.status, 'servfail'); // the server's own word beats a silent one
  assert.equal(lookup.reason, `${first.nameserver}: SERVFAIL; ${second.nameserver}: timeout`);
});

test('with a single server, SERVFAIL is final: no retry', async () => {
  reset((q) => [{ kind: 'reply', packet: rcodeReply(q, 'SERVFAIL') }]);
  const resolver = new StubResolver({ nameservers: [first.nameserver], timeoutMs: TIMEOUT_MS, retries: 2 });
  assert.equal((await resolver.lookup('example.test', 'TXT')).status, 'servfail');
  assert.equal(first.queries.length, 1);
});

test('concurrent askers of one question share one query', async () => {
  reset((_q, answer) => [{ kind: 'reply', packet: answer(), delayMs: 30 }]);
  const resolver = new StubResolver({ nameservers: [first.nameserver], timeoutMs: 1000 });
  const lookups = await Promise.all(Array.from({ length: 5 }, () => resolver.lookup('example.test', 'TXT')));
  assert.ok(lookups.every((l) => l.status === 'answer'));
  assert.equal(first.queries.length, 1);
  assert.deepEqual([resolver.stats().queries, resolver.stats().sharedInFlight], [1, 4]);
});

test('answers are cached for their TTL, negative answers for the SOA minimum', async () => {
  reset(honest);
  let now = 1_000_000;
  const resolver = new StubResolver({ nameservers: [first.nameserver], timeoutMs: 1000, now: () => now });
  await resolver.lookup('example.test', 'TXT');
  await resolver.lookup('EXAMPLE.test.', 'TXT');
  await resolver.lookup('missing.example.test', 'A');
  await resolver.lookup('missing.example.test', 'A');
  assert.equal(first.queries.length, 2);
  assert.equal(resolver.stats().cacheHits, 2);

  now += 61_000; // past the negative TTL (60), within the TXT's 300
  await resolver.lookup('example.test', 'TXT');
  await resolver.lookup('missing.example.test', 'A');
  assert.deepEqual(first.queries.map((q) => q.name), ['example.test', 'missing.example.test', 'missing.example.test']);

  now += 300_000;
  await resolver.lookup('example.test', 'TXT');
  assert.equal(first.queries.length, 4);
  assert.deepEqual(resolver.stats().queriesByType, { TXT: 2, A: 2 });
});

test('timeouts and SERVFAIL are never cached', async () => {
  reset((q) => [{ kind: 'reply', packet: rcodeReply(q, 'SERVFAIL') }]);
  const resolver = new StubResolver({ nameservers: [first.nameserver], timeoutMs: TIMEOUT_MS, retries: 0 });
  await resolver.lookup('example.test', 'TXT');
  first.script = () => [];
  await resolver.lookup('example.test', 'TXT');
  first.script = honest;
  assert.equal((await resolver.lookup('example.test', 'TXT')).status, 'answer');
  assert.equal(first.queries.length, 3);
  assert.equal(resolver.stats().cacheHits, 0);
});

test('no more than maxInFlight questions are outstanding; the rest wait their turn', async () => {
  // Replies wait long enough that two questions on the wire surely overlap, even on a busy machine.
  reset((_q, answer) => [{ kind: 'reply', packet: answer(), delayMs: 200 }]);
  first.maxOutstanding = 0;
  const resolver = new StubResolver({ nameservers: [first.nameserver], timeoutMs: 1000, maxInFlight: 2 });
  const names = ['a', 'b', 'c', 'd', 'e', 'f'].map((label) => `${label}.example.test`);
  const lookups = await Promise.all(names.map((name) => resolver.lookup(name, 'A')));
  assert.ok(lookups.every((l) => l.status === 'nxdomain'));
  assert.equal(first.queries.length, 6);
  assert.equal(first.maxOutstanding, 2);
});

test('a server that is down (port unreachable) fails fast as an indeterminate error, tried again', async () => {
  // A port just released has nobody listening; the kernel answers ICMP port unreachable.
  const probe = createSocket('udp4');
  await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
  const port = probe.address().port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const resolver = new StubResolver({ nameservers: [`127.0.0.1:${port}`], timeoutMs: 5000, retries: 1 });
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.equal(lookup.status, 'error');
  assert.equal(lookup.reason, `UDP: ECONNREFUSED after 2 tries (127.0.0.1:${port})`);
  assert.deepEqual([resolver.stats().udp, resolver.stats().timeouts], [2, 0]);
});

test('many questions in flight raise no listener-leak warning', async () => {
  reset((_q, answer) => [{ kind: 'reply', packet: answer(), delayMs: 10 }]);
  const warnings: string[] = [];
  const onWarning = (warning: Error): void => { warnings.push(warning.name); };
  process.on('warning', onWarning);
  try {
    const resolver = new StubResolver({ nameservers: [first.nameserver], timeoutMs: 1000, maxInFlight: 40 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => resolver.lookup(`n${i}.example.test`, 'A')));
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings, []);
});
