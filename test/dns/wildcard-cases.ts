// One zone with wildcards and a table of questions about it, each expectation written from RFC 4592.
// Shared by the zone-file resolver's test (also run against Knot) and drift's wildcard synthesis, so
// that `check --zone-file` and `drift --declared zone:` answer the same names the same way.

import type { Lookup, RRType } from '../../src/dns/types.js';

export const WILD_ZONE = `$ORIGIN wild.test.
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

export interface Case {
  name: string;
  type: RRType;
  why: string;
  status: Lookup['status'];
  /** Owner and value of each record answered. */
  records?: [string, string][];
  /** Owner -> target of each CNAME followed. */
  cnames?: string[];
}

export const CASES: Case[] = [
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
