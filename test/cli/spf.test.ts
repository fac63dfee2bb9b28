// `maildns spf`: the command module on its own yargs (the lead registers it in main.ts), over a zone file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { spfCommand } from '../../src/cli/commands/spf.js';
import type { CliIo } from '../../src/cli/io.js';

const ZONE = `$ORIGIN example.com.
$TTL 300
@ SOA ns hostmaster 1 7200 900 1209600 300
@ TXT "v=spf1 include:a.example.com include:b.example.com mx/24 -all redirect=r.example.com"
@ MX 10 mx
mx A 192.0.2.25
a TXT "v=spf1 include:s.example.com"
b TXT "v=spf1 include:s.example.com"
s TXT "v=spf1 a:h.example.com/24 ip4:198.51.100.0/24 ~all"
h A 192.0.2.1
h AAAA 2001:db8::1
`;

async function runSpf(args: string[], zone = ZONE): Promise<{ code: number; stdout: string }> {
  const file = join(await mkdtemp(join(tmpdir(), 'maildns-spf-')), 'example.com.zone');
  await writeFile(file, zone);
  let stdout = '';
  let code = 0;
  const io: CliIo = {
    stdout: (t) => { stdout += t; }, stderr: () => {}, readStdin: async () => '', stdoutIsTty: false, stderrIsTty: false,
    env: {}, onInterrupt: () => () => {},
  };
  await yargs([...args, '--zone-file', file]).command(spfCommand(io, (c) => { code = c; })).strict().exitProcess(false)
    .fail((message, error) => { throw error ?? new Error(message); }).parseAsync();
  return { code, stdout };
}

test('spf <domain> --format json: exact worst-case figures with shared includes, CIDR and redirect beside all', async () => {
  const { code, stdout } = await runSpf(['spf', 'example.com', '--format', 'json']);
  const a = JSON.parse(stdout);
  // include:a + include:s + a:h, twice (6), mx/24 (1); redirect beside -all not counted
  assert.equal(a.lookups, 7);
  assert.equal(a.voidLookups, 1); // mx.example.com has no AAAA (IPv6-client reading)
  assert.deepEqual(a.voidReadings, { ipv4Client: 0, ipv6Client: 1, addressPair: 0 });
  assert.equal(a.record, 'v=spf1 include:a.example.com include:b.example.com mx/24 -all redirect=r.example.com');
  assert.ok(Array.isArray(a.findings) && a.tree.terms.length === 5);
  assert.deepEqual(a.findings.map((f: { ruleId: string }) => f.ruleId), ['spf-redirect-with-all']);
  assert.equal(code, 0); // a warning is not an error
});

test('spf <domain> text: an indented tree with lookups n/10 per include', async () => {
  const { stdout } = await runSpf(['spf', 'example.com']);
  assert.match(stdout, /^ {2}include:a\.example\.com {2}\[lookups 3\/10\]$/m);
  assert.match(stdout, /^ {6}include:s\.example\.com {2}\[lookups 2\/10\]$/m);
  assert.match(stdout, /^ {2}redirect=r\.example\.com {2}\[ignored: "all" present\]$/m);
  assert.match(stdout, /^lookups 7\/10; void lookups 1\/2/m);
});

test('spf --ip: check_host() result as JSON, and as a Received-SPF line with the trace', async () => {
  const json = JSON.parse((await runSpf(['spf', '--ip', '192.0.2.77', '--sender', 'user@example.com', '--format', 'json'])).stdout);
  assert.equal(json.result, 'pass');
  assert.equal(json.mechanism, 'include:a.example.com');
  assert.equal(json.lookups, 3);
  const text = (await runSpf(['spf', '--ip', '203.0.113.9', '--sender', 'user@example.com', '--helo', 'mx.example.com', '--default-explanation', 'not %{i}'])).stdout;
  assert.match(text, /^Received-SPF: fail \(unknown: domain of user@example\.com does not designate 203\.0\.113\.9 as permitted sender\) client-ip=203\.0\.113\.9; envelope-from="user@example\.com"; helo=mx\.example\.com; receiver=unknown; identity=mailfrom; mechanism="-all";$/m);
  assert.match(text, /^explanation: not 203\.0\.113\.9$/m);
  assert.match(text, /example\.com {2}-all {2}match/);
});

test('spf <domain>: the exit code follows --fail-on, or the config\'s failOn (default error)', async () => {
  // The record's redirect beside -all is a warning (spf-redirect-with-all), and nothing is an error.
  const findings = JSON.parse((await runSpf(['spf', 'example.com', '--format', 'json'])).stdout).findings as Array<{ ruleId: string; severity: string }>;
  assert.ok(findings.some((f) => f.ruleId === 'spf-redirect-with-all' && f.severity === 'warning'));
  assert.ok(!findings.some((f) => f.severity === 'error'));
  assert.equal((await runSpf(['spf', 'example.com'])).code, 0);
  assert.equal((await runSpf(['spf', 'example.com', '--fail-on', 'warning'])).code, 1);
  assert.equal((await runSpf(['spf', 'example.com', '--fail-on', 'none'])).code, 0);
  const config = join(await mkdtemp(join(tmpdir(), 'maildns-spf-config-')), 'maildns.config.json');
  await writeFile(config, JSON.stringify({ failOn: 'warning' }));
  assert.equal((await runSpf(['spf', 'example.com', '--config', config])).code, 1);
  assert.equal((await runSpf(['spf', 'example.com', '--config', config, '--fail-on', 'error'])).code, 0, 'the flag wins over the config');
});

test('spf --ip with --fail-on is a usage error: the SPF result is the output', async () => {
  await assert.rejects(runSpf(['spf', '--ip', '192.0.2.77', '--sender', 'user@example.com', '--fail-on', 'warning']), /--fail-on applies to the analysis/);
});

test('spf <domain> whose TXT lookup fails says why, and does not claim there is no record', async () => {
  const loop = '$ORIGIN example.com.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nc1 CNAME c2\nc2 CNAME c1\n';
  const json = await runSpf(['spf', 'c1.example.com', '--format', 'json'], loop);
  assert.equal(json.code, 3);
  const analysis = JSON.parse(json.stdout);
  assert.equal(analysis.indeterminate, true);
  assert.equal(analysis.record, null);
  assert.equal(analysis.apexTxt.status, 'error');
  assert.match(analysis.apexTxt.reason, /CNAME loop/);
  const text = await runSpf(['spf', 'c1.example.com'], loop);
  assert.doesNotMatch(text.stdout, /no single v=spf1 record/);
  assert.match(text.stdout, /CNAME loop/);
  // A domain that answers has its lookup's outcome too.
  assert.equal(JSON.parse((await runSpf(['spf', 'example.com', '--format', 'json'])).stdout).apexTxt.status, 'answer');
});
