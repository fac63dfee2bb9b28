// loadSesIdentities with the real SESv2 client against the wire-format double.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadSesIdentities, sesExpectations } from '../../src/sources/ses.js';
import { AwsSourceError } from '../../src/sources/aws-errors.js';
import { awsDoubleEnv, easyDkimIdentity, setEnv, startAwsDouble, useAwsDouble } from '../helpers/aws-double.js';

describe('loadSesIdentities', () => {
  const aws = useAwsDouble();

  it('lists every page of identities and keeps only domains', async () => {
    aws.double.sesPageLimit = 2;
    for (const name of ['a.test', 'b.test', 'c.test', 'd.test', 'e.test']) {
      aws.double.addIdentity('us-east-1', name, easyDkimIdentity({ tokens: [`tok-${name[0]}`] }));
    }
    aws.double.addIdentity('us-east-1', 'ops@a.test', { ...easyDkimIdentity({ tokens: [] }), IdentityType: 'EMAIL_ADDRESS' });
    const { identities } = await loadSesIdentities();
    assert.deepEqual(identities.map((i) => i.name), ['a.test', 'b.test', 'c.test', 'd.test', 'e.test']);
    assert.equal(aws.double.requestsFor('ListEmailIdentities').length, 3, '6 identities at 2 per page');
    const tokens = aws.double.requestsFor('ListEmailIdentities').map((r) => JSON.parse(r.body).NextToken);
    assert.deepEqual(tokens, [undefined, '2', '4']);
  });

  it('turns an Easy DKIM identity into CNAME and MAIL FROM expectations', async () => {
    aws.double.addIdentity('eu-west-1', 'example.test', easyDkimIdentity({
      tokens: ['tok1', 'tok2', 'tok3'], signingHostedZone: 'dkim.amazonses.com.',
      mailFrom: { domain: 'mail.example.test', status: 'SUCCESS', behavior: 'USE_DEFAULT_VALUE' }, soaSerial: 2024010101,
    }));
    const { identities } = await loadSesIdentities({ regions: ['eu-west-1'], names: ['Example.Test.'] });
    assert.equal(identities.length, 1);
    const identity = identities[0]!;
    assert.equal(identity.region, 'eu-west-1');
    assert.equal(identity.dkim.signingHostedZoneFrom, 'api');
    assert.equal(identity.soa?.serial, 2024010101);
    assert.equal(identity.lastChecked, '2024-05-29T17:26:40.000Z');
    const expected = sesExpectations(identity);
    assert.deepEqual(expected.dkimCnames[0], {
      token: 'tok1', name: 'tok1._domainkey.example.test', target: 'tok1.dkim.amazonses.com',
    });
    assert.deepEqual(expected.mailFrom, {
      domain: 'mail.example.test', preference: 10, exchange: 'feedback-smtp.eu-west-1.amazonses.com',
    });
  });

  it('falls back to the region table without SigningHostedZone, and to the parent region for a replica', async () => {
    aws.double.addIdentity('eu-south-1', 'plain.test', easyDkimIdentity({ tokens: ['t1'], signingHostedZone: null }));
    aws.double.addIdentity('eu-west-1', 'replica.test', easyDkimIdentity({
      tokens: ['t2'], signingHostedZone: null, origin: 'AWS_SES_EU_SOUTH_1',
    }));
    const { identities } = await loadSesIdentities({ regions: ['eu-south-1', 'eu-west-1'] });
    const byName = new Map(identities.map((i) => [i.name, i]));
    assert.equal(byName.get('plain.test')?.dkim.signingHostedZone, 'dkim.eu-south-1.amazonses.com');
    assert.equal(byName.get('plain.test')?.dkim.signingHostedZoneFrom, 'region-table');
    assert.equal(byName.get('replica.test')?.dkim.parentRegion, 'eu-south-1');
    assert.equal(byName.get('replica.test')?.dkim.signingHostedZone, 'dkim.eu-south-1.amazonses.com');
    const regionsAsked = aws.double.requestsFor('ListEmailIdentities').map((r) => r.region).sort();
    assert.deepEqual(regionsAsked, ['eu-south-1', 'eu-west-1']);
  });

  it('reads BYODKIM selectors as key names without CNAMEs', async () => {
    aws.double.addIdentity('us-east-1', 'byo.test', {
      IdentityType: 'DOMAIN', VerificationStatus: 'PENDING',
      DkimAttributes: { SigningEnabled: true, Status: 'PENDING', Tokens: ['sel2024'], SigningAttributesOrigin: 'EXTERNAL' },
    });
    const { identities } = await loadSesIdentities({ names: ['byo.test'] });
    const expected = sesExpectations(identities[0]!);
    assert.deepEqual(expected.dkimCnames, []);
    assert.deepEqual(expected.byodkimKeyNames, [{ selector: 'sel2024', name: 'sel2024._domainkey.byo.test' }]);
    assert.equal(expected.mailFrom, undefined);
  });

  it('reports a named identity absent from every region as missing (404 NotFoundException)', async () => {
    aws.double.addIdentity('us-east-1', 'here.test', easyDkimIdentity({ tokens: ['t'] }));
    const inventory = await loadSesIdentities({ regions: ['us-east-1', 'us-west-2'], names: ['here.test', 'gone.test'] });
    assert.deepEqual(inventory.identities.map((i) => `${i.name}@${i.region}`), ['here.test@us-east-1']);
    assert.deepEqual(inventory.missing, [{ name: 'gone.test', regions: ['us-east-1', 'us-west-2'] }]);
  });

  it('reports a listed identity that GetEmailIdentity then does not find as missing in its region, not dropped', async () => {
    aws.double.addIdentity('us-east-1', 'a.test', easyDkimIdentity({ tokens: ['t1'] }));
    aws.double.addIdentity('us-east-1', 'b.test', easyDkimIdentity({ tokens: ['t2'] }));
    // Deleted between the listing and the read: the read of one identity answers 404.
    aws.double.script('GetEmailIdentity', { status: 404, code: 'NotFoundException', message: 'Email identity a.test does not exist.' }, 'pass');
    const inventory = await loadSesIdentities({ regions: ['us-east-1'], concurrency: 1 });
    assert.deepEqual(inventory.identities.map((i) => i.name), ['b.test']);
    assert.deepEqual(inventory.missing, [{ name: 'a.test', regions: ['us-east-1'] }]);
  });

  it('succeeds when SES throttles once (429) and the SDK retries', async () => {
    aws.double.addIdentity('us-east-1', 'slow.test', easyDkimIdentity({ tokens: ['t'] }));
    aws.double.script('GetEmailIdentity', { status: 429, code: 'TooManyRequestsException', message: 'Too many requests' });
    const { identities } = await loadSesIdentities({ names: ['slow.test'] });
    assert.equal(identities.length, 1);
    assert.equal(aws.double.requestsFor('GetEmailIdentity').length, 2);
  });

  it('succeeds after one 5xx', async () => {
    aws.double.addIdentity('us-east-1', 'flaky.test', easyDkimIdentity({ tokens: ['t'] }));
    aws.double.script('ListEmailIdentities', { status: 503, code: 'ServiceUnavailable' });
    const { identities } = await loadSesIdentities();
    assert.equal(identities.length, 1);
  });

  it('names the operation and the missing permission on AccessDenied', async () => {
    aws.double.script('ListEmailIdentities', { status: 403, code: 'AccessDeniedException', message: 'User is not authorized' });
    await assert.rejects(loadSesIdentities(), (error: unknown) => {
      assert.ok(error instanceof AwsSourceError);
      assert.equal(error.kind, 'access-denied');
      assert.equal(error.exitCode, 3);
      assert.deepEqual([error.details.operation, error.details.permission], ['ListEmailIdentities', 'ses:ListEmailIdentities']);
      assert.match(error.message, /ses:ListEmailIdentities/);
      return true;
    });
  });

  it('gives up with kind "throttled" when throttling outlasts the retries', async () => {
    aws.double.addIdentity('us-east-1', 'busy.test', easyDkimIdentity({ tokens: ['t'] }));
    const throttle = { status: 429, code: 'TooManyRequestsException' } as const;
    aws.double.script('GetEmailIdentity', throttle, throttle, throttle, throttle);
    await assert.rejects(loadSesIdentities({ names: ['busy.test'] }), (error: unknown) =>
      error instanceof AwsSourceError && error.kind === 'throttled' && error.details.permission === undefined);
  });

  it('reports a body it cannot parse as malformed, not as an empty account', async () => {
    aws.double.script('ListEmailIdentities', { status: 200, rawBody: '{"EmailIdentities": [' });
    await assert.rejects(loadSesIdentities(), (error: unknown) =>
      error instanceof AwsSourceError && error.kind === 'malformed');
  });

  it('rejects a region name that is not a region before calling AWS', async () => {
    await assert.rejects(loadSesIdentities({ regions: ['eu-westt'] }), (error: unknown) =>
      error instanceof AwsSourceError && error.kind === 'unknown-region' && error.exitCode === 3);
    assert.equal(aws.double.requests.length, 0);
  });

  it('says plainly when there are no credentials', async () => {
    const undo = setEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined });
    try {
      await assert.rejects(loadSesIdentities({ names: ['x.test'] }), (error: unknown) =>
        error instanceof AwsSourceError && error.kind === 'credentials' && /AWS_PROFILE/.test(error.message));
    } finally {
      undo();
    }
  });

  it('says plainly when no region is configured', async () => {
    const undo = setEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    try {
      await assert.rejects(loadSesIdentities(), (error: unknown) =>
        error instanceof AwsSourceError && error.kind === 'region');
    } finally {
      undo();
    }
  });
});

