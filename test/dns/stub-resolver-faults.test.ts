// Every way a server (or a spoofer) can misbehave, and what the resolver makes of it. Timeouts,
// SERVFAIL and garbage must come out indeterminate — never as a missing record.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBlackHole } from '../helpers/black-hole.js';
import { randomBytes } from 'node:crypto';
import * as dnsPacket from 'dns-packet';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { isIndeterminate } from '../../src/dns/types.js';
import { rcodeReply, startTestDnsServer, type Action, type Script, type TestDnsServer } from '../helpers/test-dns-server.js';
import { SPF, ZONE } from './zone-fixture.js';

// Nothing here asserts how long anything took. Where a reply is expected the timeout is generous (it is
// never reached, and a loaded machine cannot make the test flaky); where silence is the point it is short.
const ANSWER_TIMEOUT_MS = 5000;
const SILENCE_TIMEOUT_MS = 200;
/** Long enough for a reply that is on its way to arrive even on a busy machine. */
const SLOW_TIMEOUT_MS = 1000;

let server: TestDnsServer;
before(async () => { server = await startTestDnsServer({ records: ZONE }); });
after(() => server.close());

const honest: Script = (_q, answer) => [{ kind: 'reply', packet: answer() }];

function resolverFor(script: Script, options: { retries?: number; timeoutMs?: number } = {}): StubResolver {
  server.script = script;
  server.queries.length = 0;
  return new StubResolver({ nameservers: [server.nameserver], timeoutMs: options.timeoutMs ?? ANSWER_TIMEOUT_MS, retries: options.retries ?? 0 });
}

test('an honest answer: records, rcode, AA, server, UDP with EDNS0 advertising 1232 bytes', async () => {
  const resolver = resolverFor(honest);
  const lookup = await resolver.lookup('Example.Test.', 'TXT');
  assert.equal(lookup.status, 'answer');
  assert.equal(lookup.name, 'example.test');
  assert.deepEqual(lookup.records.map((r) => [r.value, r.strings, r.ttl]), [[SPF, [SPF], 300]]);
  assert.deepEqual([lookup.rcode, lookup.aa, lookup.server, lookup.tcp], ['NOERROR', true, server.nameserver, undefined]);
  assert.deepEqual(server.queries.map((q) => [q.transport, q.ednsUdpSize, q.recursionDesired]), [['udp', 1232, true]]);
});

test('NXDOMAIN and NODATA are definite, with the negative TTL from the SOA (min of TTL and MINIMUM)', async () => {
  const resolver = resolverFor(honest);
  const nx = await resolver.lookup('missing.example.test', 'TXT');
  assert.deepEqual([nx.status, nx.rcode, nx.negativeTtl], ['nxdomain', 'NXDOMAIN', 60]);
  const nodata = await resolver.lookup('www.example.test', 'TXT');
  assert.deepEqual([nodata.status, nodata.rcode, nodata.negativeTtl], ['nodata', 'NOERROR', 60]);
});

test('a server that never answers: timeout after every try, indeterminate, counted', async () => {
  const resolver = resolverFor(() => [], { retries: 2, timeoutMs: SILENCE_TIMEOUT_MS });
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.equal(lookup.status, 'timeout');
  assert.ok(isIndeterminate(lookup.status));
  assert.match(lookup.reason ?? '', /timeout after 3 tries/);
  assert.equal(lookup.tcp, undefined, 'a UDP failure does not claim TCP');
  assert.equal(server.queries.length, 3);
  const stats = resolver.stats();
  assert.deepEqual([stats.udp, stats.retries, stats.timeouts, stats.queries], [3, 2, 3, 1]);
});

test('a reply slower than the timeout is dropped with its socket; the retry is answered', async () => {
  const resolver = resolverFor(
    (q, answer) => (server.queries.length === 1 ? [{ kind: 'reply', packet: answer(), delayMs: SLOW_TIMEOUT_MS * 2 }] : honest(q, answer)),
    { retries: 1, timeoutMs: SLOW_TIMEOUT_MS },
  );
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.equal(lookup.status, 'answer');
  assert.deepEqual([resolver.stats().timeouts, resolver.stats().retries], [1, 1]);
});

for (const [rcode, status] of [['SERVFAIL', 'servfail'], ['REFUSED', 'refused'], ['NOTIMP', 'error'], ['FORMERR', 'error']] as const) {
  test(`${rcode} is indeterminate (${status}) and keeps the rcode`, async () => {
    const resolver = resolverFor((q) => [{ kind: 'reply', packet: rcodeReply(q, rcode) }]);
    const lookup = await resolver.lookup('example.test', 'TXT');
    assert.deepEqual([lookup.status, lookup.rcode], [status, rcode]);
    assert.ok(isIndeterminate(lookup.status));
    assert.match(lookup.reason ?? '', new RegExp(rcode));
  });
}

