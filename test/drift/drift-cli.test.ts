// `maildns drift` through the CLI entry point, in-process: output formats and exit codes.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { knotQueriesByProtocol, knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { awsDoubleEnv, setEnv, startAwsDouble, type AwsDouble } from '../helpers/aws-double.js';

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => '',
    stdoutIsTty: false,
    stderrIsTty: false,
    env: process.env,
    onInterrupt: () => () => undefined,
  };
  return io;
}

const ZONE = `$ORIGIN example.test.
$TTL 300
@ SOA ns1 hostmaster 1 7200 900 1209600 300
@ NS ns1
ns1 A 127.0.0.1
@ TXT "v=spf1 include:amazonses.com ~all"
_dmarc TXT "v=DMARC1; p=none"
`;

describe('maildns drift (CLI)', knotTestOptions(), () => {
  let knot: KnotServer;
  let double: AwsDouble;
  let restore: () => void;
  before(async () => {
    knot = await startKnot({ zones: { 'example.test': ZONE }, modStats: true });
    double = await startAwsDouble();
    double.addZone({
      id: 'ZCLI', name: 'example.test.', recordSets: [
        { Name: 'example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=spf1 include:amazonses.com " "~all"'] },
        { Name: '_dmarc.example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"v=DMARC1; p=reject"'] },
      ],
    });
    restore = setEnv(awsDoubleEnv(double));
  });
  after(async () => {
    restore();
    await Promise.all([knot?.stop(), double?.close()]);
  });

  const args = (...extra: string[]): string[] =>
    ['drift', 'example.test', '--declared', 'route53:example.test', '--observed', `ns:${knot.nameserver}`, '--timeout', '1000', ...extra];

  it('prints a Markdown table and exits 1 with --fail-on drift', async () => {
    const io = captureIo();
    const code = await run(args('--format', 'markdown', '--fail-on', 'drift'), io);
    assert.equal(code, 1, io.err);
    assert.ok(io.out.includes(`| changed | \`_dmarc.example.test\` | TXT | 300 | \`v=DMARC1; p=reject\` | \`v=DMARC1; p=none\` | \`${knot.nameserver}\` |`), io.out);
    assert.ok(!io.out.includes('| changed | `example.test`'), 'chunking alone is not drift');
  });

  it('exits 0 on the same drift without --fail-on', async () => {
    const io = captureIo();
    assert.equal(await run(args(), io), 0, io.err);
    assert.match(io.out, /± changed {4}_dmarc\.example\.test TXT/);
  });

  it('--transport tcp: the same report, every question over TCP', async () => {
    const overUdp = captureIo();
    assert.equal(await run(args('--format', 'json'), overUdp), 0, overUdp.err);
    const before = await knotQueriesByProtocol(knot.configFile);
    const overTcp = captureIo();
    assert.equal(await run(args('--format', 'json', '--transport', 'tcp'), overTcp), 0, overTcp.err);
    const after = await knotQueriesByProtocol(knot.configFile);
    assert.equal(after.udp, before.udp, 'nothing over UDP');
    assert.ok(after.tcp > before.tcp);
    assert.deepEqual(JSON.parse(overTcp.out), JSON.parse(overUdp.out));
  });

  it('exits 3 naming the permission when Route 53 denies access, printing no report', async () => {
    double.script('ListHostedZonesByName', { status: 403, code: 'AccessDenied', message: 'no' });
    const io = captureIo();
    assert.equal(await run(args('--format', 'json'), io), 3);
    assert.equal(io.out, '');
    assert.match(io.err, /route53:ListHostedZonesByName/);
  });

  it('exits 3 when the server asked cannot answer (nothing is called missing)', async () => {
    const io = captureIo();
    // A closed UDP port on loopback: every question fails.
    const code = await run(['drift', 'example.test', '--declared', 'route53:ZCLI', '--observed', 'ns:127.0.0.1:9', '--timeout', '200', '--retries', '0', '--format', 'json'], io);
    assert.equal(code, 3, io.err);
    const report = JSON.parse(io.out);
    assert.equal(report.summary.differences, 0);
    assert.ok(report.domains[0].notices.some((n: { code: string }) => n.code === 'indeterminate'));
  });

  it('exits 2 before comparing anything when domains lie outside the Route 53 zone, naming each of them', async () => {
    const io = captureIo();
    const code = await run(['drift', 'example.test', 'a.other.test', 'b.other.test', '--declared', 'route53:ZCLI', '--observed', `ns:${knot.nameserver}`, '--format', 'json'], io);
    assert.equal(code, 2, io.err);
    assert.equal(io.out, '', 'no half report');
    assert.match(io.err, /route53:ZCLI holds "example\.test", which does not contain "a\.other\.test", "b\.other\.test"/);
  });

  it('exits 2 on a source it does not know', async () => {
    const io = captureIo();
    assert.equal(await run(['drift', 'example.test', '--declared', 'bind:example', '--observed', 'recursive'], io), 2);
    assert.match(io.err, /unknown source "bind:example"/);
  });
});
