// diffRecordSets and toRecordSets as pure functions: what counts as drift and what does not.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsRecord } from '../../src/dns/types.js';
import { diffRecordSets } from '../../src/drift/compare.js';
import { toRecordSets } from '../../src/drift/record-sets.js';
import { mailScope } from '../../src/drift/mail-names.js';

function txt(name: string, ttl: number, ...strings: string[]): DnsRecord {
  return { name, type: 'TXT', ttl, value: strings.join(''), strings };
}
function cname(name: string, target: string, ttl = 300): DnsRecord {
  return { name, type: 'CNAME', ttl, value: target, target };
}
function mx(name: string, preference: number, exchange: string, ttl = 300): DnsRecord {
  return { name, type: 'MX', ttl, value: `${preference} ${exchange}`, preference, exchange };
}

describe('toRecordSets', () => {
  it('keeps a null MX (RFC 7505) as "0 .", from parsed fields or from the text', () => {
    const parsed = toRecordSets([mx('null.example.test', 0, '.')], 'zone:a');
    const fromText = toRecordSets([{ name: 'null.example.test', type: 'MX', ttl: 300, value: '0 .' }], 'zone:b');
    assert.deepEqual(parsed[0]!.values, ['0 .']);
    assert.deepEqual(fromText[0]!.values, ['0 .']);
  });
});

describe('diffRecordSets', () => {
  it('reports each kind of change with both sides', () => {
    const declared = toRecordSets([
      txt('example.test', 300, 'v=spf1 include:amazonses.com ~all'),
      cname('a._domainkey.example.test', 'a.dkim.amazonses.com'),
      txt('_dmarc.example.test', 300, 'v=DMARC1; p=none'),
      mx('mail.example.test', 10, 'feedback-smtp.us-east-1.amazonses.com'),
    ], 'route53:example.test');
    const observed = toRecordSets([
      txt('example.test', 300, 'v=spf1 -all'),
      cname('old._domainkey.example.test', 'old.dkim.amazonses.com'),
      txt('_dmarc.example.test', 3600, 'v=DMARC1; p=none'),
      mx('mail.example.test', 10, 'feedback-smtp.us-east-1.amazonses.com'),
    ], 'ns:192.0.2.1', '192.0.2.1:53');
    const { differences } = diffRecordSets(declared, observed, { server: '192.0.2.1:53' });
    assert.deepEqual(
      differences.map((d) => [d.change, d.name, d.type]),
      [
        ['ttl', '_dmarc.example.test', 'TXT'],
        ['missing', 'a._domainkey.example.test', 'CNAME'],
        ['changed', 'example.test', 'TXT'],
        ['unexpected', 'old._domainkey.example.test', 'CNAME'],
      ],
    );
    const changed = differences.find((d) => d.change === 'changed')!;
    assert.deepEqual(changed.declared, { ttl: 300, values: ['v=spf1 include:amazonses.com ~all'], source: 'route53:example.test' });
    assert.deepEqual(changed.observed, { ttl: 300, values: ['v=spf1 -all'], source: 'ns:192.0.2.1' });
    assert.deepEqual(changed.servers, ['192.0.2.1:53']);
    const ttl = differences.find((d) => d.change === 'ttl')!;
    assert.deepEqual([ttl.declared?.ttl, ttl.observed?.ttl], [300, 3600]);
  });

  it('treats TXT split or quoted differently as equal and says so in a notice', () => {
    const long = 'v=DKIM1; k=rsa; p=' + 'A'.repeat(300);
    const declared = toRecordSets([txt('s1._domainkey.example.test', 300, long.slice(0, 255), long.slice(255))], 'zone:a');
    const observed = toRecordSets([txt('s1._domainkey.example.test', 300, long.slice(0, 200), long.slice(200))], 'ns:x', 'x');
    const { differences, notices } = diffRecordSets(declared, observed);
    assert.deepEqual(differences, []);
    assert.deepEqual(notices.map((n) => [n.code, n.name]), [['txtChunking', 's1._domainkey.example.test']]);
  });

  it('ignores case and trailing dots in names and targets, and the order of values', () => {
    const declared = toRecordSets([
      cname('A._domainkey.Example.TEST.', 'A.DKIM.amazonses.com.'),
      mx('example.test', 20, 'MX2.example.test.'),
      mx('example.test', 10, 'mx1.example.test'),
    ], 'zone:a');
    const observed = toRecordSets([
      cname('a._domainkey.example.test', 'a.dkim.amazonses.com'),
      mx('example.test', 10, 'mx1.example.test'),
      mx('example.test', 20, 'mx2.example.test'),
    ], 'ns:x');
    assert.deepEqual(diffRecordSets(declared, observed).differences, []);
  });

  it('keeps TXT case: it is data, not a name', () => {
    const declared = toRecordSets([txt('example.test', 300, 'v=spf1 include:A.test -all')], 'zone:a');
    const observed = toRecordSets([txt('example.test', 300, 'v=spf1 include:a.test -all')], 'ns:x');
    assert.equal(diffRecordSets(declared, observed).differences[0]?.change, 'changed');
  });

  it('compares only the keys asked for, and no TTLs when told not to', () => {
    const declared = toRecordSets([txt('example.test', 300, 'x'), txt('www.example.test', 300, 'y')], 'zone:a');
    const observed = toRecordSets([txt('example.test', 60, 'x')], 'recursive');
    const result = diffRecordSets(declared, observed, { keys: new Set(['example.test:TXT']), compareTtl: false });
    assert.deepEqual(result.differences, []);
    assert.deepEqual(result.compared, ['example.test:TXT']);
  });
});

describe('mailScope', () => {
  it('takes the apex, _dmarc, selectors from either side, MAIL FROM and report authorisations', () => {
    const known = toRecordSets([
      cname('tok1._domainkey.example.test', 'tok1.dkim.amazonses.com'),
      txt('www.example.test', 300, 'not mail'),
      mx('bounce.example.test', 10, 'feedback-smtp.eu-west-1.amazonses.com'),
      txt('other.test._report._dmarc.example.test', 300, 'v=DMARC1;'),
      txt('a.b._domainkey.example.test', 300, 'not a selector'),
    ], 'zone:a');
    const scope = mailScope({ domain: 'example.test', known, dkimSelectors: ['S1'] });
    assert.deepEqual(scope.queries, [
      { name: '_dmarc.example.test', types: ['TXT'] },
      // Type-99 SPF is asked (and compared) where mail is sent from: the domain and its MAIL FROM.
      { name: 'bounce.example.test', types: ['TXT', 'MX', 'SPF'] },
      { name: 'example.test', types: ['TXT', 'MX', 'SPF'] },
      { name: 'other.test._report._dmarc.example.test', types: ['TXT'] },
      { name: 's1._domainkey.example.test', types: ['TXT'] },
      { name: 'tok1._domainkey.example.test', types: ['TXT'] },
    ]);
    assert.ok(scope.keys.has('tok1._domainkey.example.test:CNAME'));
    assert.ok(!scope.keys.has('www.example.test:TXT'));
    assert.ok(scope.keys.has('example.test:SPF'));
    assert.ok(!scope.keys.has('_dmarc.example.test:SPF'), 'SPF is compared only where it is asked');
  });
});
