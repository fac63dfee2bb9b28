// AWS faults through the local wire-format double and the real SDK clients, via `maildns drift`:
// throttling, 5xx, AccessDenied, expired or missing credentials, a malformed response. Each must give
// a clear message naming the operation, be retried where the SDK retries, exit 3, and never print a
// secret.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { awsDoubleEnv, easyDkimIdentity, setEnv, startAwsDouble, type AwsDouble, type Operation, type ScriptedReply } from '../helpers/aws-double.js';

const SECRET = 'maildns-test-secret-wJalrXUtnFEMI-K7MDENG-never-print-me';
const SESSION_TOKEN = 'maildns-test-session-token-FwoGZXIvYXdzEJr-never-print-me';
/** The SDK's standard retry mode: 3 attempts in all (@smithy/util-retry DEFAULT_MAX_ATTEMPTS). */
const SDK_ATTEMPTS = 3;

const ZONE = `$ORIGIN example.test.
$TTL 300
@ SOA ns1 hostmaster 1 7200 900 1209600 300
@ TXT "v=spf1 include:amazonses.com ~all"
_dmarc TXT "v=DMARC1; p=reject"
`;

let double: AwsDouble;
let restore: () => void;
let zoneFile: string;

before(async () => {
  double = await startAwsDouble();
  double.addZone({
    id: 'ZFAULTS', name: 'example.test.', recordSets: [
      { Name: 'example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=spf1 include:amazonses.com ~all"'] },
      { Name: '_dmarc.example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=DMARC1; p=reject"'] },
    ],
  });
  double.addZone({
    id: 'ZBROKEN', name: 'broken.test.', recordSets: [
      { Name: 'broken.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=spf1 \u001b[31m unterminated'] },
    ],
  });
  double.addIdentity('us-east-1', 'example.test', easyDkimIdentity({ tokens: ['tok1', 'tok2', 'tok3'] }));
  restore = setEnv({ ...awsDoubleEnv(double), AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION_TOKEN });
  const dir = await mkdtemp(join(tmpdir(), 'maildns-aws-faults-'));
  zoneFile = join(dir, 'example.test.zone');
  await writeFile(zoneFile, ZONE);
});
after(async () => {
  restore();
  await double.close();
});

function drift(declared: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['drift', 'example.test', '--declared', declared, '--observed', `zone:${zoneFile}`, '--format', 'json']);
}

function assertNoSecret(run: { stdout: string; stderr: string }): void {
  for (const text of [run.stdout, run.stderr]) {
    assert.ok(!text.includes(SECRET), 'the secret access key is never printed');
    assert.ok(!text.includes(SESSION_TOKEN), 'the session token is never printed');
    assert.ok(!text.includes(SECRET.slice(0, 24)), 'not even part of it');
  }
}

interface Fault {
  name: string;
  declared: string;
  operation: Operation;
  replies: ScriptedReply[];
  message: RegExp;
  /** Requests to the operation the run makes: the SDK retries throttling and 5xx, not the rest. */
  attempts: number;
}

const throttled: ScriptedReply = { status: 400, code: 'Throttling', message: 'Rate exceeded' };
const sesThrottled: ScriptedReply = { status: 429, code: 'TooManyRequestsException', message: 'Too many requests' };
const internal: ScriptedReply = { status: 500, code: 'InternalFailure', message: 'We encountered an internal error' };
const unavailable: ScriptedReply = { status: 503, code: 'ServiceUnavailable', message: 'Service unavailable' };

