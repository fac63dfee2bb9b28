// Drift end to end: the declared side from Route 53 (the wire-format double, real SDK) or from a Knot
// server, the observed side from Knot servers asked directly with RD=0 through the stub resolver.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { driftDomains } from '../../src/drift/run-drift.js';
import type { DriftResolvers } from '../../src/drift/sources.js';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { awsDoubleEnv, easyDkimIdentity, setEnv, startAwsDouble, type AwsDouble, type DoubleRecordSet } from '../helpers/aws-double.js';

const KEY = `p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${'Q'.repeat(300)}IDAQAB`;

/** What Knot serves (the "live" zone). */
const SERVED = `$ORIGIN example.test.
$TTL 300
@ SOA ns1 hostmaster 2024010101 7200 900 1209600 300
@ NS ns1
@ NS ns2
ns1 A 127.0.0.1
ns2 A 127.0.0.2
@ MX 10 inbound-smtp.us-east-1.amazonaws.com.
@ TXT "v=spf1 include:amazonses.com -all"
@ SPF "v=spf1 include:amazonses.com -all"
_dmarc 3600 TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.test"
tok2._domainkey CNAME tok2.dkim.amazonses.com.
old._domainkey CNAME old.dkim.amazonses.com.
sel2024._domainkey TXT "v=DKIM1; k=rsa; ${KEY.slice(0, 200)}" "${KEY.slice(200)}"
mail MX 10 feedback-smtp.us-east-1.amazonses.com.
mail TXT "v=spf1 include:amazonses.com ~all"
www A 192.0.2.80
`;

/** What Route 53 declares: the planted differences are commented. */
const DECLARED: DoubleRecordSet[] = [
  { Name: 'example.test.', Type: 'SOA', TTL: 900, ResourceRecords: ['ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400'] },
  { Name: 'example.test.', Type: 'NS', TTL: 172800, ResourceRecords: ['ns-1.awsdns-00.com.'] },
  { Name: 'example.test.', Type: 'MX', TTL: 300, ResourceRecords: ['10 inbound-smtp.us-east-1.amazonaws.com'] },
  // changed: ~all declared, -all served
  { Name: 'example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=spf1 include:amazonses.com ~all"'] },
  // the deprecated type-99 record, the same on both sides: no difference (it was always "missing")
  { Name: 'example.test.', Type: 'SPF', TTL: 300, ResourceRecords: ['"v=spf1 include:amazonses.com -all"'] },
  // ttl only: 300 declared, 3600 served
  { Name: '_dmarc.example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.test"'] },
  // missing: not served
  { Name: 'tok1._domainkey.example.test.', Type: 'CNAME', TTL: 300, ResourceRecords: ['tok1.dkim.amazonses.com'] },
  { Name: 'tok2._domainkey.example.test.', Type: 'CNAME', TTL: 300, ResourceRecords: ['tok2.dkim.amazonses.com'] },
  // same key, split at 255 instead of 200: a notice, not drift
  { Name: 'sel2024._domainkey.example.test.', Type: 'TXT', TTL: 300, ResourceRecords: [`"v=DKIM1; k=rsa; ${KEY.slice(0, 239)}" "${KEY.slice(239)}"`] },
  { Name: 'mail.example.test.', Type: 'MX', TTL: 300, ResourceRecords: ['10 feedback-smtp.us-east-1.amazonses.com'] },
  { Name: 'mail.example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=spf1 include:amazonses.com ~all"'] },
  // not mail-relevant: never compared
  { Name: 'www.example.test.', Type: 'A', TTL: 300, ResourceRecords: ['192.0.2.99'] },
];

function resolversFor(servers: Record<string, KnotServer>, recursive: KnotServer): DriftResolvers {
  const options = { timeoutMs: 2000, retries: 1 };
  return {
    recursive: new StubResolver({ ...options, nameservers: [recursive.nameserver] }),
    // The zone's NS addresses are 127.0.0.1:53 and 127.0.0.2:53; each maps to its own Knot port.
    server: (address) => new StubResolver({ ...options, nameservers: [servers[address]?.nameserver ?? address], recursionDesired: false }),
  };
}

