// loadRoute53Zone with the real Route 53 client against the wire-format double.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadRoute53Zone, route53Records } from '../../src/sources/route53.js';
import { AwsSourceError } from '../../src/sources/aws-errors.js';
import { setEnv, useAwsDouble, type DoubleRecordSet } from '../helpers/aws-double.js';

const APEX: DoubleRecordSet[] = [
  { Name: 'example.test.', Type: 'SOA', TTL: 900, ResourceRecords: ['ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400'] },
  { Name: 'example.test.', Type: 'NS', TTL: 172800, ResourceRecords: ['ns-1.awsdns-00.com.', 'ns-2.awsdns-01.net.'] },
];

function set(name: string, type: string, ...values: string[]): DoubleRecordSet {
  return { Name: name, Type: type, TTL: 300, ResourceRecords: values };
}

describe('loadRoute53Zone', () => {
  const aws = useAwsDouble();

  it('reads every page of a zone with more than 300 record sets, routing variants across page ends', async () => {
    const hosts = Array.from({ length: 700 }, (_, i) => set(`h${String(i).padStart(3, '0')}.example.test.`, 'A', `192.0.2.${i % 250}`));
    const weighted = ['a', 'b', 'c'].map((id, i): DoubleRecordSet => ({
      Name: 'h299.example.test.', Type: 'TXT', TTL: 60, SetIdentifier: id, Weight: i, ResourceRecords: [`"w-${id}"`],
    }));
    aws.double.addZone({ id: 'ZBIG', name: 'example.test.', nameServers: ['ns-1.awsdns-00.com'], recordSets: [...APEX, ...hosts, ...weighted] });
    const zone = await loadRoute53Zone('ZBIG');
    const pages = aws.double.requestsFor('ListResourceRecordSets');
    assert.equal(pages.length, 3, '705 record sets at 300 per page');
    assert.deepEqual(pages.map((p) => p.query['maxitems']), ['300', '300', '300']);
    assert.ok(pages[1]?.query['name'], 'second page starts at NextRecordName');
    assert.equal(zone.recordSets.filter((s) => s.type === 'A').length, 700);
    const txt = zone.recordSets.find((s) => s.name === 'h299.example.test' && s.type === 'TXT');
    assert.deepEqual(txt?.records.map((r) => r.value).sort(), ['w-a', 'w-b', 'w-c']);
  });

  it('continues a page that ends inside a weighted set with NextRecordIdentifier', async () => {
    const fill = Array.from({ length: 297 }, (_, i) => set(`a${String(i).padStart(3, '0')}.example.test.`, 'A', '192.0.2.1'));
    const weighted = ['blue', 'green', 'red'].map((id): DoubleRecordSet => ({
      Name: 'zzz.example.test.', Type: 'TXT', TTL: 300, SetIdentifier: id, Weight: 10, ResourceRecords: [`"v=spf1 include:${id}.test ~all"`],
    }));
    aws.double.addZone({ id: 'ZW', name: 'example.test.', recordSets: [...APEX, ...weighted, ...fill] });
    const zone = await loadRoute53Zone('ZW');
    const second = aws.double.requestsFor('ListResourceRecordSets')[1];
    assert.ok(second?.query['identifier'], 'resumes inside the routing variants');
    const apexTxt = zone.recordSets.find((s) => s.name === 'zzz.example.test' && s.type === 'TXT');
    assert.equal(apexTxt?.records.length, 3);
    assert.deepEqual(apexTxt?.routing, ['weighted:blue', 'weighted:green', 'weighted:red']);
    const warning = zone.warnings.find((w) => w.code === 'routingPolicyOnMailRecord');
    assert.deepEqual([warning?.name, warning?.type], ['zzz.example.test', 'TXT']);
  });

  it('finds a zone by name, decodes octal escapes and joins TXT strings', async () => {
    aws.double.addZone({ id: 'ZOTHER', name: 'other.test.', recordSets: [] });
    aws.double.addZone({
      id: 'ZEX', name: 'example.test.', nameServers: ['ns-2.awsdns-01.net', 'NS-1.awsdns-00.com.'],
      recordSets: [
        ...APEX,
        set('example.test.', 'TXT', '"v=spf1 include:amazonses.com " "~all"', '"caf\\351 \\"quoted\\""'),
        set('\\052.example.test.', 'TXT', '"wildcard"'),
        set('mail.example.test.', 'MX', '10 feedback-smtp.us-east-1.amazonses.com'),
      ],
    });
    const zone = await loadRoute53Zone('Example.Test.');
    assert.equal(zone.id, 'ZEX');
    assert.equal(zone.name, 'example.test');
    assert.deepEqual(zone.nameServers, ['ns-1.awsdns-00.com', 'ns-2.awsdns-01.net']);
    const apexTxt = zone.recordSets.find((s) => s.name === 'example.test' && s.type === 'TXT');
    assert.deepEqual(apexTxt?.records.map((r) => r.value), ['v=spf1 include:amazonses.com ~all', 'café "quoted"']);
    assert.deepEqual(apexTxt?.records[0]?.strings, ['v=spf1 include:amazonses.com ', '~all']);
    assert.ok(zone.recordSets.some((s) => s.name === '*.example.test'));
    assert.equal(aws.double.requestsFor('ListHostedZonesByName')[0]?.query['dnsname'], 'example.test');
  });

  it('resolves an alias inside the zone and names an alias to an AWS resource', async () => {
    aws.double.addZone({
      id: 'ZAL', name: 'example.test.',
      recordSets: [
        ...APEX,
        { ...set('spf.example.test.', 'TXT', '"v=spf1 -all"'), TTL: 600 },
        { Name: 'example.test.', Type: 'TXT', AliasTarget: { HostedZoneId: 'ZAL', DNSName: 'spf.example.test.', EvaluateTargetHealth: false } },
        { Name: 'www.example.test.', Type: 'A', AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: 'd111.cloudfront.net.', EvaluateTargetHealth: false } },
      ],
    });
    const zone = await loadRoute53Zone('ZAL');
    const apex = zone.recordSets.find((s) => s.name === 'example.test' && s.type === 'TXT');
    assert.deepEqual(apex?.records.map((r) => r.value), ['v=spf1 -all']);
    assert.equal(apex?.ttl, 600, 'an alias answers with its target TTL');
    assert.equal(apex?.alias?.resolvedInZone, true);
    const www = zone.recordSets.find((s) => s.name === 'www.example.test');
    assert.deepEqual([www?.alias?.resolvedInZone, www?.records.length], [false, 0]);
    assert.ok(zone.warnings.some((w) => w.code === 'aliasToAwsTarget' && w.name === 'www.example.test'));
    assert.equal(route53Records(zone).filter((r) => r.name === 'example.test' && r.type === 'TXT')[0]?.ttl, 600);
  });

  it('reads the public zone of a split view and says the private one was skipped', async () => {
    aws.double.addZone({ id: 'ZPRIV', name: 'example.test.', privateZone: true, recordSets: [...APEX] });
    aws.double.addZone({ id: 'ZPUB', name: 'example.test.', recordSets: [...APEX] });
    const zone = await loadRoute53Zone('example.test');
    assert.equal(zone.id, 'ZPUB');
    assert.ok(zone.warnings.some((w) => w.code === 'privateZonesIgnored'));
  });

  it('refuses a private-only zone unless asked, then labels it', async () => {
    aws.double.addZone({ id: 'ZPRIV', name: 'example.test.', privateZone: true, recordSets: [...APEX] });
    await assert.rejects(loadRoute53Zone('example.test'), (e: unknown) => e instanceof AwsSourceError && /private/.test(e.message));
    const zone = await loadRoute53Zone('example.test', { allowPrivate: true });
    assert.equal(zone.privateZone, true);
    assert.ok(zone.warnings.some((w) => w.code === 'privateZone'));
  });

  it('maps NoSuchHostedZone (404) and a missing name to not-found', async () => {
    await assert.rejects(loadRoute53Zone('ZNOPE'), (e: unknown) => e instanceof AwsSourceError && e.kind === 'not-found');
    await assert.rejects(loadRoute53Zone('nope.test'), (e: unknown) => e instanceof AwsSourceError && e.kind === 'not-found');
  });

  it('names route53:ListResourceRecordSets when access is denied', async () => {
    aws.double.addZone({ id: 'ZD', name: 'example.test.', recordSets: [...APEX] });
    aws.double.script('ListResourceRecordSets', { status: 403, code: 'AccessDenied', message: 'not authorized' });
    await assert.rejects(loadRoute53Zone('ZD'), (e: unknown) =>
      e instanceof AwsSourceError && e.kind === 'access-denied' && e.details.permission === 'route53:ListResourceRecordSets');
  });

  it('retries Route 53 throttling (HTTP 400, code Throttling) and a 500', async () => {
    aws.double.addZone({ id: 'ZT', name: 'example.test.', recordSets: [...APEX] });
    aws.double.script('ListResourceRecordSets', { status: 400, code: 'Throttling', message: 'Rate exceeded' });
    aws.double.script('GetHostedZone', { status: 500, code: 'InternalError' });
    const zone = await loadRoute53Zone('ZT');
    assert.equal(zone.recordSets.length, 2);
    assert.equal(aws.double.requestsFor('ListResourceRecordSets').length, 2);
  });

  it('reports a truncated XML body as malformed', async () => {
    aws.double.addZone({ id: 'ZM', name: 'example.test.', recordSets: [...APEX] });
    aws.double.script('ListResourceRecordSets', { status: 200, rawBody: '<?xml version="1.0"?><ListResourceRecordSetsResponse><ResourceRecordSets><Resource' });
    await assert.rejects(loadRoute53Zone('ZM'), (e: unknown) => e instanceof AwsSourceError && e.kind === 'malformed');
  });

  it('reports a 200 reply without record sets as malformed, not as an empty zone', async () => {
    aws.double.addZone({ id: 'ZE', name: 'example.test.', recordSets: [...APEX] });
    aws.double.script('ListResourceRecordSets', { status: 200, rawBody: '' });
    await assert.rejects(loadRoute53Zone('ZE'), (e: unknown) => e instanceof AwsSourceError && e.kind === 'malformed');
  });

  it('stops when a page points back at its own start, instead of asking for ever', async () => {
    aws.double.addZone({ id: 'ZL', name: 'example.test.', recordSets: [...APEX] });
    const looping = '<?xml version="1.0"?><ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">'
      + '<ResourceRecordSets></ResourceRecordSets><IsTruncated>true</IsTruncated>'
      + '<NextRecordName>a.example.test.</NextRecordName><NextRecordType>TXT</NextRecordType><MaxItems>300</MaxItems>'
      + '</ListResourceRecordSetsResponse>';
    aws.double.script('ListResourceRecordSets', ...Array.from({ length: 5 }, () => ({ status: 200, rawBody: looping })));
    await assert.rejects(loadRoute53Zone('ZL'), (e: unknown) => e instanceof AwsSourceError && e.kind === 'malformed' && /same next page/.test(e.message));
    assert.equal(aws.double.requestsFor('ListResourceRecordSets').length, 2, 'the repeated page is seen on the second request');
  });

  it('works without AWS_REGION: Route 53 is global', async () => {
    aws.double.addZone({ id: 'ZG', name: 'example.test.', recordSets: [...APEX] });
    const undo = setEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    try {
      const zone = await loadRoute53Zone('ZG');
      assert.equal(zone.name, 'example.test');
    } finally {
      undo();
    }
  });
});