test('FORMERR without the question echoed is still taken as the answer', async () => {
  const resolver = resolverFor((q) => [{ kind: 'reply', packet: rcodeReply(q, 'FORMERR', { echoQuestion: false }) }]);
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.deepEqual([lookup.status, lookup.rcode], ['error', 'FORMERR']);
});

const spoofed = (q: { id: number; name: string; type: string }): dnsPacket.Packet => ({
  type: 'response', id: q.id, flags: dnsPacket.AUTHORITATIVE_ANSWER,
  questions: [{ name: q.name, type: q.type as dnsPacket.RecordType, class: 'IN' }],
  answers: [{ name: q.name, type: 'TXT', ttl: 86400, data: ['v=spf1 +all'] }],
});

const spoofCases: Array<[string, (q: Parameters<Script>[0], answer: () => dnsPacket.Packet) => Action]> = [
  ['a wrong id', (q) => ({ kind: 'reply', packet: { ...spoofed(q), id: (q.id + 1) & 0xffff } })],
  ['a wrong question name', (q) => ({ kind: 'reply', packet: { ...spoofed(q), questions: [{ name: 'evil.test', type: 'TXT', class: 'IN' }] } })],
  ['a wrong question type', (q) => ({ kind: 'reply', packet: { ...spoofed(q), questions: [{ name: q.name, type: 'A', class: 'IN' }] } })],
  ['a wrong question class', (q) => ({ kind: 'reply', packet: { ...spoofed(q), questions: [{ name: q.name, type: 'TXT', class: 'CH' }] } })],
  ['another source port', (q) => ({ kind: 'reply', packet: spoofed(q), fromOtherPort: true })],
  ['the QR bit clear', (q) => ({ kind: 'reply', packet: { ...spoofed(q), type: 'query' } })],
  ['another opcode (NOTIFY)', (q) => ({ kind: 'reply', packet: { ...spoofed(q), flags: (spoofed(q).flags ?? 0) | (4 << 11) } })],
];

for (const [what, spoof] of spoofCases) {
  test(`a reply with ${what} is ignored and the real answer that follows is accepted`, async () => {
    const resolver = resolverFor((q, answer) => [spoof(q, answer), { kind: 'reply', packet: answer(), delayMs: 20 }]);
    const lookup = await resolver.lookup('example.test', 'TXT');
    assert.equal(lookup.status, 'answer');
    assert.deepEqual(lookup.records.map((r) => r.value), [SPF]);
  });

  test(`a reply with ${what} alone leaves the lookup timed out, not answered`, async () => {
    const resolver = resolverFor((q, answer) => [spoof(q, answer)], { timeoutMs: SILENCE_TIMEOUT_MS });
    assert.equal((await resolver.lookup('example.test', 'TXT')).status, 'timeout');
  });
}

test('the question is matched case-insensitively (a server may echo 0x20 mixed case)', async () => {
  const resolver = resolverFor((_q, answer) => {
    const packet = answer();
    return [{ kind: 'reply', packet: { ...packet, questions: [{ name: 'ExAmPlE.TeSt', type: 'TXT', class: 'IN' }] } }];
  });
  assert.equal((await resolver.lookup('example.test', 'TXT')).status, 'answer');
});

test('garbage alone is malformed; garbage before the real answer is ignored', async () => {
  const garbage = (): Action => ({ kind: 'raw', bytes: randomBytes(7) });
  const alone = await resolverFor(() => [garbage()], { timeoutMs: SLOW_TIMEOUT_MS }).lookup('example.test', 'TXT');
  assert.equal(alone.status, 'malformed');
  assert.match(alone.reason ?? '', /undecodable reply of 7 bytes/);
  const mixed = await resolverFor((_q, answer) => [garbage(), { kind: 'reply', packet: answer(), delayMs: 20 }]).lookup('example.test', 'TXT');
  assert.equal(mixed.status, 'answer');
});

test('a matching reply whose SPF rdata lies about its length is malformed, never a record', async () => {
  const resolver = resolverFor((q, answer) => [{
    kind: 'reply',
    packet: { ...answer(), answers: [{ name: q.name, type: 'SPF' as dnsPacket.RecordType, ttl: 60, data: Buffer.from([200, 0x76, 0x3d]) } as dnsPacket.Answer] },
  }]);
  const lookup = await resolver.lookup('example.test', 'SPF');
  assert.equal(lookup.status, 'malformed');
  assert.match(lookup.reason ?? '', /claims 200 bytes/);
});

