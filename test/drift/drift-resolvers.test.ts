// The resolvers drift and check --authoritative ask through: their questions count in the run's stats.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDriftResolvers } from '../../src/drift/resolvers.js';
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
