// The three drift renderings of one hand-written report, and the JSON schema they promise.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { renderDriftText } from '../../src/drift/render-text.js';
import { renderDriftMarkdown } from '../../src/drift/render-markdown.js';
import { assertInertMarkdown } from '../helpers/markdown.js';
import { renderDriftJson } from '../../src/drift/render-json.js';
import { driftDomains } from '../../src/drift/run-drift.js';
import type { DriftReport } from '../../src/drift/types.js';
import { awsDoubleEnv, setEnv, startAwsDouble, type AwsDouble } from '../helpers/aws-double.js';

const REPORT: DriftReport = {
  schemaVersion: 1,
  tool: { name: 'maildns', version: '0.1.0' },
  declared: 'route53:example.test',
  observed: 'authoritative',
  domains: [{
    domain: 'example.test',
    declared: 'route53:example.test',
    observed: 'authoritative',
    compared: ['_dmarc.example.test:TXT', 'example.test:TXT', 'tok1._domainkey.example.test:CNAME', 'x._domainkey.example.test:CNAME'],
    servers: ['ns1.example.test (192.0.2.1:53)', 'ns2.example.test (192.0.2.2:53)'],
    differences: [
      { change: 'ttl', name: '_dmarc.example.test', type: 'TXT', servers: ['ns1.example.test (192.0.2.1:53)'],
        declared: { ttl: 300, values: ['v=DMARC1; p=none'], source: 'route53:example.test' },
        observed: { ttl: 3600, values: ['v=DMARC1; p=none'], source: 'authoritative' } },
      { change: 'changed', name: 'example.test', type: 'TXT', servers: ['ns1.example.test (192.0.2.1:53)', 'ns2.example.test (192.0.2.2:53)'],
        declared: { ttl: 300, values: ['v=spf1 a|b ~all'], source: 'route53:example.test' },
        observed: { ttl: 300, values: ['v=spf1 -all'], source: 'authoritative' } },
      { change: 'missing', name: 'tok1._domainkey.example.test', type: 'CNAME', servers: ['ns2.example.test (192.0.2.2:53)'],
        declared: { ttl: 1800, values: ['tok1.dkim.amazonses.com'], source: 'route53:example.test' } },
      { change: 'unexpected', name: 'x._domainkey.example.test', type: 'CNAME', servers: [],
        observed: { ttl: 300, values: ['x.dkim.amazonses.com'], source: 'authoritative' } },
    ],
    notices: [{ code: 'serversDisagree', name: '_dmarc.example.test', type: 'TXT', message: 'Servers disagree.', servers: ['a', 'b'] }],
  }],
  summary: { differences: 4, byChange: { missing: 1, unexpected: 1, changed: 1, ttl: 1 }, notices: 1 },
};

describe('drift renderers', () => {
  it('text uses -, +, ± and ttl=(a->b), with the servers', () => {
    const lines = renderDriftText(REPORT).split('\n');
    assert.ok(lines.includes('  ± ttl        _dmarc.example.test TXT ttl=(300->3600)  [ns1.example.test (192.0.2.1:53)]'));
    assert.ok(lines.includes('  ± changed    example.test TXT "v=spf1 a|b ~all" -> "v=spf1 -all"  [ns1.example.test (192.0.2.1:53), ns2.example.test (192.0.2.2:53)]'));
    assert.ok(lines.includes('  - missing    tok1._domainkey.example.test CNAME tok1.dkim.amazonses.com  [ns2.example.test (192.0.2.2:53)]'));
    assert.ok(lines.includes('  + unexpected x._domainkey.example.test CNAME x.dkim.amazonses.com'));
    assert.ok(lines.includes('4 difference(s) (1 missing, 1 unexpected, 1 changed, 1 ttl), 1 notice(s)'));
  });

  it('markdown is a ticket table with escaped pipes, names, values and servers in code spans', () => {
    const markdown = renderDriftMarkdown(REPORT);
    const lines = markdown.split('\n');
    assert.ok(lines.includes('| Change | Name | Type | TTL | Declared | Observed | Server |'));
    assert.ok(lines.includes('| ttl | `_dmarc.example.test` | TXT | 300 → 3600 | `v=DMARC1; p=none` | `v=DMARC1; p=none` | `ns1.example.test (192.0.2.1:53)` |'));
    assert.ok(lines.includes('| changed | `example.test` | TXT | 300 | `v=spf1 a\\|b ~all` | `v=spf1 -all` | `ns1.example.test (192.0.2.1:53)`, `ns2.example.test (192.0.2.2:53)` |'));
    // As GitHub renders it: the escaped pipe stays inside its cell, as "|".
    const html = assertInertMarkdown(markdown);
    assert.ok(html.includes('<td><code>v=spf1 a|b ~all</code></td>'), html);
    assert.ok(lines.includes('| unexpected | `x._domainkey.example.test` | CNAME | 300 | — | `x.dkim.amazonses.com` | — |'));
  });

  it('JSON matches schemas/drift.schema.json, and the schema rejects a missing without its declared side', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync('schemas/drift.schema.json', 'utf8')));
    assert.ok(validate(JSON.parse(renderDriftJson(REPORT))), JSON.stringify(validate.errors));
    const broken = structuredClone(REPORT);
    delete broken.domains[0]!.differences[2]!.declared;
    assert.equal(validate(broken), false);
  });
});