test('a referral (NS without SOA, AA clear) is not NODATA: the server is not authoritative', async () => {
  const resolver = resolverFor((q) => [{
    kind: 'reply',
    packet: {
      type: 'response', id: q.id, flags: 0, questions: [{ name: q.name, type: 'TXT', class: 'IN' }],
      authorities: [{ name: 'example.test', type: 'NS', ttl: 300, data: 'ns1.example.test' }],
    },
  }]);
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.equal(lookup.status, 'error');
  assert.match(lookup.reason ?? '', /referral to ns1\.example\.test/);
});

test('NOERROR whose answers are all for another name or type is malformed, never NODATA', async () => {
  const reply = (answers: dnsPacket.Answer[]): Script => (q) => [{
    kind: 'reply',
    packet: { type: 'response', id: q.id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ name: q.name, type: q.type as dnsPacket.RecordType, class: 'IN' }], answers },
  }];
  const cases: Array<[string, dnsPacket.Answer[]]> = [
    ['another name', [{ name: 'elsewhere.test', type: 'TXT', ttl: 60, data: ['v=spf1 -all'] }]],
    ['another type', [{ name: 'example.test', type: 'A', ttl: 60, data: '192.0.2.1' }]],
  ];
  for (const [what, answers] of cases) {
    const lookup = await resolverFor(reply(answers)).lookup('example.test', 'TXT');
    assert.equal(lookup.status, 'malformed', what);
    assert.ok(isIndeterminate(lookup.status), what);
    assert.deepEqual(lookup.records, [], what);
  }
  // A CNAME for the name is an answer to follow, not a mismatch (checked with the honest zone elsewhere).
});

test('a first nameserver that stopped answering costs one timeout, not one per question: tries start at the server that answered last', async (t) => {
  const blackHole = await startBlackHole();
  t.after(() => blackHole.close());
  server.script = honest;
  server.queries.length = 0;
  // The silent server's one timeout is the test's only wait; the generous timeout keeps a slow reply
  // from the honest one (a busy machine) from counting as a second.
  const resolver = new StubResolver({ nameservers: [blackHole.nameserver, server.nameserver], timeoutMs: 3000, retries: 1 });
  for (const name of ['example.test', 'www.example.test', 'missing.example.test', '_dmarc.example.test']) {
    const lookup = await resolver.lookup(name, 'TXT');
    assert.ok(!isIndeterminate(lookup.status), `${name}: ${lookup.status}`);
    assert.equal(lookup.server, server.nameserver);
  }
  assert.equal(blackHole.datagrams(), 1, 'only the first question went to the silent server');
  assert.equal(server.queries.length, 4);
  assert.equal(resolver.stats().timeouts, 1);
});

test('a nameserver that answers REFUSED does not keep the first place: without retries, later questions still reach a server that answers', async (t) => {
  const refuser = await startTestDnsServer({ records: ZONE, script: (q) => [{ kind: 'reply', packet: rcodeReply(q, 'REFUSED') }] });
  t.after(() => refuser.close());
  const blackHole = await startBlackHole();
  t.after(() => blackHole.close());
  server.script = honest;
  server.queries.length = 0;
  const resolver = new StubResolver({ nameservers: [blackHole.nameserver, refuser.nameserver, server.nameserver], timeoutMs: 1000, retries: 0 });
  const statuses: string[] = [];
  for (const name of ['example.test', 'www.example.test', 'example.test', 'missing.example.test']) {
    statuses.push(`${(await resolver.lookup(name, 'TXT')).status}`);
  }
  // One question each for the silent server and the refuser, then the honest one keeps the place.
  assert.deepEqual(statuses, ['timeout', 'refused', 'answer', 'nxdomain']);
  assert.equal(refuser.queries.length, 1);
  assert.equal(server.queries.length, 2);
});

test('query ids and source ports vary from query to query', async () => {
  const resolver = resolverFor(honest);
  await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((label) => resolver.lookup(`${label}.example.test`, 'A')));
  assert.ok(new Set(server.queries.map((q) => q.id)).size > 1, 'ids repeat');
  assert.ok(new Set(server.queries.map((q) => q.sourcePort)).size > 1, 'source ports repeat');
});

test('RD is clear when asking authoritative servers directly', async () => {
  server.script = honest;
  server.queries.length = 0;
  const resolver = new StubResolver({ nameservers: [server.nameserver], timeoutMs: ANSWER_TIMEOUT_MS, recursionDesired: false });
  await resolver.lookup('example.test', 'TXT');
  assert.deepEqual(server.queries.map((q) => q.recursionDesired), [false]);
});

