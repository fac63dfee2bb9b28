// Wildcards (RFC 1034 §4.3.3, RFC 4592): the zone-file resolver must answer as an authoritative
// server does. One zone, one table of questions; each expectation is written from RFC 4592 and both
// ZoneResolver and a real Knot DNS serving the same text must meet it, so the two agree.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StubResolver } from '../../src/dns/stub-resolver.js';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { Lookup, Resolver, RRType } from '../../src/dns/types.js';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';

const WILD_ZONE = `$ORIGIN wild.test.
$TTL 300
@            SOA   ns hostmaster 2026112701 3600 600 86400 60
@            NS    ns
ns           A     127.0.0.1
*            TXT   "apex wildcard"
*            MX    10 mx.wild.test.
host         A     192.0.2.1
a.ent        TXT   "below an empty non-terminal"
*.sub        TXT   "sub wildcard"
sub          A     192.0.2.2
*._report._dmarc TXT "v=DMARC1;"
*.alias      CNAME target
target       TXT   "target text"
*.hop        CNAME x.sub
lit.*.mid    TXT   "under a literal star"
`;

interface Case {
  name: string;
  type: RRType;
  why: string;
  status: Lookup['status'];
  /** Owner and value of each record answered. */
  records?: [string, string][];
  /** Owner -> target of each CNAME followed. */
  cnames?: string[];
}

const CASES: Case[] = [
  { name: 'x.wild.test', type: 'TXT', why: 'a missing name takes the wildcard of its closest encloser, under its own name',
    status: 'answer', records: [['x.wild.test', 'apex wildcard']] },
  { name: 'x.y.wild.test', type: 'TXT', why: 'a wildcard stands for any number of labels when the ones between do not exist',
    status: 'answer', records: [['x.y.wild.test', 'apex wildcard']] },
  { name: 'x.wild.test', type: 'MX', why: 'every type at the wildcard is synthesised',
    status: 'answer', records: [['x.wild.test', '10 mx.wild.test']] },
  { name: 'x.wild.test', type: 'A', why: 'a type the wildcard lacks is NODATA: the name "exists" through it',
    status: 'nodata' },
  { name: 'host.wild.test', type: 'TXT', why: 'an existing name without the type is NODATA, never the wildcard',
    status: 'nodata' },
  { name: 'deeper.host.wild.test', type: 'TXT', why: 'below an existing name with no wildcard of its own: NXDOMAIN, the apex wildcard does not reach',
    status: 'nxdomain' },
  { name: 'ent.wild.test', type: 'TXT', why: 'an empty non-terminal exists: NODATA, not the wildcard',
    status: 'nodata' },
  { name: 'b.ent.wild.test', type: 'TXT', why: 'the empty non-terminal is the closest encloser and has no wildcard: NXDOMAIN',
    status: 'nxdomain' },
  { name: 'q.sub.wild.test', type: 'TXT', why: 'the nearer wildcard wins',
    status: 'answer', records: [['q.sub.wild.test', 'sub wildcard']] },
  { name: 'p.q.sub.wild.test', type: 'TXT', why: 'two labels below the encloser "sub": still its wildcard',
    status: 'answer', records: [['p.q.sub.wild.test', 'sub wildcard']] },
  { name: 'q.sub.wild.test', type: 'MX', why: 'the nearer wildcard has no MX: NODATA, not the apex wildcard\'s MX',
    status: 'nodata' },
  { name: 'sub.wild.test', type: 'TXT', why: 'the encloser itself exists: its own records, not its wildcard\'s',
    status: 'nodata' },
  { name: 'news.ex.test._report._dmarc.wild.test', type: 'TXT', why: 'a DMARC report authorisation by wildcard (RFC 7489 §7.1)',
    status: 'answer', records: [['news.ex.test._report._dmarc.wild.test', 'v=DMARC1;']] },
  { name: '*.wild.test', type: 'TXT', why: 'asked literally, the wildcard is an ordinary name',
    status: 'answer', records: [['*.wild.test', 'apex wildcard']] },
  { name: 'x.alias.wild.test', type: 'TXT', why: 'a wildcard CNAME is synthesised under the asked name and followed',
    status: 'answer', cnames: ['x.alias.wild.test -> target.wild.test'], records: [['target.wild.test', 'target text']] },
  { name: 'x.alias.wild.test', type: 'CNAME', why: 'asked for the CNAME itself',
    status: 'answer', records: [['x.alias.wild.test', 'target.wild.test']] },
  { name: 'z.hop.wild.test', type: 'TXT', why: 'a wildcard CNAME into a name that is itself synthesised',
    status: 'answer', cnames: ['z.hop.wild.test -> x.sub.wild.test'], records: [['x.sub.wild.test', 'sub wildcard']] },
  { name: 'q.mid.wild.test', type: 'TXT', why: '"*.mid" exists only as an empty non-terminal (above lit.*.mid): synthesis from it is NODATA',
    status: 'nodata' },
  { name: 'lit.x.mid.wild.test', type: 'TXT', why: 'a "*" label inside a name is not a wildcard: "x.mid" is not "*.mid"',
    status: 'nodata' },
];

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
