// Truncation and TCP: the retry over TCP, framing faults, and several messages on one connection.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { startTestDnsServer, type Script, type TestDnsServer } from '../helpers/test-dns-server.js';
import { ZONE } from './zone-fixture.js';

const TIMEOUT_MS = 5000; // never reached where a reply is expected
const SILENCE_TIMEOUT_MS = 300;
const BIG = Array.from({ length: 12 }, (_, i) => `v=record-${i} ${'x'.repeat(180)}`);
const RECORDS: dnsPacket.Answer[] = [
  ...ZONE,
  ...BIG.map((text): dnsPacket.Answer => ({ name: 'big.example.test', type: 'TXT', ttl: 300, data: [text] })),
];

let server: TestDnsServer;
before(async () => { server = await startTestDnsServer({ records: RECORDS }); });
after(() => server.close());

function resolverFor(script: Script, timeoutMs = TIMEOUT_MS): StubResolver {
  server.script = script;
  server.queries.length = 0;
  return new StubResolver({ nameservers: [server.nameserver], timeoutMs, retries: 0 });
}

/** Over UDP: TC set and, like BIND, the records that fit — here a fake one that must be discarded. */
const truncateUdp: Script = (q, answer) => {
  if (q.transport === 'tcp') return [{ kind: 'reply', packet: answer() }];
  const full = answer();
  return [{
    kind: 'reply',
    packet: { ...full, flags: (full.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, answers: [{ name: q.name, type: 'TXT', ttl: 300, data: ['partial'] }] },
  }];
};

test('a truncated UDP reply is retried over TCP and its partial records discarded', async () => {
  const resolver = resolverFor(truncateUdp);
  const lookup = await resolver.lookup('big.example.test', 'TXT');
  assert.equal(lookup.status, 'answer');
  assert.equal(lookup.tcp, true);
  assert.deepEqual(lookup.records.map((r) => r.value).sort(), [...BIG].sort());
  assert.deepEqual(server.queries.map((q) => q.transport), ['udp', 'tcp']);
  assert.deepEqual([resolver.stats().udp, resolver.stats().tcp], [1, 1]);
});

test('a reply written one byte at a time over TCP is reassembled', async () => {
  const resolver = resolverFor((q, answer) => (q.transport === 'udp' ? truncateUdp(q, answer) : [{ kind: 'reply', packet: answer(), chunkSize: 1 }]));
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.deepEqual([lookup.status, lookup.tcp], ['answer', true]);
});

test('several messages in one TCP segment: the stray one is skipped, ours is found', async () => {
  const resolver = resolverFor((q, answer) => {
    if (q.transport === 'udp') return truncateUdp(q, answer);
    const real = answer();
    return [
      { kind: 'reply', packet: { ...real, id: (q.id + 1) & 0xffff, answers: [{ name: q.name, type: 'TXT', ttl: 1, data: ['v=spf1 +all'] }] } },
      { kind: 'reply', packet: real },
    ];
  });
  const lookup = await resolver.lookup('example.test', 'TXT');
  assert.equal(lookup.status, 'answer');
  assert.deepEqual(lookup.records.map((r) => r.value), ['v=spf1 include:amazonses.com ~all']);
});

test('a TCP stream cut mid-message is an indeterminate error naming what was missing', async () => {
  const resolver = resolverFor((q, answer) => (q.transport === 'udp' ? truncateUdp(q, answer) : [{ kind: 'cut', packet: answer(), keepBytes: 20 }]));
  const lookup = await resolver.lookup('big.example.test', 'TXT');
  assert.equal(lookup.status, 'error');
  assert.match(lookup.reason ?? '', /TCP connection closed mid-message \(got 20 of \d+ bytes\)/);
});

test('a TCP connection closed without a reply is an error; one that stalls is a timeout', async () => {
  const closed = await resolverFor((q, answer) => (q.transport === 'udp' ? truncateUdp(q, answer) : [{ kind: 'close' }])).lookup('example.test', 'TXT');
  assert.deepEqual([closed.status, closed.reason], ['error', 'TCP connection closed without an answer']);
  const stalled = await resolverFor((q, answer) => (q.transport === 'udp' ? truncateUdp(q, answer) : []), SILENCE_TIMEOUT_MS).lookup('example.test', 'TXT');
  assert.equal(stalled.status, 'timeout');
});

const NAMES = ['one', 'two', 'three'].map((label) => `${label}.example.test`);
const PIPELINE_RECORDS = NAMES.map((name): dnsPacket.Answer => ({ name, type: 'A', ttl: 300, data: `192.0.2.${NAMES.indexOf(name) + 10}` }));

test('concurrent TCP questions to one server share a connection, answered out of order', async () => {
  // The server holds its TCP replies until all three questions came, then answers in reverse order
  // on the connection of the last one: only a shared connection gets every answer.
  const held: Array<() => dnsPacket.Packet> = [];
  const pipelined = await startTestDnsServer({
    records: [...ZONE, ...PIPELINE_RECORDS],
    script: (q, answer) => {
      if (q.transport === 'udp') return truncateUdp(q, answer);
      held.push(answer);
      return held.length < NAMES.length ? [] : [...held].reverse().map((reply) => ({ kind: 'reply', packet: reply() }));
    },
  });
  try {
    const resolver = new StubResolver({ nameservers: [pipelined.nameserver], timeoutMs: TIMEOUT_MS, retries: 0 });
    const lookups = await Promise.all(NAMES.map((name) => resolver.lookup(name, 'A')));
    assert.deepEqual(lookups.map((l) => [l.name, l.records.map((r) => r.value), l.tcp]), [
      ['one.example.test', ['192.0.2.10'], true],
      ['two.example.test', ['192.0.2.11'], true],
      ['three.example.test', ['192.0.2.12'], true],
    ]);
    assert.deepEqual(pipelined.queries.filter((q) => q.transport === 'tcp').map((q) => q.connection), [1, 1, 1]);
  } finally {
    await pipelined.close();
  }
});

test('a server closing the connection after one answer: the others are asked again on a new one', async () => {
  // On the first connection the server waits for all three questions, answers the first, hangs up.
  const held: Array<() => dnsPacket.Packet> = [];
  const closing = await startTestDnsServer({
    records: [...ZONE, ...PIPELINE_RECORDS],
    script: (q, answer) => {
      if (q.transport === 'udp') return truncateUdp(q, answer);
      if (q.connection !== 1) return [{ kind: 'reply', packet: answer() }];
      held.push(answer);
      return held.length < NAMES.length ? [] : [{ kind: 'reply', packet: held[0]!() }, { kind: 'close' }];
    },
  });
  try {
    const resolver = new StubResolver({ nameservers: [closing.nameserver], timeoutMs: TIMEOUT_MS, retries: 0 });
    const lookups = await Promise.all(NAMES.map((name) => resolver.lookup(name, 'A')));
    assert.ok(lookups.every((l) => l.status === 'answer'), JSON.stringify(lookups.map((l) => [l.status, l.reason])));
    const tcp = closing.queries.filter((q) => q.transport === 'tcp');
    assert.deepEqual(tcp.map((q) => q.connection), [1, 1, 1, 2, 2]);
  } finally {
    await closing.close();
  }
});

test('a server that hangs up over TCP on one truncated question takes none of the other TCP retries with it', async () => {
  // The audit's tc-tcpfail: every UDP reply is truncated; over TCP the server drops the connection on
  // reading one question, before answering the others on it. Only that question ends indeterminate.
  const culprit = 'hangs-up.example.test';
  let first: number | undefined;
  const hangingUp = await startTestDnsServer({
    records: [...ZONE, ...PIPELINE_RECORDS],
    script: (q, answer) => {
      if (q.transport === 'udp') return truncateUdp(q, answer);
      first ??= q.connection;
      if (q.name === culprit) return [{ kind: 'close' }];
      return q.connection === first ? [] : [{ kind: 'reply', packet: answer() }];
    },
  });
  try {
    const resolver = new StubResolver({ nameservers: [hangingUp.nameserver], timeoutMs: TIMEOUT_MS, retries: 0 });
    const lookups = await Promise.all([...NAMES, culprit].map((name) => resolver.lookup(name, 'A')));
    assert.deepEqual(lookups.map((l) => [l.name, l.status, l.records.map((r) => r.value), l.tcp]), [
      ['one.example.test', 'answer', ['192.0.2.10'], true],
      ['two.example.test', 'answer', ['192.0.2.11'], true],
      ['three.example.test', 'answer', ['192.0.2.12'], true],
      [culprit, 'error', [], true],
    ]);
    assert.equal(lookups[3]!.reason, 'TCP connection closed without an answer');
    const connectionsOf = (name: string): Set<number | undefined> =>
      new Set(hangingUp.queries.filter((q) => q.transport === 'tcp' && q.name === name).map((q) => q.connection));
    assert.equal(connectionsOf(culprit).size, 2, 'the culprit was asked again on a connection of its own, which it closed too');
    assert.equal(hangingUp.queries.filter((q) => q.transport === 'udp').length, NAMES.length + 1, 'no question went back to UDP');
  } finally {
    await hangingUp.close();
  }
});