test('close() ends a lookup in flight as an indeterminate error at once', async () => {
  const resolver = new StubResolver({ nameservers: [server.nameserver], timeoutMs: 60_000, retries: 3 });
  server.script = () => [];
  const pending = resolver.lookup('example.test', 'TXT');
  await new Promise((resolve) => setTimeout(resolve, 20));
  resolver.close();
  const lookup = await pending;
  assert.deepEqual([lookup.status, lookup.reason], ['error', 'resolver closed']);
});

test('close() also ends the questions still waiting for a slot, without sending them', async () => {
  const resolver = new StubResolver({ nameservers: [server.nameserver], timeoutMs: 60_000, retries: 3, maxInFlight: 1 });
  server.script = () => [];
  server.queries.length = 0;
  const pending = ['a', 'b', 'c', 'd'].map((label) => resolver.lookup(`${label}.example.test`, 'TXT'));
  // Close once the first question is on the wire (however long a busy machine takes to get it there).
  while (server.queries.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  resolver.close();
  const lookups = await Promise.all(pending);
  assert.deepEqual(lookups.map((l) => [l.status, l.reason]), Array.from({ length: 4 }, () => ['error', 'resolver closed']));
  assert.deepEqual(server.queries.map((q) => q.name), ['a.example.test']);
});

test('FORMERR to an EDNS query (no OPT in the reply) is retried without EDNS (RFC 6891 §7)', async () => {
  const resolver = resolverFor((q, answer) => (q.ednsUdpSize ? [{ kind: 'reply', packet: rcodeReply(q, 'FORMERR') }] : [{ kind: 'reply', packet: answer() }]));
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.equal(lookup.status, 'answer');
  assert.deepEqual(server.queries.map((q) => q.ednsUdpSize), [1232, undefined]);
});

test('a name that cannot be encoded is an error without a query: no label over 63 bytes, no empty label', async () => {
  const resolver = resolverFor(honest);
  const long = await resolver.lookup(`${'a'.repeat(64)}.example.test`, 'TXT');
  assert.equal(long.status, 'error');
  assert.match(long.reason ?? '', /label of 64 bytes; the limit is 63/);
  const empty = await resolver.lookup('a..example.test', 'TXT');
  assert.match(empty.reason ?? '', /empty label/);
  const huge = await resolver.lookup(Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.'), 'TXT');
  assert.match(huge.reason ?? '', /bytes on the wire; the limit is 255/);
  assert.equal(server.queries.length, 0);
});

test('giveUpAfterSilentQuestions: after that many questions in a row without a reply, the server is not asked again; a reply resets the count', async (t) => {
  const blackHole = await startBlackHole();
  t.after(() => blackHole.close());
  const resolver = new StubResolver({ nameservers: [blackHole.nameserver], timeoutMs: SILENCE_TIMEOUT_MS, retries: 1, maxInFlight: 2, giveUpAfterSilentQuestions: 3 });
  const names = Array.from({ length: 10 }, (_, i) => `q${i}.example.test`);
  const lookups = await Promise.all(names.map((name) => resolver.lookup(name, 'TXT')));
  assert.ok(lookups.every((l) => l.status === 'timeout'), 'every question indeterminate, none missing');
  // Two waves of two questions (two tries each) reach the count of 3; the six after are not sent.
  assert.equal(blackHole.datagrams(), 8);
  const later = lookups.filter((l) => /answered none of \d+ questions in a row, so it was not asked again/.test(l.reason ?? ''));
  assert.equal(later.length, 6);

  // An answer in between starts the count again: the honest server never trips it.
  server.script = (q, answer) => (q.name.startsWith('silent') ? [] : [{ kind: 'reply', packet: answer() }]);
  const mixed = new StubResolver({ nameservers: [server.nameserver], timeoutMs: SILENCE_TIMEOUT_MS, retries: 0, maxInFlight: 1, giveUpAfterSilentQuestions: 2 });
  const statuses: string[] = [];
  // (Each answered name is new: an answer from the cache asks nobody, so it resets nothing.)
  for (const name of ['silent1.example.test', 'example.test', 'silent2.example.test', 'www.example.test', 'silent3.example.test', 'missing.example.test']) {
    statuses.push((await mixed.lookup(name, 'TXT')).status);
  }
  assert.deepEqual(statuses, ['timeout', 'answer', 'timeout', 'nodata', 'timeout', 'nxdomain']);
});