describe('maildns drift against Knot', knotTestOptions(), () => {
  let served: KnotServer;
  let stale: KnotServer;
  let double: AwsDouble;
  let restoreEnv: () => void;
  before(async () => {
    served = await startKnot({ zones: { 'example.test': SERVED } });
    // A second server of the same zone that missed the last update (old DMARC, no MAIL FROM MX).
    stale = await startKnot({
      zones: {
        'example.test': SERVED.replace('p=quarantine', 'p=none').replace(/^mail MX .*$/m, ''),
      },
    });
    double = await startAwsDouble();
    double.addZone({ id: 'ZEXAMPLE', name: 'example.test.', nameServers: ['ns-1.awsdns-00.com'], recordSets: DECLARED });
    restoreEnv = setEnv(awsDoubleEnv(double));
  });
  after(async () => {
    restoreEnv();
    await Promise.all([served?.stop(), stale?.stop(), double?.close()]);
  });

  it('lists exactly the planted differences, and nothing for TXT that differs only in chunking', async () => {
    const report = await driftDomains(['example.test'], {
      declared: 'route53:example.test',
      observed: `ns:${served.nameserver}`,
      dkimSelectors: ['old'],
      resolvers: resolversFor({}, served),
    });
    const [domain] = report.domains;
    assert.deepEqual(
      domain?.differences.map((d) => [d.change, d.name, d.type]),
      [
        ['ttl', '_dmarc.example.test', 'TXT'],
        ['changed', 'example.test', 'TXT'],
        ['unexpected', 'old._domainkey.example.test', 'CNAME'],
        ['missing', 'tok1._domainkey.example.test', 'CNAME'],
      ],
    );
    const changed = domain!.differences[1]!;
    assert.deepEqual(changed.declared?.values, ['v=spf1 include:amazonses.com ~all']);
    assert.deepEqual(changed.observed?.values, ['v=spf1 include:amazonses.com -all']);
    assert.deepEqual(changed.servers, [served.nameserver]);
    assert.deepEqual(domain?.notices.filter((n) => n.code === 'txtChunking').map((n) => n.name), ['sel2024._domainkey.example.test']);
    assert.ok(!domain?.compared.some((k) => k.startsWith('www.')), 'only mail-relevant names are compared');
    assert.deepEqual(report.summary.byChange, { missing: 1, unexpected: 1, changed: 1, ttl: 1 });
  });

  it('compares two providers: declared from the old servers, observed from the new', async () => {
    const report = await driftDomains(['example.test'], {
      declared: `ns:${stale.nameserver}`,
      observed: `ns:${served.nameserver}`,
      resolvers: resolversFor({}, served),
    });
    const [domain] = report.domains;
    assert.deepEqual(
      domain?.differences.map((d) => [d.change, d.name, d.type, d.declared?.values, d.observed?.values]),
      [
        ['changed', '_dmarc.example.test', 'TXT',
          ['v=DMARC1; p=none; rua=mailto:dmarc@example.test'], ['v=DMARC1; p=quarantine; rua=mailto:dmarc@example.test']],
      ],
      'the MAIL FROM MX is unknown to the old side, so only what both sides can name is compared',
    );
  });

  it('through a recursive resolver: no TTL comparison, and the zone not delegated to Route 53 is named', async () => {
    const report = await driftDomains(['example.test'], {
      declared: 'route53:example.test', observed: 'recursive', resolvers: resolversFor({}, served),
    });
    const [domain] = report.domains;
    assert.deepEqual(
      domain?.differences.map((d) => [d.change, d.name, d.type, d.servers]),
      [['changed', 'example.test', 'TXT', []], ['missing', 'tok1._domainkey.example.test', 'CNAME', []]],
      'the _dmarc TTL difference is not drift through a cache',
    );
    const codes = domain?.notices.map((n) => n.code);
    assert.ok(codes?.includes('ttlNotCompared'));
    assert.ok(codes?.includes('delegationMismatch'));
  });

  it('asks each authoritative server on its own and reports the one that disagrees', async () => {
    const report = await driftDomains(['example.test'], {
      declared: 'route53:example.test',
      observed: 'authoritative',
      dkimSelectors: ['old'],
      resolvers: resolversFor({ '127.0.0.1:53': served, '127.0.0.2:53': stale }, served),
    });
    const [domain] = report.domains;
    assert.deepEqual(domain?.servers, ['ns1.example.test (127.0.0.1:53)', 'ns2.example.test (127.0.0.2:53)']);
    const missingMx = domain?.differences.find((d) => d.change === 'missing' && d.name === 'mail.example.test');
    assert.deepEqual(missingMx?.servers, ['ns2.example.test (127.0.0.2:53)']);
    const tok1 = domain?.differences.find((d) => d.name === 'tok1._domainkey.example.test');
    assert.deepEqual(tok1?.servers, ['ns1.example.test (127.0.0.1:53)', 'ns2.example.test (127.0.0.2:53)'], 'one line for both servers');
    const disagree = domain?.notices.filter((n) => n.code === 'serversDisagree').map((n) => `${n.name}:${n.type}`);
    assert.deepEqual(disagree, ['_dmarc.example.test:TXT', 'mail.example.test:MX']);
    const delegation = domain?.notices.find((n) => n.code === 'delegationMismatch');
    assert.match(delegation?.message ?? '', /ns-1\.awsdns-00\.com/);
  });
});

