// The resolver over IPv6 loopback, when this machine has ::1 (containers often do not).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import * as dnsPacket from 'dns-packet';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { startTestDnsServer } from '../helpers/test-dns-server.js';
import { SPF, ZONE } from './zone-fixture.js';

async function hasIpv6Loopback(): Promise<boolean> {
  const socket = createSocket('udp6');
  const ok = await new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(0, '::1', () => resolve(true));
  });
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return ok;
}

const skip = (await hasIpv6Loopback()) ? false : 'no IPv6 loopback (::1) on this machine';

test('asks a server given as "[::1]:PORT", over UDP and TCP', { skip }, async () => {
  const server = await startTestDnsServer({
    host: '::1',
    records: ZONE,
    // Truncate UDP so TCP over IPv6 is exercised too.
    script: (q, answer) => (q.transport === 'udp' ? [{ kind: 'reply', packet: { ...answer(), flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.TRUNCATED_RESPONSE, answers: [] } }] : [{ kind: 'reply', packet: answer() }]),
  });
  try {
    const resolver = new StubResolver({ nameservers: [server.nameserver], timeoutMs: 5000 });
    const lookup = await resolver.lookup('example.test', 'TXT');
    assert.equal(server.nameserver, `[::1]:${server.port}`);
    assert.deepEqual([lookup.status, lookup.server, lookup.tcp], ['answer', server.nameserver, true]);
    assert.deepEqual(lookup.records.map((r) => r.value), [SPF]);
    assert.deepEqual(server.queries.map((q) => q.transport), ['udp', 'tcp']);

    // Spelled out in full, the address still matches the replies' source ("::1").
    const spelled = new StubResolver({ nameservers: [`[0:0:0:0:0:0:0:1]:${server.port}`], timeoutMs: 5000, retries: 0 });
    assert.equal((await spelled.lookup('www.example.test', 'A')).status, 'answer');
  } finally {
    await server.close();
  }
});
