// Issue 4's acceptance run: a Knot server with planted defects; each reported with the right
// severity on the right name, a clean domain with no warning or error, exit codes per --fail-on.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { runCli } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';

const options = knotTestOptions();
let knot: KnotServer | undefined;

/** A DKIM key record's p= value: base64 SPKI of a fresh RSA key, split into 250-byte strings. */
function rsaKey(bits: number): string {
  const der = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' });
  return der.toString('base64');
}
const txt = (value: string): string => (value.match(/.{1,250}/g) ?? []).map((s) => `"${s}"`).join(' ');
const soa = (zone: string): string => `$ORIGIN ${zone}.\n$TTL 300\n@ SOA ns.${zone}. hostmaster.${zone}. 1 7200 900 1209600 300\n@ NS ns.${zone}.\nns A 127.0.0.1\n`;

before(async () => {
  if (options.skip) return;
  const strong = rsaKey(2048);
  knot = await startKnot({
    zones: {
      test: soa('test'),
      'clean.test': `${soa('clean.test')}@ TXT "v=spf1 ip4:192.0.2.0/24 -all"\n@ MX 10 mx\nmx A 192.0.2.25\n` +
        `s1._domainkey TXT ( ${txt(`v=DKIM1; k=rsa; p=${strong}`)} )\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@clean.test"\n`,
      'defects.test': `${soa('defects.test')}@ TXT "v=spf1 ip4:192.0.2.0/24 -all"\n` +
        `@ MX 10 alias\nalias CNAME mx\nmx A 192.0.2.25\n` +
        `weak._domainkey TXT ( ${txt(`v=DKIM1; k=rsa; p=${rsaKey(512)}`)} )\n` +
        `short._domainkey TXT ( ${txt(`v=DKIM1; k=rsa; p=${rsaKey(1024)}`)} )\n` +
        `revoked._domainkey TXT "v=DKIM1; k=rsa; p="\n` +
        `testing._domainkey TXT ( ${txt(`v=DKIM1; k=rsa; t=y; p=${strong}`)} )\n` +
        `_dmarc TXT "v=DMARC1; p=none; rua=mailto:agg@reports.vendor.test"\n`,
      'malformed.test': `${soa('malformed.test')}@ TXT "v=spf1 -all"\n@ MX 0 .\n@ MX 10 mx\nmx A 192.0.2.25\n` +
        `_dmarc TXT "v=DMARC1 p=reject"\n`,
      'vendor.test': `${soa('vendor.test')}reports MX 10 mx\nreports.mx A 192.0.2.26\n`,
    },
  });
});
after(async () => knot?.stop());

const SELECTORS: Record<string, string[]> = { 'clean.test': ['s1'], 'defects.test': ['weak', 'short', 'revoked', 'testing'], 'malformed.test': [] };

async function check(domains: string[], extra: string[] = []) {
  const selectors = domains.flatMap((d) => SELECTORS[d]!).flatMap((s) => ['--dkim-selector', s]);
  const result = await runCli(['check', ...domains, '--nameserver', knot!.nameserver, '--format', 'json', ...selectors, ...extra]);
  return { ...result, report: assertValidReport(result.stdout) };
}

const findingsOf = (report: any, domain: string) => report.domains.find((d: any) => d.domain === domain).findings as any[];
const has = (findings: any[], ruleId: string, messageId: string, severity: string, subjectName: string, data: Record<string, unknown> = {}): void => {
  const hit = findings.find((f) => f.ruleId === ruleId && f.messageId === messageId && f.subject.name === subjectName &&
    Object.entries(data).every(([k, v]) => f.data[k] === v));
  assert.ok(hit, `expected ${ruleId}/${messageId} on ${subjectName}, got ${JSON.stringify(findings.map((f) => [f.ruleId, f.messageId, f.subject.name]))}`);
  assert.equal(hit.severity, severity, `${ruleId}/${messageId}`);
};

test('each planted defect is reported with its severity on its name', options, async () => {
  const { report } = await check(['defects.test']);
  const defects = findingsOf(report, 'defects.test');
  has(defects, 'dkim-key-strength', 'rsaTooShort', 'error', 'weak._domainkey.defects.test');
  has(defects, 'dkim-key-strength', 'rsaBelowRecommended', 'warning', 'short._domainkey.defects.test');
  has(defects, 'dkim-key-revoked', 'keyRevoked', 'error', 'revoked._domainkey.defects.test');
  has(defects, 'dkim-testing-mode', 'testingMode', 'warning', 'testing._domainkey.defects.test');
  has(defects, 'dmarc-policy-none', 'policyNone', 'warning', '_dmarc.defects.test');
  has(defects, 'dmarc-external-report-unauthorised', 'notAuthorised', 'warning', 'defects.test._report._dmarc.reports.vendor.test');
  has(defects, 'mx-exchange-cname', 'exchangeIsCname', 'error', 'defects.test', { exchange: 'alias.defects.test' });
  assert.equal(report.domains[0].status, 'error');
  const malformed = findingsOf((await check(['malformed.test'])).report, 'malformed.test');
  // "v=DMARC1 p=reject": the missing ";" makes the version "DMARC1 p=reject".
  has(malformed, 'dmarc-record-malformed', 'badVersion', 'error', '_dmarc.malformed.test');
  has(malformed, 'mx-null-mixed', 'nullMxWithOthers', 'error', 'malformed.test');
});

test('a clean domain reports no warning or error, and says why it passed', options, async () => {
  const { code, report } = await check(['clean.test'], ['--fail-on', 'warning']);
  const findings = findingsOf(report, 'clean.test');
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
  assert.ok(findings.some((f) => f.ruleId === 'dkim-key-strength' && f.messageId === 'keyStrength' && f.data.bits === 2048), 'a positive result explains the pass');
  assert.equal(code, 0);
});

test('exit codes follow --fail-on', options, async () => {
  assert.equal((await check(['defects.test'])).code, 1, 'errors fail the default --fail-on error');
  assert.equal((await check(['defects.test'], ['--fail-on', 'none'])).code, 0);
  assert.equal((await check(['clean.test'], ['--fail-on', 'notice'])).code, 0);
  assert.equal((await check(['clean.test'], ['--fail-on', 'info'])).code, 1, 'info findings fail only --fail-on info');
});