const faults: Fault[] = [
  {
    name: 'Route 53 throttling that outlasts the retries', declared: 'route53:example.test', operation: 'ListHostedZonesByName',
    replies: Array(SDK_ATTEMPTS).fill(throttled), attempts: SDK_ATTEMPTS, message: /AWS throttled ListHostedZonesByName.*retries ran out/,
  },
  {
    name: 'SES throttling that outlasts the retries', declared: 'ses', operation: 'GetEmailIdentity',
    replies: Array(SDK_ATTEMPTS).fill(sesThrottled), attempts: SDK_ATTEMPTS, message: /AWS throttled GetEmailIdentity.*retries ran out/,
  },
  {
    name: 'Route 53 5xx on every try', declared: 'route53:example.test', operation: 'ListResourceRecordSets',
    replies: Array(SDK_ATTEMPTS).fill(internal), attempts: SDK_ATTEMPTS, message: /ListResourceRecordSets/,
  },
  {
    name: 'SES 503 on every try', declared: 'ses', operation: 'GetEmailIdentity',
    replies: Array(SDK_ATTEMPTS).fill(unavailable), attempts: SDK_ATTEMPTS, message: /GetEmailIdentity/,
  },
  {
    name: 'Route 53 AccessDenied', declared: 'route53:example.test', operation: 'ListResourceRecordSets',
    replies: [{ status: 403, code: 'AccessDenied', message: 'User is not authorized to perform route53:ListResourceRecordSets' }],
    attempts: 1, message: /AWS denied ListResourceRecordSets.*"route53:ListResourceRecordSets"/,
  },
  {
    name: 'SES AccessDenied', declared: 'ses', operation: 'GetEmailIdentity',
    replies: [{ status: 403, code: 'AccessDeniedException', message: 'not authorized' }],
    attempts: 1, message: /AWS denied GetEmailIdentity.*"ses:GetEmailIdentity"/,
  },
  {
    name: 'expired credentials (Route 53)', declared: 'route53:example.test', operation: 'ListHostedZonesByName',
    replies: [{ status: 403, code: 'ExpiredToken', message: 'The security token included in the request is expired' }],
    attempts: 1, message: /AWS rejected the credentials for ListHostedZonesByName.*\(ExpiredToken\)/,
  },
  {
    name: 'expired credentials (SES)', declared: 'ses', operation: 'GetEmailIdentity',
    replies: [{ status: 403, code: 'ExpiredTokenException', message: 'The security token included in the request is expired' }],
    attempts: 1, message: /AWS rejected the credentials for GetEmailIdentity.*\(ExpiredTokenException\)/,
  },
  {
    name: 'a malformed Route 53 response', declared: 'route53:example.test', operation: 'ListResourceRecordSets',
    replies: [{ status: 200, rawBody: '<ListResourceRecordSetsResponse><ResourceRecordSets><ResourceRecordSet><Name>' }],
    attempts: 1, message: /ListResourceRecordSets.*could not parse|could not parse.*ListResourceRecordSets/,
  },
  {
    name: 'a malformed SES response', declared: 'ses', operation: 'GetEmailIdentity',
    replies: [{ status: 200, rawBody: '{"DkimAttributes": {"Tokens": [', contentType: 'application/json' }],
    attempts: 1, message: /GetEmailIdentity.*could not parse|could not parse.*GetEmailIdentity/,
  },
];

for (const fault of faults) {
  test(`AWS fault: ${fault.name} — exit 3, names the operation, ${fault.attempts} ${fault.attempts === 1 ? 'try' : 'tries'}, no secret printed`, { timeout: 60_000 }, async () => {
    double.requests.length = 0;
    double.script(fault.operation, ...fault.replies);
    const run = await drift(fault.declared);
    assert.equal(run.code, 3, run.stderr);
    assert.equal(run.stdout, '', 'no report that could pass for a result');
    assert.match(run.stderr, fault.message);
    assert.equal(double.requestsFor(fault.operation).length, fault.attempts);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'a message, not a stack trace');
    assertNoSecret(run);
  });
}

test('a transient fault the SDK retries (throttling, then a 503) is invisible: the run completes', { timeout: 60_000 }, async () => {
  double.requests.length = 0;
  double.script('ListResourceRecordSets', throttled, unavailable);
  const run = await drift('route53:example.test');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(double.requestsFor('ListResourceRecordSets').length, 3, 'two retries, then the answer');
  assert.equal(JSON.parse(run.stdout).summary.differences, 0);
  assertNoSecret(run);
});

test('missing credentials: exit 3 with what to set, nothing sent to AWS', { timeout: 60_000 }, async () => {
  double.requests.length = 0;
  const unset = setEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined });
  try {
    for (const declared of ['route53:example.test', 'ses']) {
      const run = await drift(declared);
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /No AWS credentials found for (ListHostedZonesByName|GetEmailIdentity|ListEmailIdentities)/);
      assert.match(run.stderr, /AWS_ACCESS_KEY_ID/);
      assertNoSecret(run);
    }
    assert.equal(double.requests.length, 0);
  } finally {
    unset();
  }
});

test('a Route 53 TXT value that cannot be read: exit 3 naming the operation and the record, escaped, no stack trace', { timeout: 60_000 }, async () => {
  const run = await runCli(['drift', 'broken.test', '--declared', 'route53:broken.test', '--observed', `zone:${zoneFile}`, '--format', 'json']);
  assert.equal(run.code, 3, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /ListResourceRecordSets returned TXT "broken\.test" with a value maildns cannot read\. Route 53 TXT value has an unterminated quoted string: ""v=spf1 \\x1b\[31m unterminated"/);
  assert.doesNotMatch(run.stderr, /\u001b|\n\s+at /);
  assertNoSecret(run);
});
