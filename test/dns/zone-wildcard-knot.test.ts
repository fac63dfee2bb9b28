// Wildcards (RFC 1034 §4.3.3, RFC 4592): the zone-file resolver must answer as an authoritative
// server does. One zone, one table of questions; each expectation is written from RFC 4592 and both
// ZoneResolver and a real Knot DNS serving the same text must meet it, so the two agree.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import { isIndeterminate } from '../../src/dns/types.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { Lookup, Resolver } from '../../src/dns/types.js';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { CASES, WILD_ZONE, type Case } from './wildcard-cases.js';

function shape(lookup: Lookup): Pick<Case, 'status' | 'records' | 'cnames'> {
  const out: Pick<Case, 'status' | 'records' | 'cnames'> = { status: lookup.status };
  if (lookup.records.length > 0) out.records = lookup.records.map((r) => [r.name, r.value]);
  if (lookup.cnames.length > 0) out.cnames = lookup.cnames.map((r) => `${r.name} -> ${r.target}`);
  return out;
}

function expected(c: Case): Pick<Case, 'status' | 'records' | 'cnames'> {
  return { status: c.status, ...(c.records ? { records: c.records } : {}), ...(c.cnames ? { cnames: c.cnames } : {}) };
}

async function runTable(resolver: Resolver): Promise<void> {
  for (const c of CASES) {
    assert.deepEqual(shape(await resolver.lookup(c.name, c.type)), expected(c), `${c.name} ${c.type}: ${c.why}`);
  }
}

test('ZoneResolver synthesises wildcards as RFC 4592 says', async () => {
  await runTable(new ZoneResolver([parseZoneFile(WILD_ZONE, { file: 'wild.zone' })]));
});

test('a synthesised record keeps the wildcard\'s TTL; NODATA from a wildcard has the negative TTL', async () => {
  const resolver = new ZoneResolver([parseZoneFile(WILD_ZONE.replace('*            TXT', '*  120 TXT'), { file: 'wild.zone' })]);
  assert.deepEqual((await resolver.lookup('x.wild.test', 'TXT')).records.map((r) => r.ttl), [120]);
  assert.equal((await resolver.lookup('x.wild.test', 'A')).negativeTtl, 60);
});

test('no wildcard at or below a delegation, nor from a parent zone for a child zone\'s apex', async () => {
  const parent = parseZoneFile('$ORIGIN p.test.\n$TTL 60\n@ SOA ns h 1 1 1 1 60\n* TXT "parent wildcard"\nchild NS ns.elsewhere.test.\n', { file: 'p' });
  const child = parseZoneFile('$ORIGIN empty.p.test.\n$TTL 60\n', { file: 'c' });
  const resolver = new ZoneResolver([parent, child]);
  // Below the cut a server refers to the child; what matters here is that nothing is synthesised.
  assert.notEqual((await resolver.lookup('x.child.p.test', 'TXT')).status, 'answer');
  assert.notEqual((await resolver.lookup('empty.p.test', 'TXT')).status, 'answer');
  assert.equal((await resolver.lookup('other.p.test', 'TXT')).status, 'answer');
});

test('at or below a delegation the zone file does not know the answer: indeterminate, never NXDOMAIN or NODATA', async () => {
  const parent = parseZoneFile('$ORIGIN p.test.\n$TTL 60\n@ SOA ns h 1 1 1 1 60\nchild NS ns.elsewhere.test.\nglue.child A 192.0.2.53\n', { file: 'p' });
  const resolver = new ZoneResolver([parent]);
  for (const [name, type] of [['x.child.p.test', 'TXT'], ['child.p.test', 'TXT'], ['_dmarc.child.p.test', 'TXT'], ['glue.child.p.test', 'A']] as const) {
    const lookup = await resolver.lookup(name, type);
    assert.equal(lookup.status, 'refused', `${name} ${type}`);
    assert.ok(isIndeterminate(lookup.status));
    assert.match(lookup.reason ?? '', /"child\.p\.test", which zone:p delegates/);
  }
  assert.equal((await resolver.lookup('other.p.test', 'TXT')).status, 'nxdomain', 'beside the cut, the zone still knows');
});

describe('wildcards: ZoneResolver and Knot DNS agree', knotTestOptions(), () => {
  let knot: KnotServer;
  let resolver: StubResolver;
  before(async () => {
    knot = await startKnot({ zones: { 'wild.test': WILD_ZONE } });
    resolver = new StubResolver({ nameservers: [knot.nameserver], timeoutMs: 2000, retries: 1, recursionDesired: false });
  });
  after(async () => {
    resolver?.close();
    await knot?.stop();
  });

  test('Knot answers the same table', async () => {
    await runTable(resolver);
  });
});
