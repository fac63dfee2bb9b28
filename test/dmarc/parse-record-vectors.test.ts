// Every entry of shared/conformance/dmarc/dmarc-record-vectors.json (168: mox 41, OpenDMARC 19,
// checkdmarc 62, mailauth 46). Our verdict for each record must equal its source's, except for the
// decisions listed in DECISIONS, each pointing at the rule doc that explains it.
// A record's verdict: "valid" when it is a DMARC record (v=DMARC1 first) with no error-level problem.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDmarcRecord } from '../../src/dmarc/parse-record.js';
import { readSharedJson } from '../dkim/vectors.js';

type Verdict = 'valid' | 'invalid';
interface Simple { record: string; expect: Verdict; detail: string }
interface CheckDmarc { test: string; records: string[]; expect: string; errors: string[] }
interface MailAuth { test: string; records: Array<string | string[]>; assertions: string[] }
interface Vectors { mox: Simple[]; opendmarc: Simple[]; checkdmarc: CheckDmarc[]; mailauth: MailAuth[] }

const vectors = readSharedJson<Vectors>('dmarc/dmarc-record-vectors.json');

/** checkdmarc errors about the record *set* or the DNS, not one record: each record alone is fine. */
const CHECKDMARC_SET_LEVEL: Record<string, string> = {
  testDMARCMultipleRecords: 'several records: dmarc-multiple-records (test/rules/dmarc/dmarc-multiple-records.test.ts)',
  testDMARCUnrelatedRecords: 'unrelated TXT beside the record: dmarc-record-malformed/unrelatedRecord, a warning (see its doc)',
  testApexFallbackWrongLocation: 'record at the apex: dmarc-missing/recordAtApex',
};
/** mailauth tests whose assertion is that the record is ignored; every other record it parses is valid. */
const MAILAUTH_REJECTS = [
  'Should reject a version value that is not exactly DMARC1 (v=dmarc1)',
  'applies no DMARC processing for a record with no p and no rua',
  'ignores a record whose version is not exactly DMARC1 (e.g. v=dmarc1)',
  'ignores a record whose version value has trailing garbage (v=DMARC1x)',
];

function checkdmarcVerdict(v: CheckDmarc): Verdict {
  if (v.test in CHECKDMARC_SET_LEVEL) return 'valid';
  if (v.expect === 'error') return 'invalid';
  if (v.expect === 'see-test') return v.test === 'testDMARCCheckDmarcParseError' ? 'invalid' : 'valid';
  return 'valid'; // "warning" and "valid-or-see-test": checkdmarc accepts the record
}

/** Where we differ from the source, our verdict and the doc that says why. Keys: source:index[:record]. */
const DECISIONS: Record<string, { ours: Verdict; why: string }> = {
  'mox:8': { ours: 'valid', why: 'p= need not follow v= (RFC 9989); notice only — dmarc-record-malformed.md' },
  'mox:36': { ours: 'invalid', why: 'sp=invalid is an error even when rua saves the record — dmarc-invalid-tag-value.md' },
  'opendmarc:4': { ours: 'invalid', why: 'p=n is not in the ABNF (OpenDMARC matches prefixes) — dmarc-invalid-tag-value.md' },
  'opendmarc:11': { ours: 'valid', why: 'rf=bob is a valid keyword; warning unknownReportFormat — dmarc-invalid-tag-value.md' },
  'opendmarc:16': { ours: 'invalid', why: 'mailto://abuse.com has no address — dmarc-report-uri-invalid.md' },
  'opendmarc:17': { ours: 'invalid', why: 'mailto://abuse.com has no address — dmarc-report-uri-invalid.md' },
  'opendmarc:18': { ours: 'valid', why: 'rf=000… is a valid keyword; warning unknownReportFormat — dmarc-invalid-tag-value.md' },
  'checkdmarc:25': { ours: 'invalid', why: 'invalid pct is an error, strict receivers drop the record — dmarc-invalid-tag-value.md' },
  'checkdmarc:26': { ours: 'invalid', why: 'invalid ri is an error, strict receivers drop the record — dmarc-invalid-tag-value.md' },
  'checkdmarc:47': { ours: 'invalid', why: 'placeholder "v=DMARC1" of a DNS-wildcard test; as a policy record it has no p and no rua (mox agrees)' },
  'checkdmarc:49': { ours: 'invalid', why: 'placeholder "v=DMARC1" of an option test; as a policy record it has no p and no rua (mox agrees)' },
  'checkdmarc:50': { ours: 'invalid', why: 'an authorisation record, not a policy: it authorises (isDmarc), checked below' },
  'checkdmarc:56': { ours: 'invalid', why: 'the vector keeps checkdmarc\'s unexpanded template "{rua_list}", which is no URI' },
  'checkdmarc:58': { ours: 'invalid', why: 'the vector keeps checkdmarc\'s unexpanded template "{ruf_list}", which is no URI' },
  'mailauth:6': { ours: 'invalid', why: 'mailauth reads pct=invalid as 0; invalid pct is an error — dmarc-invalid-tag-value.md' },
  'mailauth:8': { ours: 'invalid', why: 'a tag without "=" is a syntax error (mox, checkdmarc) — dmarc-record-malformed.md' },
  'mailauth:9': { ours: 'invalid', why: 'a tag with no name is a syntax error — dmarc-record-malformed.md' },
};

