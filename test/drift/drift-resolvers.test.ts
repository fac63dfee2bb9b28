// The resolvers drift and check --authoritative ask through: their questions count in the run's stats.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBlackHole } from '../helpers/black-hole.js';
import { createDriftResolvers, SILENT_SERVER_QUESTIONS } from '../../src/drift/resolvers.js';
import { startTestDnsServer, type TestDnsServer } from '../helpers/test-dns-server.js';
import { ZONE } from '../dns/zone-fixture.js';

let server: TestDnsServer;
before(async () => { server = await startTestDnsServer({ records: ZONE }); });
after(() => server.close());

test('stats() counts the recursive resolver and every per-server one', async () => {
  const resolvers = createDriftResolvers({ nameservers: [server.nameserver], timeoutMs: 5000, retries: 0 });
  try {
    await resolvers.recursive.lookup('example.test', 'TXT');
    await resolvers.server(server.nameserver).lookup('example.test', 'MX');
    await resolvers.server(server.nameserver).lookup('www.example.test', 'TXT');
    const stats = resolvers.stats();
    assert.equal(stats.queries, 3);
    assert.deepEqual(stats.queriesByType, { TXT: 2, MX: 1 });
    assert.equal(stats.udp, server.queries.length);
  } finally {
    resolvers.close();
  }
});

test('a per-server resolver stops asking a server that answered none of SILENT_SERVER_QUESTIONS questions in a row', async (t) => {
  const blackHole = await startBlackHole();
  t.after(() => blackHole.close());
  const resolvers = createDriftResolvers({ nameservers: [server.nameserver], timeoutMs: 200, retries: 0 });
  try {
    const silent = resolvers.server(blackHole.nameserver);
    const first = await Promise.all(Array.from({ length: SILENT_SERVER_QUESTIONS }, (_, i) => silent.lookup(`q${i}.example.test`, 'TXT')));
    assert.ok(first.every((l) => l.status === 'timeout'));
    assert.equal(blackHole.datagrams(), SILENT_SERVER_QUESTIONS);
    const after = await silent.lookup('later.example.test', 'MX');
    assert.equal(after.status, 'timeout', 'indeterminate, never missing');
    assert.match(after.reason ?? '', /not asked again in this run/);
    assert.equal(blackHole.datagrams(), SILENT_SERVER_QUESTIONS, 'and not sent');
  } finally {
    resolvers.close();
  }
});