describe('maildns drift --declared ses', knotTestOptions(), () => {
  let served: KnotServer;
  let double: AwsDouble;
  let restoreEnv: () => void;
  before(async () => {
    served = await startKnot({ zones: { 'example.test': SERVED } });
    double = await startAwsDouble();
    double.addIdentity('us-east-1', 'example.test', easyDkimIdentity({
      tokens: ['tok1', 'tok2'], mailFrom: { domain: 'mail.example.test' },
    }));
    restoreEnv = setEnv(awsDoubleEnv(double));
  });
  after(async () => {
    restoreEnv();
    await Promise.all([served?.stop(), double?.close()]);
  });

  it('compares only what SES expects, without TTLs', async () => {
    const report = await driftDomains(['example.test'], {
      declared: 'ses', observed: `ns:${served.nameserver}`, resolvers: resolversFor({}, served),
    });
    const [domain] = report.domains;
    assert.deepEqual(domain?.differences.map((d) => [d.change, d.name, d.type, d.declared?.values]), [
      ['missing', 'tok1._domainkey.example.test', 'CNAME', ['tok1.dkim.amazonses.com']],
    ]);
    // Only record sets present on one side or the other count as compared; nothing else at these names.
    assert.deepEqual(domain?.compared, [
      'mail.example.test:MX', 'tok1._domainkey.example.test:CNAME', 'tok2._domainkey.example.test:CNAME',
    ]);
  });
});

/**
 * A parked domain's zone, as a file and as Knot serves it. Knot answers the mail names drift asks from
 * the wildcards (RFC 4592): "_dmarc" from "*", selector "s1" from the nearer "*._domainkey" (a CNAME);
 * the apex, "mail" (MAIL FROM, no TXT) and the empty non-terminal "ent._domainkey" exist, so they are
 * NODATA for TXT, never the wildcard.
 */
const PARKED = `$ORIGIN parked.test.
$TTL 300
@                SOA   ns hostmaster 2026112701 3600 600 86400 60
@                NS    ns
ns               A     127.0.0.1
@                MX    0 .
*            600 TXT   "v=spf1 -all"
*                MX    0 .
*._domainkey     CNAME revoked.dkim.example.net.
x.ent._domainkey TXT   "v=DKIM1; p="
mail             MX    10 feedback-smtp.us-east-1.amazonses.com.
`;

describe('maildns drift: a zone file with wildcards against Knot serving it', knotTestOptions(), () => {
  let served: KnotServer;
  let changed: KnotServer;
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'maildns-drift-wild-'));
    file = join(dir, 'parked.test.zone');
    await writeFile(file, PARKED);
    [served, changed] = await Promise.all([
      startKnot({ zones: { 'parked.test': PARKED } }),
      startKnot({ zones: { 'parked.test': PARKED.replace('"v=spf1 -all"', '"v=spf1 ~all"') } }),
    ]);
  });
  after(async () => {
    await Promise.all([served?.stop(), changed?.stop(), dir ? rm(dir, { recursive: true, force: true }) : undefined]);
  });

  it('finds no difference: names answered from a wildcard are what the file declares', async () => {
    const report = await driftDomains(['parked.test'], {
      declared: `zone:${file}`, observed: `ns:${served.nameserver}`, dkimSelectors: ['s1', 'ent'], resolvers: resolversFor({}, served),
    });
    const [domain] = report.domains;
    assert.deepEqual(domain?.differences, []);
    assert.deepEqual(domain?.notices, []);
    // The synthesised sets were compared, not skipped.
    for (const key of ['_dmarc.parked.test:TXT', 's1._domainkey.parked.test:CNAME']) assert.ok(domain?.compared.includes(key), `${key} compared`);
  });

  it('reports a wildcard whose value differs once, as "changed" at the name asked', async () => {
    const report = await driftDomains(['parked.test'], {
      declared: `zone:${file}`, observed: `ns:${changed.nameserver}`, dkimSelectors: ['s1', 'ent'], resolvers: resolversFor({}, changed),
    });
    const [domain] = report.domains;
    assert.deepEqual(
      domain?.differences.map((d) => [d.change, d.name, d.type, d.declared?.values, d.declared?.ttl, d.observed?.values, d.observed?.ttl]),
      [['changed', '_dmarc.parked.test', 'TXT', ['v=spf1 -all'], 600, ['v=spf1 ~all'], 600]],
    );
  });
});
