// `transport: 'tcp'` (check --transport tcp): every question over one pipelined TCP connection per
// server, kept open between bursts and closed when idle, and every way that connection can fail
// ending as an indeterminate answer, never as a missing record.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import * as dnsPacket from 'dns-packet';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { EARLY_WRITE_QUERIES, MAX_ALONE_CONNECTIONS, TCP_IDLE_MS } from '../../src/dns/tcp-transport.js';
import { startTestDnsServer, type Script, type TestDnsServer } from '../helpers/test-dns-server.js';
import { ZONE } from './zone-fixture.js';

const TIMEOUT_MS = 5000; // never reached where a reply is expected
const NAMES = ['one', 'two', 'three', 'four', 'five'].map((label) => `${label}.example.test`);
// More questions than one early write takes (EARLY_WRITE_QUERIES), asked in one turn.
const MANY = Array.from({ length: 2 * EARLY_WRITE_QUERIES + 5 }, (_, i) => `bulk-${i}.example.test`);
const RECORDS: dnsPacket.Answer[] = [
  ...ZONE,
  ...NAMES.map((name, i): dnsPacket.Answer => ({ name, type: 'A', ttl: 300, data: `192.0.2.${i + 10}` })),
  ...MANY.map((name, i): dnsPacket.Answer => ({ name, type: 'A', ttl: 300, data: `198.51.100.${i}` })),
];
const answerAll: Script = (_q, answer) => [{ kind: 'reply', packet: answer() }];

let server: TestDnsServer;
before(async () => { server = await startTestDnsServer({ records: RECORDS }); });
after(() => server.close());

function tcpResolver(script: Script = answerAll, options: { timeoutMs?: number; retries?: number } = {}): StubResolver {
  server.script = script;
  server.queries.length = 0;
  return new StubResolver({ nameservers: [server.nameserver], timeoutMs: options.timeoutMs ?? TIMEOUT_MS, retries: options.retries ?? 0, transport: 'tcp' });
}

const HANDLE_KINDS = new Set(['UDPWRAP', 'TCPWRAP', 'TCPSocketWrap', 'Timeout', 'TCPConnectWrap']);
const handles = (): string[] => process.getActiveResourcesInfo().filter((kind) => HANDLE_KINDS.has(kind)).sort();

test('every question goes over TCP, pipelined on one connection, and is counted as TCP', async () => {
  const resolver = tcpResolver();
  const lookups = await Promise.all(NAMES.map((name) => resolver.lookup(name, 'A')));
  assert.deepEqual(lookups.map((l) => [l.status, l.records.map((r) => r.value), l.tcp]), NAMES.map((_, i) => ['answer', [`192.0.2.${i + 10}`], true]));
  assert.deepEqual(server.queries.map((q) => [q.transport, q.connection]), NAMES.map(() => ['tcp', server.queries[0]!.connection]));
  assert.equal(server.maxOutstanding, NAMES.length, 'all five were on the wire at once, not one after another');
  const stats = resolver.stats();
  assert.deepEqual([stats.queries, stats.udp, stats.tcp], [NAMES.length, 0, NAMES.length]);
  resolver.close();
});

test('more questions in one turn than one early write takes: each asked once, on the one connection, each with its own answer', async () => {
  const resolver = tcpResolver();
  const lookups = await Promise.all(MANY.map((name) => resolver.lookup(name, 'A')));
  assert.deepEqual(lookups.map((l) => [l.name, l.status, l.records.map((r) => r.value)]), MANY.map((name, i) => [name, 'answer', [`198.51.100.${i}`]]));
  assert.deepEqual(server.queries.map((q) => q.name).sort(), [...MANY].sort(), 'every question on the wire exactly once');
  assert.equal(new Set(server.queries.map((q) => q.connection)).size, 1);
  resolver.close();
});

