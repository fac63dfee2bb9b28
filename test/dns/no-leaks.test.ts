// After lookups end — answered, timed out, truncated and retried over TCP — the resolver holds no
// socket or timer, so a CLI run exits by itself without calling close().

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { startTestDnsServer } from '../helpers/test-dns-server.js';
import { ZONE } from './zone-fixture.js';

const HANDLE_KINDS = new Set(['UDPWRAP', 'TCPWRAP', 'TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'TCPConnectWrap']);

function handles(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => HANDLE_KINDS.has(kind)).sort();
}

test('no socket or timer outlives the lookups', async () => {
  const before = handles();
  const server = await startTestDnsServer({
    records: ZONE,
    script: (q, answer) => {
      if (q.name.startsWith('silent')) return [];
      if (q.name.startsWith('big') && q.transport === 'udp') {
        return [{ kind: 'reply', packet: { ...answer(), flags: dnsPacket.TRUNCATED_RESPONSE, answers: [] } }];
      }
      return [{ kind: 'reply', packet: answer() }];
    },
  });
  const resolver = new StubResolver({ nameservers: [server.nameserver], timeoutMs: 1000, retries: 1 });
  const lookups = await Promise.all([
    resolver.lookup('example.test', 'TXT'),
    resolver.lookup('silent.example.test', 'TXT'),
    resolver.lookup('big.example.test', 'TXT'),
  ]);
  assert.deepEqual(lookups.map((l) => l.status), ['answer', 'timeout', 'nxdomain']);
  await server.close();
  // Closed handles are released a few event-loop turns later; a leak never is.
  for (let turn = 0; turn < 50 && handles().join() !== before.join(); turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(handles(), before);
});
