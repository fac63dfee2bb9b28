// What an AWS endpoint can do to a run. One that takes the connection and never answers: the SDK
// sets no limit of its own, so `drift` and `check --ses` hung for good; each request now has a deadline
// (MAILDNS_AWS_TIMEOUT_MS) and the run ends with exit 3 naming the operation. One whose error message
// holds a line break: it is quoted escaped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli } from '../helpers/cli.js';
import { setEnv } from '../helpers/aws-double.js';

async function blackHole(): Promise<{ url: string; server: Server }> {
  const server = createServer(() => {}); // reads the request, never answers
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('an AWS endpoint that never answers ends the run with exit 3, naming the operation', { timeout: 20_000 }, async () => {
  const { url, server } = await blackHole();
  const undo = setEnv({
    AWS_ENDPOINT_URL_SESV2: url, AWS_ENDPOINT_URL_ROUTE_53: url, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y',
    AWS_REGION: 'us-east-1', AWS_PROFILE: undefined, MAILDNS_AWS_TIMEOUT_MS: '300',
  });
  try {
    const drift = await runCli(['drift', 'example.com', '--declared', 'route53:example.com', '--observed', 'zone:examples/example.com.zone']);
    assert.equal(drift.code, 3, drift.stderr);
    assert.match(drift.stderr, /ListHostedZonesByName/);
    const ses = await runCli(['check', '--ses', '--zone-file', 'examples/']);
    assert.equal(ses.code, 3, ses.stderr);
    assert.match(ses.stderr, /ListEmailIdentities/);
    assert.equal(ses.stdout, '', 'nothing printed as checked');
  } finally {
    undo();
    server.closeAllConnections();
    server.close();
  }
});

test('what an AWS endpoint says is quoted escaped: a line break in it cannot forge a line on stderr', async () => {
  const { toAwsSourceError } = await import('../../src/sources/aws-errors.js');
  const said = Object.assign(new Error('bad\u001b[2J\nmaildns: exit 0'), { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
  const error = toAwsSourceError(said, { operation: 'GetEmailIdentity', subject: 'a\nb.example' });
  assert.equal(error.kind, 'service');
  assert.doesNotMatch(error.message, /[\n\u001b]/);
  assert.match(error.message, /GetEmailIdentity for "a\\nb\.example": BadRequestException: bad\\x1b\[2J\\nmaildns: exit 0 \(HTTP 400\)/);
});
