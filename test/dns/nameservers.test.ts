import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNameserver, parseResolvConf, readSystemNameservers } from '../../src/dns/nameservers.js';

test('parses IPv4 and IPv6 servers with and without a port', () => {
  assert.deepEqual(parseNameserver('192.0.2.53'), { host: '192.0.2.53', port: 53, family: 4, label: '192.0.2.53:53' });
  assert.deepEqual(parseNameserver('127.0.0.1:5300'), { host: '127.0.0.1', port: 5300, family: 4, label: '127.0.0.1:5300' });
  assert.deepEqual(parseNameserver('[::1]:5300'), { host: '::1', port: 5300, family: 6, label: '[::1]:5300' });
  assert.deepEqual(parseNameserver('[2001:db8::53]'), { host: '2001:db8::53', port: 53, family: 6, label: '[2001:db8::53]:53' });
  assert.deepEqual(parseNameserver('::1'), { host: '::1', port: 53, family: 6, label: '[::1]:53' });
});

test('IPv6 addresses are kept in canonical form, the form reply sources are compared with', () => {
  assert.equal(parseNameserver('[0:0:0:0:0:0:0:1]:5300').host, '::1');
  assert.equal(parseNameserver('2001:DB8:0:0::53').label, '[2001:db8::53]:53');
});

test('rejects host names, bad ports and broken brackets with an error naming the value', () => {
  for (const bad of ['dns.example.com', 'dns.example.com:53', '127.0.0.1:0', '127.0.0.1:70000', '127.0.0.1:x', '[::1', '[::1]x', '[127.0.0.1]:53', '']) {
    assert.throws(() => parseNameserver(bad), (error: Error) => error.message.includes(`"${bad}"`), bad);
  }
});

test('resolv.conf: nameserver lines in order, comments ignored, unusable lines reported', () => {
  const text = '# comment\nsearch example.test\nnameserver 192.0.2.1\nnameserver 2001:db8::1 ; v6\n;nameserver 192.0.2.9\nnameserver bogus\n';
  const { nameservers, skipped } = parseResolvConf(text);
  assert.deepEqual(nameservers.map((n) => n.label), ['192.0.2.1:53', '[2001:db8::1]:53']);
  assert.deepEqual(skipped, ['"bogus"']);
});

test('resolv.conf without nameservers, or missing, falls back to 127.0.0.1 and says so', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-resolv-'));
  try {
    const empty = join(dir, 'resolv.conf');
    await writeFile(empty, 'search example.test\n');
    const fromEmpty = readSystemNameservers(empty);
    assert.deepEqual(fromEmpty.nameservers.map((n) => n.label), ['127.0.0.1:53']);
    assert.match(fromEmpty.note ?? '', /no nameserver line.*127\.0\.0\.1/);
    const fromMissing = readSystemNameservers(join(dir, 'absent'));
    assert.deepEqual(fromMissing.nameservers.map((n) => n.label), ['127.0.0.1:53']);
    assert.match(fromMissing.note ?? '', /cannot read .*ENOENT/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
