// `maildns check --ses` as a user runs it: the real SDK client reaches the SESv2 double through
// AWS_ENDPOINT_URL_SESV2, DNS comes from Knot.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RSA_2048 } from '../dkim/keys.js';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { awsDoubleEnv, easyDkimIdentity, setEnv, startAwsDouble, type AwsDouble } from '../helpers/aws-double.js';
import { runCli } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';

const key = `"v=DKIM1; k=rsa; p=${RSA_2048.slice(0, 200)}" "${RSA_2048.slice(200)}"`;
const soa = (zone: string): string => `$ORIGIN ${zone}.\n$TTL 300\n@ SOA ns1.shop.test. hostmaster.shop.test. 1 7200 900 1209600 300\n@ NS ns1.shop.test.\n`;

const ZONES = {
  test: soa('test'),
  'shop.test': `${soa('shop.test')}ns1 A 127.0.0.1\n@ TXT "v=spf1 include:amazonses.com -all"\n_dmarc TXT "v=DMARC1; p=reject"\n` +
    // tok1 right, tok2 into the wrong region's zone, tok3 never published; the MAIL FROM has SPF but no MX.
    `tok1._domainkey CNAME tok1.dkim.amazonses.com.\ntok2._domainkey CNAME tok2.dkim.eu-west-1.amazonses.com.\n` +
    `bounce TXT "v=spf1 include:amazonses.com -all"\n`,
  'quiet.test': `${soa('quiet.test')}q1._domainkey CNAME q1.dkim.amazonses.com.\n`,
  'amazonses.com': `$ORIGIN amazonses.com.\n$TTL 300\n@ SOA ns1.shop.test. hostmaster.shop.test. 1 7200 900 1209600 300\n@ NS ns1.shop.test.\n` +
    `@ TXT "v=spf1 ip4:54.240.0.0/18 -all"\ntok1.dkim TXT ${key}\ntok2.dkim TXT ${key}\ntok3.dkim TXT ${key}\nq1.dkim TXT ${key}\n`,
};

const options = knotTestOptions();
let knot: KnotServer | undefined;
let double: AwsDouble | undefined;
let restore = (): void => {};

before(async () => {
  if (options.skip) return;
  knot = await startKnot({ zones: ZONES });
  double = await startAwsDouble();
  double.addIdentity('us-east-1', 'shop.test', easyDkimIdentity({ tokens: ['tok1', 'tok2', 'tok3'], mailFrom: { domain: 'bounce.shop.test' } }));
  double.addIdentity('us-east-1', 'quiet.test', easyDkimIdentity({ tokens: ['q1'], signingEnabled: false }));
  restore = setEnv(awsDoubleEnv(double));
});
after(async () => {
  restore();
  await Promise.all([knot?.stop(), double?.close()]);
});

const ids = (domain: any): string[] =>
  domain.findings.filter((f: any) => f.severity !== 'info').map((f: any) => `${f.ruleId}/${f.messageId} ${f.subject.name}`).sort();

test('check --ses audits every identity: missing and mis-pointed DKIM CNAMEs, MAIL FROM without MX, signing disabled', options, async () => {
  const { code, stdout, stderr } = await runCli(['check', '--ses', '--nameserver', knot!.nameserver, '--format', 'json']);
  assert.equal(stderr, '', 'nothing on stderr: no SDK warning leaks into the run');
  assert.equal(code, 1);
  const report = assertValidReport(stdout);
  assert.deepEqual(report.domains.map((d: any) => d.domain), ['quiet.test', 'shop.test'], 'the identities, from ListEmailIdentities');
  const shop = ids(report.domains[1]);
  for (const expected of [
    'ses-dkim-cname/cnameMispointed tok2._domainkey.shop.test',
    'ses-dkim-cname/cnameMissing tok3._domainkey.shop.test',
    'ses-mail-from-mx/mxMissing bounce.shop.test',
  ]) assert.ok(shop.includes(expected), `${expected} in ${shop.join(', ')}`);
  assert.ok(ids(report.domains[0]).includes('ses-identity-status/signingDisabled quiet.test'));
  // SES's tokens are DKIM selectors too: the key behind tok1 is read and judged.
  assert.ok(report.domains[1].findings.some((f: any) => f.ruleId === 'dkim-key-strength' && f.subject.name === 'tok1._domainkey.shop.test'));
});

test('check NAME --ses audits only the named identity', options, async () => {
  const { stdout } = await runCli(['check', 'quiet.test', '--ses', '--nameserver', knot!.nameserver, '--format', 'json']);
  assert.deepEqual(assertValidReport(stdout).domains.map((d: any) => d.domain), ['quiet.test']);
  assert.equal(double!.requestsFor('GetEmailIdentity').at(-1)?.path, '/v2/email/identities/quiet.test');
});

test('AccessDenied: exit 3, the operation and permission named, nothing reported as checked, no secret printed', options, async () => {
  double!.script('ListEmailIdentities', { status: 403, code: 'AccessDeniedException', message: 'User is not authorized' });
  const { code, stdout, stderr } = await runCli(['check', '--ses', '--nameserver', knot!.nameserver, '--format', 'json']);
  assert.equal(code, 3);
  assert.equal(stdout, '');
  assert.match(stderr, /ListEmailIdentities/);
  assert.match(stderr, /ses:ListEmailIdentities/);
  assert.doesNotMatch(stderr, /double-secret/);
});

test('usage: --region without --ses is an error naming the flag', async () => {
  const { code, stderr } = await runCli(['check', 'example.com', '--region', 'us-east-1']);
  assert.equal(code, 2);
  assert.match(stderr, /--region goes with --ses/);
});
