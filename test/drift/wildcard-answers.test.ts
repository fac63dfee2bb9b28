// Drift's wildcard synthesis: a static side answers each compared name as its authoritative server
// would (RFC 1034 §4.3.3, RFC 4592). A table of its own cases, then the zone-file resolver's table
// (checked against Knot there), so drift and `check --zone-file` agree name for name.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { indexZone, keyOf, toRecordSets, wildcardAnswers } from '../../src/drift/record-sets.js';
import type { RecordSet } from '../../src/drift/types.js';
import { CASES, WILD_ZONE } from '../dns/wildcard-cases.js';

const ZONE = `$ORIGIN example.test.
$TTL 300
@                SOA   ns hostmaster 1 3600 600 86400 60
@                NS    ns
ns               A     127.0.0.1
@                MX    10 mx.example.test.
*            600 TXT   "v=spf1 -all"
*                MX    0 .
mail             MX    10 feedback-smtp.us-east-1.amazonses.com.
x.ent            TXT   "below an empty non-terminal"
*._domainkey     CNAME revoked.dkim.example.net.
*._report._dmarc TXT   "v=DMARC1;"
child            NS    ns.elsewhere.test.
`;

function zoneOf(text: string, apex: string): { index: ReturnType<typeof indexZone>; sets: RecordSet[] } {
  const sets = toRecordSets(parseZoneFile(text, { file: 'test.zone' }).records, 'zone:test.zone');
  return { index: indexZone(apex, sets), sets };
}

/** [name, type, ttl, values] of each synthesised set, for a readable table. */
function brief(sets: readonly RecordSet[]): [string, string, number | undefined, string[]][] {
  return sets.map((s) => [s.name, s.type, s.ttl, s.values]);
}

describe('wildcardAnswers', () => {
  const { index } = zoneOf(ZONE, 'example.test');
  const cases: { why: string; keys: string[]; sets: ReturnType<typeof brief> }[] = [
    { why: 'a name that does not exist takes the wildcard of its closest encloser, renamed, TTL kept',
      keys: ['bounce.example.test:TXT'], sets: [['bounce.example.test', 'TXT', 600, ['v=spf1 -all']]] },
    { why: 'only the type asked: the wildcard MX answers the MX key',
      keys: ['x.example.test:MX'], sets: [['x.example.test', 'MX', 300, ['0 .']]] },
    { why: 'a type the wildcard lacks: nothing (NODATA)',
      keys: ['x.example.test:SPF'], sets: [] },
    { why: 'an existing name without the type is NODATA, never the wildcard',
      keys: ['mail.example.test:TXT', 'mail.example.test:SPF'], sets: [] },
    { why: 'the apex is never answered from a wildcard',
      keys: ['example.test:TXT'], sets: [] },
    { why: 'an empty non-terminal exists: NODATA',
      keys: ['ent.example.test:TXT'], sets: [] },
    { why: 'below an empty non-terminal without a wildcard of its own: NXDOMAIN, the apex wildcard does not reach',
      keys: ['y.ent.example.test:TXT'], sets: [] },
    { why: 'the nearer wildcard wins, and its CNAME answers the TXT question (the DNS side sees that CNAME)',
      keys: ['s1._domainkey.example.test:TXT', 's1._domainkey.example.test:CNAME'],
      sets: [['s1._domainkey.example.test', 'CNAME', 300, ['revoked.dkim.example.net']]] },
    { why: 'a report authorisation by wildcard (RFC 7489 §7.1)',
      keys: ['ex.org._report._dmarc.example.test:TXT'], sets: [['ex.org._report._dmarc.example.test', 'TXT', 300, ['v=DMARC1;']]] },
    { why: '"_dmarc" exists as an empty non-terminal above the report wildcard: NODATA, not the apex wildcard\'s SPF',
      keys: ['_dmarc.example.test:TXT', '_report._dmarc.example.test:TXT'], sets: [] },
    { why: 'a literal "*" name exists: its own set is the source\'s, nothing synthesised',
      keys: ['*.example.test:TXT'], sets: [] },
    { why: 'at or below a delegation the child zone answers',
      keys: ['child.example.test:TXT', 'x.child.example.test:TXT'], sets: [] },
    { why: 'outside the zone: nothing',
      keys: ['x.other.test:TXT'], sets: [] },
  ];
  for (const c of cases) {
    it(c.why, () => {
      assert.deepEqual(brief(wildcardAnswers(index, c.keys)), c.sets);
    });
  }

  it('keeps the values, chunks and source of the wildcard\'s set', () => {
    const { index: chunked } = zoneOf('$ORIGIN c.test.\n$TTL 60\n@ SOA ns h 1 1 1 1 60\n* TXT "v=spf1 " "-all"\n', 'c.test');
    const [set] = wildcardAnswers(chunked, ['_dmarc.c.test:TXT']);
    assert.deepEqual(set, {
      name: '_dmarc.c.test', type: 'TXT', ttl: 60, values: ['v=spf1 -all'], chunks: { 'v=spf1 -all': ['v=spf1 ', '-all'] }, source: 'zone:test.zone',
    });
  });

  it('a zone without wildcards synthesises nothing', () => {
    const { index: plain } = zoneOf('$ORIGIN p.test.\n$TTL 60\n@ SOA ns h 1 1 1 1 60\n@ TXT "v=spf1 -all"\n', 'p.test');
    assert.deepEqual(wildcardAnswers(plain, ['_dmarc.p.test:TXT', 'x.p.test:MX']), []);
  });
});

describe('wildcardAnswers and ZoneResolver answer the RFC 4592 table alike', () => {
  const { index, sets } = zoneOf(WILD_ZONE, 'wild.test');
  const resolver = new ZoneResolver([parseZoneFile(WILD_ZONE, { file: 'test.zone' })]);
  for (const c of CASES) {
    it(`${c.name} ${c.type}: ${c.why}`, async () => {
      // What drift's DNS side records: the sets at the asked name, CNAMEs not followed.
      const lookup = await resolver.lookup(c.name, c.type, { followCnames: false });
      const served = toRecordSets(lookup.records.filter((r) => r.name === c.name), 'zone:test.zone');
      // What the static side answers for the same keys: its own sets there, or the synthesised ones.
      const keys = [keyOf(c.name, c.type), keyOf(c.name, 'CNAME')];
      const own = sets.filter((s) => keys.includes(keyOf(s.name, s.type)));
      const answered = [...own, ...wildcardAnswers(index, keys)];
      assert.deepEqual(brief(answered), brief(served));
    });
  }
});