describe('static sources: zone file against Route 53', () => {
  let double: AwsDouble;
  let dir: string;
  let restore: () => void;
  before(async () => {
    double = await startAwsDouble();
    double.addZone({
      id: 'ZS', name: 'example.test.', recordSets: [
        { Name: 'example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=spf1 include:amazonses.com ~all"'] },
        { Name: '_dmarc.example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=DMARC1; p=reject"'] },
      ],
    });
    double.addZone({
      id: 'ZW', name: 'parked.test.', recordSets: [
        { Name: '\\052._domainkey.parked.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=DKIM1; p="'] },
        { Name: '\\052._report._dmarc.parked.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=DMARC1;"'] },
      ],
    });
    dir = await mkdtemp(join(tmpdir(), 'maildns-drift-'));
    restore = setEnv(awsDoubleEnv(double));
  });
  after(async () => {
    restore();
    await double.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads zone: with the RFC 1035 parser and emits schema-valid JSON', async () => {
    const file = join(dir, 'example.test.zone');
    // \\059 is a DECIMAL escape in a master file (";"), unlike Route 53's octal.
    await writeFile(file, '$ORIGIN example.test.\n$TTL 300\n@ SOA ns hm 1 2 3 4 5\n@ TXT "v=spf1 include:amazonses.com " "~all"\n_dmarc TXT "v=DMARC1\\059 p=none"\n');
    const report = await driftDomains(['example.test'], { declared: `zone:${file}`, observed: 'route53:ZS' });
    const [domain] = report.domains;
    assert.deepEqual(domain?.differences.map((d) => [d.change, d.name, d.declared?.values[0], d.observed?.values[0]]), [
      ['changed', '_dmarc.example.test', 'v=DMARC1; p=none', 'v=DMARC1; p=reject'],
    ]);
    assert.deepEqual(domain?.notices.map((n) => n.code), ['txtChunking']);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync('schemas/drift.schema.json', 'utf8')));
    assert.ok(validate(JSON.parse(renderDriftJson(report))), JSON.stringify(validate.errors));
  });

  it('zone: answers a name it does not hold from its wildcard, as its server would (RFC 4592)', async () => {
    // A server for the declared zone answers "_dmarc.example.test" from "*.example.test": the same
    // record set as the observed zone's literal one, so no drift.
    const declared = join(dir, 'wild.zone');
    const observed = join(dir, 'literal.zone');
    await writeFile(declared, '$ORIGIN example.test.\n$TTL 300\n@ SOA ns hm 1 2 3 4 5\n* TXT "v=DMARC1; p=reject"\n');
    await writeFile(observed, '$ORIGIN example.test.\n$TTL 300\n@ SOA ns hm 1 2 3 4 5\n_dmarc TXT "v=DMARC1; p=reject"\n');
    const report = await driftDomains(['example.test'], { declared: `zone:${declared}`, observed: `zone:${observed}` });
    assert.deepEqual(report.domains[0]?.differences, []);
    assert.deepEqual(report.domains[0]?.compared, ['_dmarc.example.test:TXT']);
  });

  it('route53: wildcard records answer the names the zone file holds literally; a literal "*" name is compared as itself', async () => {
    const declared = join(dir, 'parked.zone');
    await writeFile(declared, [
      '$ORIGIN parked.test.', '$TTL 300', '@ SOA ns hm 1 2 3 4 5',
      's1._domainkey TXT "v=DKIM1; p="', 'example.org._report._dmarc TXT "v=DMARC1;"', '',
    ].join('\n'));
    const report = await driftDomains(['parked.test'], { declared: `zone:${declared}`, observed: 'route53:ZW', dkimSelectors: ['s1'] });
    // Not "missing": Route 53 synthesises both from "*._domainkey" and "*._report._dmarc". Asked
    // literally, each "*" name is a selector or report-authorisation name of its own, which the zone
    // file's server denies: those two are the only differences.
    assert.deepEqual(report.domains[0]?.differences.map((d) => [d.change, d.name, d.type]), [
      ['unexpected', '*._domainkey.parked.test', 'TXT'],
      ['unexpected', '*._report._dmarc.parked.test', 'TXT'],
    ]);
  });
});
