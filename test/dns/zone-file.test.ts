import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZoneFile, ZoneFileError, parseTtl } from '../../src/dns/zone-file.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@   IN SOA ns1 hostmaster ( 2024010101 ; serial
            7200 900 1209600 300 )
    IN NS ns1
    NS ns2.example.net.
ns1 A 192.0.2.53
@ 300 IN TXT "v=spf1 include:amazonses.com ~all"
_dmarc IN 600 TXT "v=DMARC1; p=quarantine; rua=mailto:d@example.com" ; the ";" inside quotes is data
esc TXT "a\\059b" "q\\"uote" back\\\\slash
multi TXT ( "first "
            "second" )
mail MX 10 inbound-smtp.us-east-1.amazonaws.com.
nomx MX 0 .
alias CNAME target
target AAAA 2001:DB8:0:0::1
deep.empty.nonterminal A 192.0.2.1
`;

test('parses origin, TTLs, relative names, @, blank owners and parentheses', () => {
  const zone = parseZoneFile(ZONE, { file: 'ex.zone' });
  assert.equal(zone.origin, 'example.com');
  assert.deepEqual(zone.apexes, ['example.com']);
  const soa = zone.records.find((r) => r.type === 'SOA')!;
  assert.equal(soa.value, 'ns1.example.com hostmaster.example.com 2024010101 7200 900 1209600 300');
  assert.equal(soa.serial, 2024010101);
  const ns = zone.records.filter((r) => r.type === 'NS').map((r) => [r.name, r.value]);
  assert.deepEqual(ns, [['example.com', 'ns1.example.com'], ['example.com', 'ns2.example.net']]);
  const spf = zone.records.find((r) => r.type === 'TXT' && r.name === 'example.com')!;
  assert.equal(spf.ttl, 300);
  const dmarc = zone.records.find((r) => r.name === '_dmarc.example.com')!;
  assert.equal(dmarc.ttl, 600);
  assert.equal(dmarc.value, 'v=DMARC1; p=quarantine; rua=mailto:d@example.com');
});

test('decodes decimal \\DDD and character escapes in quoted and bare strings', () => {
  const zone = parseZoneFile(ZONE, { file: 'ex.zone' });
  const esc = zone.records.find((r) => r.name === 'esc.example.com')!;
  assert.deepEqual(esc.strings, ['a;b', 'q"uote', 'back\\slash']);
  const multi = zone.records.find((r) => r.name === 'multi.example.com')!;
  assert.deepEqual(multi.strings, ['first ', 'second']);
  assert.equal(multi.value, 'first second');
});

test('MX: exchange normalised, null MX has an empty exchange', () => {
  const zone = parseZoneFile(ZONE, { file: 'ex.zone' });
  const mx = zone.records.filter((r) => r.type === 'MX').map((r) => [r.preference, r.exchange, r.value]);
  assert.deepEqual(mx, [[10, 'inbound-smtp.us-east-1.amazonaws.com', '10 inbound-smtp.us-east-1.amazonaws.com'], [0, '', '0 .']]);
  const aaaa = zone.records.find((r) => r.type === 'AAAA')!;
  assert.equal(aaaa.value, '2001:db8::1');
});

test('malformed files name file:line and what was expected', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['$ORIGIN example.com.\n$TTL 300\n@ TXT "unterminated\n', 3, /unterminated quoted string/],
    ['$ORIGIN example.com.\n$TTL 300\n\n@ MX ten mail\n', 4, /MX preference/],
    ['$ORIGIN example.com.\n$TTL 300\n@ A 300.1.1.1\n', 3, /IPv4 address/],
    ['$TTL 300\nwww A 192.0.2.1\n', 2, /relative name "www" with no \$ORIGIN/],
    ['$ORIGIN example.com.\n@ A 192.0.2.1\n', 2, /no TTL/],
    ['$ORIGIN example.com.\n$TTL 300\n@ TXT ( "a"\n', 3, /unclosed "\("/],
    ['$ORIGIN example.com.\n$TTL 300\n@ TXT "\\300"\n', 3, /not a byte/],
    [`$ORIGIN example.com.\n$TTL 300\n@ TXT "${'x'.repeat(256)}"\n`, 3, /256 bytes; the limit is 255/],
    ['$ORIGIN example.com.\n$INCLUDE other.zone\n', 2, /unsupported directive \$INCLUDE/],
  ];
  for (const [text, line, pattern] of cases) {
    assert.throws(() => parseZoneFile(text, { file: 'bad.zone' }), (error: unknown) => {
      assert.ok(error instanceof ZoneFileError, String(error));
      assert.equal(error.file, 'bad.zone');
      assert.equal(error.line, line, `${pattern} at line`);
      assert.match(error.message, pattern);
      assert.match(error.message, new RegExp(`^bad\\.zone:${line}: `));
      return true;
    });
  }
});

test('TTL units', () => {
  assert.equal(parseTtl('3600'), 3600);
  assert.equal(parseTtl('1h30m'), 5400);
  assert.equal(parseTtl('1W'), 604800);
  assert.equal(parseTtl('IN'), undefined);
});

test('types maildns does not model are counted, not fatal', () => {
  const zone = parseZoneFile('$ORIGIN example.com.\n$TTL 300\n@ DS 1 2 3 ABCD\n@ HTTPS 1 . alpn=h2\n@ A 192.0.2.1\n', { file: 'x' });
  assert.deepEqual(zone.skipped, { DS: 1, HTTPS: 1 });
  assert.equal(zone.records.length, 1);
});

test('ZoneResolver answers like an authoritative server', async () => {
  const resolver = new ZoneResolver([parseZoneFile(ZONE, { file: 'ex.zone' })]);
  const txt = await resolver.lookup('EXAMPLE.com.', 'TXT');
  assert.equal(txt.status, 'answer');
  assert.equal(txt.server, 'zone:ex.zone');
  assert.equal(txt.aa, true);
  const nodata = await resolver.lookup('ns1.example.com', 'TXT');
  assert.equal(nodata.status, 'nodata');
  assert.equal(nodata.negativeTtl, 300);
  const ent = await resolver.lookup('empty.nonterminal.example.com', 'A');
  assert.equal(ent.status, 'nodata', 'an empty non-terminal exists');
  const nx = await resolver.lookup('nope.example.com', 'A');
  assert.equal(nx.status, 'nxdomain');
  assert.equal(nx.rcode, 'NXDOMAIN');
  const alias = await resolver.lookup('alias.example.com', 'AAAA');
  assert.equal(alias.status, 'answer');
  assert.deepEqual(alias.cnames.map((r) => r.value), ['target.example.com']);
  assert.deepEqual(alias.records.map((r) => r.value), ['2001:db8::1']);
  const raw = await resolver.lookup('alias.example.com', 'A', { followCnames: false });
  assert.deepEqual(raw.records.map((r) => r.type), ['CNAME']);
  const outside = await resolver.lookup('amazonses.com', 'TXT');
  assert.equal(outside.status, 'refused', 'a name no zone covers is unknown, not missing');
  assert.equal(resolver.stats().queries, 7);
});

test('ZoneResolver detects CNAME loops and over-long chains as errors, not absences', async () => {
  const loop = parseZoneFile('$ORIGIN example.com.\n$TTL 60\n@ SOA ns h 1 1 1 1 1\na CNAME b\nb CNAME a\n', { file: 'l' });
  const resolver = new ZoneResolver([loop]);
  const result = await resolver.lookup('a.example.com', 'TXT');
  assert.equal(result.status, 'error');
  assert.match(result.reason ?? '', /loop/);
  const chain = ['$ORIGIN example.com.', '$TTL 60', '@ SOA ns h 1 1 1 1 1'];
  for (let i = 0; i < 20; i++) chain.push(`c${i} CNAME c${i + 1}`);
  const long = new ZoneResolver([parseZoneFile(chain.join('\n'), { file: 'c' })]);
  assert.equal((await long.lookup('c0.example.com', 'A')).status, 'error');
});
