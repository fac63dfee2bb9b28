// What a batch of thousands of domains relies on in the resolver: a cache that stays bounded yet
// keeps what is used, UDP sockets reused a bounded number of times on changing ports, and no
// warnings however many questions are in flight.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { QUERIES_PER_SOCKET, SOCKETS_PER_SERVER } from '../../src/dns/udp-transport.js';
import { startTestDnsServer, type TestDnsServer } from '../helpers/test-dns-server.js';
import { ZONE } from './zone-fixture.js';

let server: TestDnsServer;
before(async () => { server = await startTestDnsServer({ records: ZONE }); });
after(() => server.close());

function fresh(options: { cacheBounds?: { once: number; reused: number } } = {}): StubResolver {
  server.queries.length = 0;
  return new StubResolver({ nameservers: [server.nameserver], timeoutMs: 1000, retries: 0, ...options });
}

test('names asked once cannot push out a name asked again: each part of the cache evicts its own oldest', async () => {
  const resolver = fresh({ cacheBounds: { once: 2, reused: 1 } });
  await resolver.lookup('example.test', 'TXT');
  await resolver.lookup('www.example.test', 'A');
  await resolver.lookup('example.test', 'TXT'); // hit: example.test moves to the reused part
  for (const name of ['a', 'b', 'c']) await resolver.lookup(`${name}.example.test`, 'A'); // a flood of names asked once
  await resolver.lookup('example.test', 'TXT'); // still cached
  await resolver.lookup('www.example.test', 'A'); // pushed out of the once part: asked again
  assert.deepEqual(server.queries.map((q) => `${q.name} ${q.type}`), [
    'example.test TXT', 'www.example.test A', 'a.example.test A', 'b.example.test A', 'c.example.test A', 'www.example.test A',
  ]);
  assert.equal(resolver.stats().cacheHits, 2);
});

test('a socket carries at most QUERIES_PER_SOCKET queries; ports keep changing over a long run', async () => {
  const resolver = fresh({ cacheBounds: { once: 1, reused: 1 } });
  const total = SOCKETS_PER_SERVER * QUERIES_PER_SOCKET * 2;
  for (let i = 0; i < total; i += 1) await resolver.lookup(`n${i}.example.test`, 'A');
  const perPort = new Map<number, number>();
  for (const q of server.queries) perPort.set(q.sourcePort!, (perPort.get(q.sourcePort!) ?? 0) + 1);
  assert.equal(server.queries.length, total);
  assert.ok(Math.max(...perPort.values()) <= QUERIES_PER_SOCKET, `a port carried ${Math.max(...perPort.values())} queries`);
  assert.ok(perPort.size >= total / QUERIES_PER_SOCKET, `only ${perPort.size} ports for ${total} queries`);
  resolver.close();
});

test('hundreds of questions in flight raise no listener-leak warning, and all are answered', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error): void => { warnings.push(w.name); };
  process.on('warning', onWarning);
  try {
    const resolver = fresh();
    const lookups = await Promise.all(Array.from({ length: 300 }, (_, i) => resolver.lookup(`w${i}.example.test`, 'A')));
    assert.ok(lookups.every((l) => l.status === 'nxdomain'));
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    assert.deepEqual(warnings, []);
    resolver.close();
  } finally {
    process.off('warning', onWarning);
  }
});

test('after close() a new lookup ends as an error at once, and nothing more is sent', async () => {
  const resolver = fresh();
  await resolver.lookup('example.test', 'TXT');
  resolver.close();
  const lookup = await resolver.lookup('www.example.test', 'A');
  assert.deepEqual([lookup.status, lookup.reason], ['error', 'resolver closed']);
  assert.equal(server.queries.length, 1);
});
