// The resolver against a real authoritative server, Knot DNS, started on a free loopback port.
// Zone text lives here (what is published) and the expectations are written from it independently
// of the resolver; the CNAME chain's second zone comes from test/fixtures/knot/other.test.zone.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Deterministic base64-looking text, like a DKIM key. */
function keyText(length: number, seed: number): string {
  return Array.from({ length }, (_, i) => ALPHABET[(i * 7 + seed) % 64]).join('');
}

// 255 + 45 = 300 bytes: the first string is as long as a character-string can be (RFC 1035 §3.3).
const LONG_FIRST = `v=DKIM1; k=rsa; p=${keyText(255 - 18, 1)}`;
const LONG_SECOND = keyText(45, 2);
// Twelve records of 200 bytes: far beyond 1232-byte EDNS UDP, so Knot truncates and TCP must follow.
const BIG = Array.from({ length: 12 }, (_, i) => `record-${String(i).padStart(2, '0')} ${keyText(190, i)}`);

const INTEROP_ZONE = `$ORIGIN interop.test.
$TTL 300
@        SOA   ns hostmaster 2026112701 3600 600 86400 60
@        NS    ns
ns       A     127.0.0.1
@        TXT   "v=spf1 include:amazonses.com ~all"
@        SPF   "v=spf1 include:amazonses.com" " ~all"
long     TXT   "${LONG_FIRST}" "${LONG_SECOND}"
${BIG.map((text) => `big      TXT   "${text}"`).join('\n')}
${BIG.map((text) => `big2     TXT   "2 ${text}"`).join('\n')}
${BIG.map((text) => `big3     TXT   "3 ${text}"`).join('\n')}
escaped  TXT   "say \\"hi\\"" "caf\\195\\169"
chain    CNAME hop1
hop1     CNAME hop2.other.test.
nullmx   MX    0 .
mail     MX    10 mx1
mx1      A     192.0.2.25
loop1    CNAME loop2
loop2    CNAME loop1
`;
const OTHER_ZONE_FILE = fileURLToPath(new URL('../fixtures/knot/other.test.zone', import.meta.url));

describe('interop with Knot DNS', knotTestOptions(), () => {
  let knot: KnotServer;
  let resolver: StubResolver;
  before(async () => {
    knot = await startKnot({ zones: { 'interop.test': INTEROP_ZONE }, zoneFiles: [OTHER_ZONE_FILE] });
    resolver = new StubResolver({ nameservers: [knot.nameserver], timeoutMs: 2000, retries: 1, recursionDesired: false });
  });
  after(async () => {
    resolver?.close();
    await knot?.stop();
  });

  test('a 300-byte TXT in two strings: exact joined value and both strings', async () => {
    const lookup = await resolver.lookup('long.interop.test', 'TXT');
    assert.equal(lookup.status, 'answer');
    assert.equal(lookup.records.length, 1);
    const [record] = lookup.records;
    assert.deepEqual(record!.strings, [LONG_FIRST, LONG_SECOND]);
    assert.equal(record!.value, LONG_FIRST + LONG_SECOND);
    assert.equal(Buffer.byteLength(record!.value), 300);
  });

  test('a TXT RRset over 2 KB comes back complete, over TCP', async () => {
    assert.ok(BIG.join('').length > 2048); // the fixture really is that big
    const lookup = await resolver.lookup('big.interop.test', 'TXT');
    assert.equal(lookup.status, 'answer');
    assert.equal(lookup.tcp, true);
    assert.deepEqual(lookup.records.map((r) => r.value).sort(), [...BIG].sort());
  });

  test('three large RRsets asked at once all come back complete over TCP (pipelined)', async () => {
    const fresh = new StubResolver({ nameservers: [knot.nameserver], timeoutMs: 2000, recursionDesired: false });
    const [big, big2, big3] = await Promise.all(['big', 'big2', 'big3'].map((label) => fresh.lookup(`${label}.interop.test`, 'TXT')));
    assert.deepEqual(big!.records.map((r) => r.value).sort(), [...BIG].sort());
    assert.deepEqual(big2!.records.map((r) => r.value).sort(), BIG.map((t) => `2 ${t}`).sort());
    assert.deepEqual(big3!.records.map((r) => r.value).sort(), BIG.map((t) => `3 ${t}`).sort());
    assert.deepEqual([big!.tcp, big2!.tcp, big3!.tcp, fresh.stats().tcp], [true, true, true, 3]);
  });

  test('master-file escapes arrive as the bytes they stand for, decoded as UTF-8', async () => {
    const lookup = await resolver.lookup('escaped.interop.test', 'TXT');
    assert.deepEqual(lookup.records[0]?.strings, ['say "hi"', 'café']);
  });

  test('a CNAME chain across two zones on the same server is followed to the end', async () => {
    const fresh = new StubResolver({ nameservers: [knot.nameserver], timeoutMs: 2000, recursionDesired: false });
    const lookup = await fresh.lookup('chain.interop.test', 'TXT');
    assert.equal(lookup.status, 'answer');
    assert.deepEqual(lookup.cnames.map((r) => `${r.name} -> ${r.target}`), [
      'chain.interop.test -> hop1.interop.test',
      'hop1.interop.test -> hop2.other.test',
      'hop2.other.test -> final.other.test',
    ]);
    assert.deepEqual(lookup.records.map((r) => [r.name, r.value, r.ttl]), [['final.other.test', 'v=spf1 include:amazonses.com ~all', 600]]);
    assert.equal(fresh.stats().queries, 2); // Knot sent the CNAMEs of interop.test alone: one more query
  });

  test('a CNAME loop is reported as an error, not as a missing record', async () => {
    const lookup = await resolver.lookup('loop1.interop.test', 'TXT');
    assert.equal(lookup.status, 'error');
    assert.match(lookup.reason ?? '', /^CNAME loop at "loop[12]\.interop\.test"$/);
  });

  test('NXDOMAIN and NODATA are told apart, each with the SOA minimum as negative TTL', async () => {
    const missing = await resolver.lookup('nothing.interop.test', 'TXT');
    assert.deepEqual([missing.status, missing.rcode, missing.negativeTtl], ['nxdomain', 'NXDOMAIN', 60]);
    const empty = await resolver.lookup('interop.test', 'A');
    assert.deepEqual([empty.status, empty.rcode, empty.negativeTtl], ['nodata', 'NOERROR', 60]);
  });

  test('the null MX "0 ." and an ordinary MX', async () => {
    const nullMx = await resolver.lookup('nullmx.interop.test', 'MX');
    assert.deepEqual(nullMx.records.map((r) => [r.value, r.preference, r.exchange]), [['0 .', 0, '']]);
    const mx = await resolver.lookup('mail.interop.test', 'MX');
    assert.deepEqual(mx.records.map((r) => [r.value, r.preference, r.exchange]), [['10 mx1.interop.test', 10, 'mx1.interop.test']]);
  });

  test('type 99 SPF is decoded like TXT, strings kept', async () => {
    const lookup = await resolver.lookup('interop.test', 'SPF');
    assert.equal(lookup.status, 'answer');
    assert.deepEqual(lookup.records.map((r) => [r.type, r.value, r.strings]), [
      ['SPF', 'v=spf1 include:amazonses.com ~all', ['v=spf1 include:amazonses.com', ' ~all']],
    ]);
  });

  test('answers are authoritative (AA) and name the server', async () => {
    const lookup = await resolver.lookup('interop.test', 'TXT');
    assert.deepEqual([lookup.status, lookup.aa, lookup.server], ['answer', true, knot.nameserver]);
  });
});
