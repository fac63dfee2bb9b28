// The records of ../shared/conformance/spf/spf-record-lint-vectors.json (from checkdmarc's tests),
// each with a parse verdict decided by hand from RFC 7208, not copied from checkdmarc. Where the two
// differ the reason is written next to the verdict. DNS-dependent vectors (lookup counts, loops,
// missing includes) are covered by the rule tables in test/rules/spf/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isSpfRecordText, parseSpf } from '../../src/spf/parse.js';
import { sharedPath } from './suite-zone.js';

type Verdict = 'valid' | 'syntax-error' | 'not-spf';

const VERDICTS: Record<string, Verdict> = {
  testUppercaseSPFMechanism: 'valid', // names are case-insensitive (§4.6.1)
  testSplitSPFRecord: 'valid',
  // checkdmarc warns; "MS=…" is a well-formed unknown modifier, ignored by receivers (§6): spf-unknown-modifier notes it.
  testJunkAfterAll: 'valid',
  testIncludeMissingSPF: 'valid', // the problem is in DNS, not syntax (spf-include-without-spf)
  testTooManySPFDNSLookups: 'valid',
  testTooManySPFVoidDNSLookups: 'valid',
  testSPFSyntaxErrors: 'syntax-error', // "include:" with an empty domain
  testSPFInvalidIPv4: 'syntax-error',
  testSPFInvalidIPv6inIPv4: 'syntax-error',
  testSPFInvalidIPv4Range: 'syntax-error',
  testSPFInvalidIPv6: 'syntax-error',
  testSPFInvalidIPv4inIPv6: 'syntax-error',
  testSPFInvalidIPv6Range: 'syntax-error',
  testSPFInvalidMissingSpaceBeforeAllMechanism: 'syntax-error',
  testSPFIncludeLoop: 'valid',
  testSPFMissingMXRecord: 'valid',
  testSPFMissingARecord: 'valid',
  testSPFMXMechanism: 'valid',
  // "exists:exists:%{i}…": ":" is a legal macro-literal, so the domain-spec is valid syntax (§7.1).
  testSPFMacrosExists: 'valid',
  testSPFMacrosInclude: 'valid',
  testSPFAMechanism: 'valid',
  testSPFValidAMechanismMacro: 'valid',
  testSPFBrokenAMechanismMacro: 'syntax-error',
  testSPFValidMXMechanismMacro: 'valid',
  testSPFBrokenMXMechanismMacro: 'syntax-error',
  testSPFValidPTRMechanismMacro: 'valid',
  testSPFBrokenPTRMechanismMacro: 'syntax-error',
  testSPFValidIncludeMechanismMacro: 'valid',
  testSPFBrokenIncludeMechanismMacro: 'syntax-error',
  testSPFValidExistsMechanismMacro: 'valid',
  testSPFBrokenExistsMechanismMacro: 'syntax-error',
  testSPFValidRedirectModifierMacro: 'valid',
  testSPFBrokenRedirectModifierMacro: 'syntax-error',
  testSPFValidExpModifierMacro: 'valid',
  testSPFBrokenExpModifierMacro: 'syntax-error',
  testSPFUppercaseMacroLetterAccepted: 'valid',
  testSPFUnknownMacroLetterStillRejected: 'syntax-error',
  testSPFRedirectWithMacro: 'valid',
  testSPFAllMechanism: 'valid',
  testSPFSoftfailAll: 'valid',
  testSPFNeutralAll: 'valid',
  testSPFIP6Mechanism: 'valid',
  testSPFExistsMechanism: 'valid',
  testInvalidSPFVersionTagsRejectedMocked: 'not-spf',
  testSPFVersionMatchingIsCaseInsensitiveMocked: 'valid',
  testSPFVersionMatchingRejectsLeadingWhitespaceMocked: 'not-spf',
  testSPFVersionMatchingAllowsTrailingWhitespaceMocked: 'valid',
  testLeadingWhitespaceSPFRegressionMocked: 'not-spf',
  testPtrEmitsWarning: 'valid',
  testPtrWithExplicitDomain: 'valid',
  testRedirectLoop: 'valid',
  testExpAfterAllValidDomain: 'valid',
  // checkdmarc only warns; "extra" is an unknown mechanism, a syntax error and so a permerror (§4.6, §5).
  testTextAfterExpValueWarns: 'syntax-error',
  testMacroInIp4Mechanism: 'syntax-error',
  testMacroInIp6Mechanism: 'syntax-error',
  testAWithCidrParsesWithoutError: 'valid',
};

interface Vector { test: string; records: string[] }
const vectors = (JSON.parse(readFileSync(sharedPath('conformance/spf/spf-record-lint-vectors.json'), 'utf8')) as { checkdmarc: Vector[] }).checkdmarc;

/** A record as published: quoted character-strings are joined (§3.3); prose in the vector is skipped. */
function recordText(raw: string): string | undefined {
  if (raw.trimStart().startsWith('"')) return [...raw.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
  return /^\s*[vV]=/.test(raw) ? raw : undefined;
}

test('every hand-decided vector exists in the file', () => {
  const names = new Set(vectors.map((v) => v.test));
  for (const name of Object.keys(VERDICTS)) assert.ok(names.has(name), name);
});

for (const vector of vectors) {
  const verdict = VERDICTS[vector.test];
  if (!verdict) continue; // DNS-dependent: see the rule tables
  test(`${vector.test}: ${verdict}`, () => {
    const records = vector.records.map(recordText).filter((r): r is string => r !== undefined);
    assert.ok(records.length > 0);
    for (const text of records) {
      const parsed = parseSpf(text);
      if (verdict === 'not-spf') assert.equal(isSpfRecordText(text), false, text);
      else if (verdict === 'valid') assert.deepEqual(parsed.errors, [], text);
      else assert.ok(parsed.errors.length > 0 && isSpfRecordText(text), text);
    }
  });
}
