// CNAME chains: followed within a message, chased with new queries when the target is missing,
// bounded, and loops reported as indeterminate errors.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as dnsPacket from 'dns-packet';
import { MAX_CNAME_CHAIN, StubResolver } from '../../src/dns/stub-resolver.js';
import { startTestDnsServer, type Script, type TestDnsServer } from '../helpers/test-dns-server.js';
import { ZONE } from './zone-fixture.js';

const LONG_CHAIN: dnsPacket.Answer[] = Array.from({ length: MAX_CNAME_CHAIN + 1 }, (_, i) => ({
  name: `c${i}.example.test`, type: 'CNAME', ttl: 300, data: `c${i + 1}.example.test`,
}));
const RECORDS: dnsPacket.Answer[] = [
  ...ZONE,
  ...LONG_CHAIN,
  { name: `c${MAX_CNAME_CHAIN + 1}.example.test`, type: 'A', ttl: 300, data: '192.0.2.9' },
  { name: 'dkim._domainkey.example.test', type: 'CNAME', ttl: 300, data: 'dkim.dkim.amazonses.test' },
  { name: 'dkim.dkim.amazonses.test', type: 'TXT', ttl: 300, data: ['p=KEY'] },
  { name: 'dangling.example.test', type: 'CNAME', ttl: 300, data: 'gone.example.test' },
];

let server: TestDnsServer;
before(async () => { server = await startTestDnsServer({ records: RECORDS }); });
after(() => server.close());

function resolverFor(script: Script = (_q, answer) => [{ kind: 'reply', packet: answer() }]): StubResolver {
  server.script = script;
  server.queries.length = 0;
  return new StubResolver({ nameservers: [server.nameserver], timeoutMs: 5000, retries: 0 });
}

test('a chain answered in one message is followed without asking again', async () => {
  const resolver = resolverFor();
  const lookup = await resolver.lookup('alias.example.test', 'A');
  assert.equal(lookup.status, 'answer');
  assert.deepEqual(lookup.cnames.map((r) => `${r.name} -> ${r.target}`), ['alias.example.test -> www.example.test']);
  assert.deepEqual(lookup.records.map((r) => [r.name, r.value]), [['www.example.test', '192.0.2.1']]);
  assert.equal(server.queries.length, 1);
});

test('a CNAME sent alone (target in another zone) is chased with a new query', async () => {
  // Like Knot: the server answers only the CNAME when the target is outside the zone.
  const resolver = resolverFor((q, answer) => {
    const packet = answer();
    return [{ kind: 'reply', packet: { ...packet, answers: (packet.answers ?? []).filter((a) => a.name === q.name) } }];
  });
  const lookup = await resolver.lookup('dkim._domainkey.example.test', 'TXT');
  assert.equal(lookup.status, 'answer');
  assert.deepEqual(lookup.records.map((r) => r.value), ['p=KEY']);
  assert.deepEqual(server.queries.map((q) => q.name), ['dkim._domainkey.example.test', 'dkim.dkim.amazonses.test']);
});

test('a CNAME to a name that does not exist is NXDOMAIN for the target, with the chain kept', async () => {
  const lookup = await resolverFor().lookup('dangling.example.test', 'TXT');
  assert.equal(lookup.status, 'nxdomain');
  assert.deepEqual(lookup.cnames.map((r) => r.target), ['gone.example.test']);
});

test('a CNAME loop is an indeterminate error naming where it closes', async () => {
  const lookup = await resolverFor().lookup('loop1.example.test', 'TXT');
  assert.equal(lookup.status, 'error');
  assert.equal(lookup.reason, 'CNAME loop at "loop1.example.test"');
});

test(`a chain longer than MAX_CNAME_CHAIN (${MAX_CNAME_CHAIN}) is cut off as an error`, async () => {
  const lookup = await resolverFor().lookup('c0.example.test', 'A');
  assert.equal(lookup.status, 'error');
  assert.match(lookup.reason ?? '', new RegExp(`longer than ${MAX_CNAME_CHAIN}`));
  assert.equal(lookup.cnames.length, MAX_CNAME_CHAIN + 1);
});

test('a chain of exactly MAX_CNAME_CHAIN hops is still followed', async () => {
  const lookup = await resolverFor().lookup('c1.example.test', 'A');
  assert.equal(lookup.status, 'answer');
  assert.equal(lookup.cnames.length, MAX_CNAME_CHAIN);
});

test('followCnames: false returns the CNAME itself; asking for CNAME does too', async () => {
  const resolver = resolverFor();
  const unfollowed = await resolver.lookup('alias.example.test', 'A', { followCnames: false });
  assert.equal(unfollowed.status, 'answer');
  assert.deepEqual(unfollowed.records.map((r) => [r.type, r.value]), [['CNAME', 'www.example.test']]);
  assert.deepEqual(unfollowed.cnames, []);
  const asked = await resolver.lookup('alias.example.test', 'CNAME');
  assert.deepEqual(asked.records.map((r) => [r.type, r.value]), [['CNAME', 'www.example.test']]);
});