const verdictOf = (record: string): Verdict => {
  const r = parseDmarcRecord(record);
  return r.isDmarc && !r.problems.some((p) => p.level === 'error') ? 'valid' : 'invalid';
};

test('the DMARC vector file holds the 168 entries this table covers', () => {
  assert.deepEqual(
    { mox: vectors.mox.length, opendmarc: vectors.opendmarc.length, checkdmarc: vectors.checkdmarc.length, mailauth: vectors.mailauth.length },
    { mox: 41, opendmarc: 19, checkdmarc: 62, mailauth: 46 },
  );
});

function check(key: string, record: string, theirs: Verdict, label: string): void {
  test(`${key} ${label}: ${JSON.stringify(record).slice(0, 70)}`, () => {
    const decision = DECISIONS[key.replace(/:0$/, '')] ?? DECISIONS[key];
    const expected = decision ? decision.ours : theirs;
    assert.equal(verdictOf(record), expected, decision ? `our decision: ${decision.why}` : `source says ${theirs}`);
    if (decision) assert.notEqual(decision.ours, theirs, 'a listed decision must differ from the source, or be removed');
  });
}

vectors.mox.forEach((v, i) => check(`mox:${i}`, v.record, v.expect, v.detail));
vectors.opendmarc.forEach((v, i) => check(`opendmarc:${i}`, v.record, v.expect, v.detail));
vectors.checkdmarc.forEach((v, i) =>
  v.records.forEach((record, j) => {
    // testApexFallbackWrongLocation's first "record" is its description, not a record: not DMARC.
    const theirs = v.test === 'testApexFallbackWrongLocation' && j === 0 ? 'invalid' : checkdmarcVerdict(v);
    check(`checkdmarc:${i}${v.records.length > 1 ? `:${j}` : ''}`, record, theirs, v.test);
  }),
);
vectors.mailauth.forEach((v, i) =>
  v.records.forEach((record, j) => {
    const text = Array.isArray(record) ? record.join('') : record; // split TXT strings join with nothing
    check(`mailauth:${i}${v.records.length > 1 ? `:${j}` : ''}`, text, MAILAUTH_REJECTS.includes(v.test) ? 'invalid' : 'valid', v.test);
  }),
);

test('every decision names a vector that exists', () => {
  for (const key of Object.keys(DECISIONS)) {
    const [source, index] = key.split(':') as [keyof Vectors, string];
    assert.ok(vectors[source][Number(index)], key);
  }
});

test('checkdmarc testSpecificAuthorizationRecordFound: "v=DMARC1" is enough to authorise a destination', () => {
  assert.equal(parseDmarcRecord(vectors.checkdmarc[50]!.records[0]!).isDmarc, true);
});

test('mailauth "Should parse all standard tags": typed values', () => {
  const { record } = parseDmarcRecord(vectors.mailauth[1]!.records[0] as string);
  assert.equal(record?.p, 'quarantine');
  assert.equal(record?.sp, 'reject');
  assert.equal(record?.pct, 50);
  assert.equal(record?.adkim, 's');
  assert.equal(record?.aspf, 'r');
  assert.deepEqual(record?.fo, ['1']);
  assert.equal(record?.ri, 3600);
  assert.deepEqual(record?.rua.map((u) => [u.uri, u.host]), [['mailto:dmarc@example.com', 'example.com']]);
  assert.deepEqual(record?.ruf.map((u) => u.address), ['forensic@example.com']);
});

test('mox\'s whitespace-and-case record: every tag read', () => {
  const { record, problems } = parseDmarcRecord(vectors.mox[40]!.record);
  assert.equal(record?.p, 'reject');
  assert.equal(record?.sp, 'none');
  assert.equal(record?.pct, 0);
  assert.equal(record?.ri, 123);
  assert.deepEqual(record?.fo, ['0', '1', 'd', 's']);
  assert.deepEqual(record?.rf, ['afrf', 'other']);
  assert.deepEqual(record?.ruf.map((u) => u.size), [undefined, '0G']);
  assert.deepEqual(problems.filter((p) => p.code === 'unknownTag').map((p) => p.tag), ['unknown']);
});

test('mailauth: rua keeps its case; the policy value does not', () => {
  assert.equal(parseDmarcRecord(vectors.mailauth[45]!.records[0] as string).record?.rua[0]?.address, 'DMARC-Reports@Example.COM');
  assert.equal(parseDmarcRecord('v=DMARC1; p=Reject').record?.p, 'reject');
});

test('effective policy: no p with a valid rua acts as none; no p and no rua is no policy (RFC 7489 §6.6.3)', () => {
  assert.equal(parseDmarcRecord('v=DMARC1; rua=mailto:dmarc@example.com').effectivePolicy, 'none');
  assert.equal(parseDmarcRecord('v=DMARC1; adkim=s').effectivePolicy, undefined);
});