test('a later question reuses the open connection; an idle one closes by itself and holds the process to nothing', async () => {
  const before = handles();
  const resolver = tcpResolver();
  await resolver.lookup(NAMES[0]!, 'A');
  await new Promise((resolve) => setImmediate(resolve));
  await resolver.lookup(NAMES[1]!, 'A');
  assert.deepEqual(server.queries.map((q) => q.connection), [server.queries[0]!.connection, server.queries[0]!.connection]);
  assert.equal(server.openConnections(), 1);
  assert.deepEqual(handles(), before, 'an idle connection and its timer must not keep a CLI run alive');
  // RFC 7766 §6.2.3: the client closes an idle connection. Wait well past TCP_IDLE_MS for it.
  for (let waited = 0; server.openConnections() > 0 && waited < TCP_IDLE_MS * 5; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(server.openConnections(), 0);
  const again = await resolver.lookup(NAMES[2]!, 'A');
  assert.equal(again.status, 'answer', 'a question after the idle close opens a new connection');
  resolver.close();
});

test('a server that hangs up after some answers (dnsmasq does after 100): the rest are asked again', async () => {
  let answered = 0;
  const resolver = tcpResolver((q, answer) => {
    if (q.connection !== server.queries[0]!.connection) return [{ kind: 'reply', packet: answer() }];
    answered += 1;
    return answered <= 2 ? [{ kind: 'reply', packet: answer() }] : answered === NAMES.length ? [{ kind: 'close' }] : [];
  });
  const lookups = await Promise.all(NAMES.map((name) => resolver.lookup(name, 'A')));
  assert.ok(lookups.every((l) => l.status === 'answer'), JSON.stringify(lookups.map((l) => [l.status, l.reason])));
  const connections = server.queries.map((q) => q.connection);
  assert.equal(connections.filter((c) => c === connections[0]).length, NAMES.length);
  assert.equal(connections.filter((c) => c !== connections[0]).length, NAMES.length - 2, 'only the unanswered three are asked again');
  resolver.close();
});

test('a server that resets the connection after an answer: the unanswered are asked again', async () => {
  let asked = 0;
  const resolver = tcpResolver((q, answer) => {
    if (q.connection !== server.queries[0]!.connection) return [{ kind: 'reply', packet: answer() }];
    asked += 1;
    // The first is answered; the reset comes after the client has read that answer.
    return asked === 1 ? [{ kind: 'reply', packet: answer() }] : asked === 3 ? [{ kind: 'reset', delayMs: 50 }] : [];
  });
  const lookups = await Promise.all(NAMES.slice(0, 3).map((name) => resolver.lookup(name, 'A')));
  assert.ok(lookups.every((l) => l.status === 'answer'), JSON.stringify(lookups.map((l) => [l.status, l.reason])));
  assert.equal(server.queries.filter((q) => q.connection !== server.queries[0]!.connection).length, 2);
  resolver.close();
});

const CULPRIT = 'hangs-up.example.test';
/** Distinct connections that carried `name`, in the order the server saw them. */
const connectionsOf = (name: string): number[] => [...new Set(server.queries.filter((q) => q.name === name).map((q) => q.connection!))];

for (const hangUp of ['close', 'reset'] as const) {
  test(`a server that hangs up (${hangUp}) on one question, unanswered, takes none of the others in flight with it`, async () => {
    // Like the audit's tc-tcpfail: the server drops the connection on reading one question, before it
    // answered the others pipelined with it. Only that question ends indeterminate.
    const resolver = tcpResolver((q, answer) => {
      if (q.name === CULPRIT) return [{ kind: hangUp }];
      return q.connection === server.queries[0]!.connection ? [] : [{ kind: 'reply', packet: answer() }];
    });
    const accepted = server.acceptedConnections();
    const lookups = await Promise.all([...NAMES, CULPRIT].map((name) => resolver.lookup(name, 'A')));
    assert.deepEqual(lookups.slice(0, -1).map((l) => [l.status, l.records.map((r) => r.value), l.tcp]), NAMES.map((_, i) => ['answer', [`192.0.2.${i + 10}`], true]));
    const culprit = lookups.at(-1)!;
    assert.deepEqual([culprit.status, culprit.tcp], ['error', true]);
    assert.match(culprit.reason ?? '', hangUp === 'close' ? /^TCP connection closed without an answer$/ : /^TCP: .*ECONNRESET/);
    // Each question was on the shared connection, then on one of its own: the culprit's closed too.
    const first = server.queries[0]!.connection!;
    for (const name of [...NAMES, CULPRIT]) {
      const on = connectionsOf(name);
      assert.equal(on.length, 2, `${name} on ${on.join(', ')}`);
      assert.equal(on[0], first);
    }
    assert.equal(server.acceptedConnections() - accepted, 1 + NAMES.length + 1);
    resolver.close();
  });
}

test('a server that hangs up on every connection without answering: each question on two connections, then indeterminate', async () => {
  const resolver = tcpResolver(() => [{ kind: 'close' }]);
  const accepted = server.acceptedConnections();
  const lookups = await Promise.all(NAMES.map((name) => resolver.lookup(name, 'A')));
  assert.deepEqual(lookups.map((l) => [l.status, l.reason]), NAMES.map(() => ['error', 'TCP connection closed without an answer']));
  for (const name of NAMES) assert.equal(connectionsOf(name).length, 2, name);
  assert.equal(server.acceptedConnections() - accepted, 1 + NAMES.length, 'the shared connection, then one each: no more');
  assert.equal(resolver.stats().tcp, server.queries.length, 'every question sent over TCP, re-asks too, is in the stats');
  resolver.close();
});

test('after a hang-up on a full pipeline, the questions re-asked alone open at most MAX_ALONE_CONNECTIONS connections at once', async () => {
  const names = MANY.slice(0, 3 * MAX_ALONE_CONNECTIONS);
  let mostOpen = 0;
  // Every connection is reset 50 ms after a question arrives on it, unanswered: long enough for the
  // connections of the questions asked again alone to overlap if nothing holds them back.
  const resolver = tcpResolver(() => {
    mostOpen = Math.max(mostOpen, server.openConnections());
    return [{ kind: 'reset', delayMs: 50 }];
  });
  const accepted = server.acceptedConnections();
  const lookups = await Promise.all(names.map((name) => resolver.lookup(name, 'A')));
  assert.deepEqual(lookups.map((l) => l.status), names.map(() => 'error'));
  for (const name of names) assert.equal(connectionsOf(name).length, 2, `${name}: the shared connection, then its own`);
  assert.equal(server.acceptedConnections() - accepted, 1 + names.length);
  // (+ 1: the shared connection the server reset may not have closed on its side yet.)
  assert.ok(mostOpen <= MAX_ALONE_CONNECTIONS + 1, `${mostOpen} connections open at once`);
  resolver.close();
});

test('a server that answers one question per connection, then hangs up: every question is answered, one connection each, in linear queries', async () => {
  // systemd-resolved before v242 did this (systemd/systemd#11332). The first two connections carry the
  // pipeline and answer one question each; from then on each question gets a connection of its own.
  // Re-piping everything on every connection sent K(K+1)/2 queries for K questions (703 here).
  const answeredOn = new Set<number>();
  const resolver = tcpResolver((q, answer) => {
    if (answeredOn.has(q.connection!)) return [];
    answeredOn.add(q.connection!);
    return [{ kind: 'reply', packet: answer() }, { kind: 'close' }];
  });
  const accepted = server.acceptedConnections();
  const lookups = await Promise.all(MANY.map((name) => resolver.lookup(name, 'A')));
  assert.deepEqual(lookups.map((l) => [l.status, l.records.map((r) => r.value)]), MANY.map((_, i) => ['answer', [`198.51.100.${i}`]]));
  assert.equal(server.acceptedConnections() - accepted, MANY.length);
  const k = MANY.length;
  assert.equal(server.queries.length, k + (k - 1) + (k - 2), 'all on the first connection, the rest on the second, then one each');
  assert.equal(resolver.stats().tcp, server.queries.length);
  resolver.close();
});

test('a stream cut in the middle of one answer: that question is the error, the others in flight are asked again', async () => {
  const resolver = tcpResolver((q, answer) => {
    if (q.name === CULPRIT) return [{ kind: 'cut', packet: answer(), keepBytes: 6 }];
    return q.connection === server.queries[0]!.connection ? [] : [{ kind: 'reply', packet: answer() }];
  });
  const lookups = await Promise.all([...NAMES, CULPRIT].map((name) => resolver.lookup(name, 'A')));
  assert.deepEqual(lookups.slice(0, -1).map((l) => [l.status, l.records.map((r) => r.value)]), NAMES.map((_, i) => ['answer', [`192.0.2.${i + 10}`]]));
  const culprit = lookups.at(-1)!;
  assert.equal(culprit.status, 'error');
  assert.match(culprit.reason ?? '', /^TCP connection closed mid-message \(got 6 of \d+ bytes\)$/);
  assert.deepEqual(connectionsOf(CULPRIT).length, 1, 'the question whose answer was cut is not asked again on this try');
  resolver.close();
});

test('a server that refuses TCP: every answer indeterminate, naming TCP, never a missing record', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const { port } = closed.address() as { port: number };
  await new Promise((resolve) => closed.close(resolve));
  const resolver = new StubResolver({ nameservers: [`127.0.0.1:${port}`], timeoutMs: TIMEOUT_MS, retries: 1, transport: 'tcp' });
  const lookups = await Promise.all([resolver.lookup('example.test', 'TXT'), resolver.lookup('example.test', 'MX')]);
  for (const lookup of lookups) {
    assert.equal(lookup.status, 'error');
    assert.match(lookup.reason ?? '', /TCP: .*ECONNREFUSED/);
    assert.equal(lookup.tcp, true, 'the failure says it was over TCP, so the fix hint (dig +tcp) reproduces it');
  }
  assert.equal(resolver.stats().udp, 0, 'no silent fallback to UDP: the run says what it could not do');
  resolver.close();
});

test('a connection that stalls ends each question as a timeout', async () => {
  const resolver = tcpResolver(() => [], { timeoutMs: 200 });
  const lookups = await Promise.all(NAMES.slice(0, 2).map((name) => resolver.lookup(name, 'A')));
  assert.deepEqual(lookups.map((l) => l.status), ['timeout', 'timeout']);
  assert.deepEqual(lookups.map((l) => l.tcp), [true, true]);
  assert.equal(resolver.stats().timeouts, 2);
  resolver.close();
});

test('close() ends the questions waiting on a connection as errors', async () => {
  const resolver = tcpResolver(() => []);
  const pending = Promise.all(NAMES.slice(0, 2).map((name) => resolver.lookup(name, 'A')));
  while (server.queries.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  resolver.close();
  const lookups = await pending;
  assert.deepEqual(lookups.map((l) => [l.status, l.reason]), [['error', 'resolver closed'], ['error', 'resolver closed']]);
});

test('an unknown transport is refused when the resolver is made', () => {
  assert.throws(() => new StubResolver({ nameservers: ['127.0.0.1'], transport: 'quic' as 'tcp' }), /transport must be udp or tcp, got quic/);
});