describe('the SDK Node-version notice', () => {
  // Run in a child: the notice is emitted once per process. A child process is spawned asynchronously
  // so this process's event loop keeps serving the double.
  async function runChild(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stdout, stderr };
  }

  it('does not reach stderr through maildns, while other warnings still do', async () => {
    const double = await startAwsDouble();
    try {
      double.addIdentity('us-east-1', 'quiet.test', easyDkimIdentity({ tokens: ['t'] }));
      const env: NodeJS.ProcessEnv = { ...process.env, ...awsDoubleEnv(double) };
      delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
      const onNode20 = Number(process.versions.node.split('.')[0]) < 22;

      // Control: a bare client on this Node prints the notice, so the assertion below can fail.
      const bare = await runChild(
        "import { SESv2Client } from '@aws-sdk/client-sesv2'; new SESv2Client({ region: 'us-east-1' });",
        env,
      );
      if (onNode20) assert.match(bare.stderr, /NodeVersionSupportWarning/);

      const sesModule = JSON.stringify(fileURLToPath(new URL('../../src/sources/ses.ts', import.meta.url)));
      const run = await runChild(
        [
          `import { loadSesIdentities } from ${sesModule};`,
          'const inventory = await loadSesIdentities({ names: ["quiet.test"] });',
          'process.emitWarning("canary warning");',
          'console.log(inventory.identities.length, process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED);',
        ].join('\n'),
        env,
      );
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trim(), '1 undefined', 'the switch is not left set in the environment');
      assert.match(run.stderr, /canary warning/);
      assert.doesNotMatch(run.stderr, /NodeVersionSupportWarning/);
    } finally {
      await double.close();
    }
  });
});

describe('an SES region that does not exist', () => {
  it('is an unknown-region error when its endpoint host does not resolve (no network needed to check the mapping)', async () => {
    const { regionAware } = await import('../../src/sources/ses.js');
    const { toAwsSourceError } = await import('../../src/sources/aws-errors.js');
    const dnsFailure = Object.assign(new Error('getaddrinfo ENOTFOUND email.xx-nowhere-1.amazonaws.com'), {
      code: 'ENOTFOUND', hostname: 'email.xx-nowhere-1.amazonaws.com',
    });
    const error = regionAware(toAwsSourceError(dnsFailure, { operation: 'ListEmailIdentities', region: 'xx-nowhere-1' }), 'xx-nowhere-1');
    assert.equal(error.kind, 'unknown-region');
    assert.equal(error.exitCode, 3);
    assert.match(error.message, /xx-nowhere-1/);
  });
});
