// `maildns check` end to end against a real Knot DNS server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { runCli } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';

const SOA = '@ SOA ns.mail.test. hostmaster.mail.test. 1 7200 900 1209600 300\n@ NS ns.mail.test.\n';
const S200 = 'x'.repeat(200);
const S100 = 'y'.repeat(100);
const bigTxt = Array.from({ length: 12 }, (_, i) => `big TXT "record-${String(i).padStart(2, '0')}-${'z'.repeat(200)}"`).join('\n');

const ZONES = {
  // The parent exists too: DMARC's tree walk asks _dmarc.test, and a server that is not authoritative
  // for it would answer REFUSED (indeterminate).
  test: '$ORIGIN test.\n$TTL 300\n@ SOA ns.mail.test. hostmaster.mail.test. 1 7200 900 1209600 300\n@ NS ns.mail.test.\n',
  'mail.test': `$ORIGIN mail.test.\n$TTL 300\n${SOA}ns A 127.0.0.1\n` +
    `long TXT "v=spf1 include:${S200}" "${S100} -all"\n${bigTxt}\n`,
};

const options = knotTestOptions();
let knot: KnotServer | undefined;

before(async () => {
  if (options.skip) return;
  const examples = new URL('../../examples/', import.meta.url);
  const zoneFiles = (await readdir(examples)).filter((f) => f.endsWith('.zone'));
  const exampleZones = Object.fromEntries(
    await Promise.all(zoneFiles.map(async (f) => [f.replace(/\.zone$/, ''), await readFile(new URL(f, examples), 'utf8')] as const)),
  );
  knot = await startKnot({ zones: { ...ZONES, ...exampleZones } });
});
after(async () => knot?.stop());

test('a 300-byte TXT in two strings is reported joined, exactly, and as its strings', options, async () => {
  const { code, stdout } = await runCli(['check', 'long.mail.test', '--nameserver', knot!.nameserver, '--format', 'json']);
  const report = assertValidReport(stdout);
  assert.notEqual(code, 3, 'everything answered');
  const txt = report.domains[0].records.find((r: any) => r.name === 'long.mail.test' && r.type === 'TXT');
  assert.deepEqual(txt.values, [`v=spf1 include:${S200}${S100} -all`]);
  assert.deepEqual(txt.strings, [[`v=spf1 include:${S200}`, `${S100} -all`]]);
  assert.equal(txt.source, knot!.nameserver);
});

test('a TXT RRset over 2 KB arrives whole, over TCP', options, async () => {
  const { stdout } = await runCli(['check', 'big.mail.test', '--nameserver', knot!.nameserver, '--format', 'json']);
  const report = assertValidReport(stdout);
  const txt = report.domains[0].records.find((r: any) => r.name === 'big.mail.test' && r.type === 'TXT');
  assert.equal(txt.values.length, 12);
  assert.ok(txt.values.join('').length > 2048);
  assert.ok(report.stats.dns.tcp >= 1, 'the truncated UDP answer was retried over TCP');
});

test('the example checked through Knot gives the same findings and records as checked from its zone files', options, async () => {
  const config = ['--config', 'examples/maildns.config.json', '--format', 'json'];
  const live = await runCli(['check', '--nameserver', knot!.nameserver, ...config]);
  const offline = await runCli(['check', '--zone-file', 'examples/', ...config]);
  assert.equal(offline.code, 1, 'the example has errors and nothing indeterminate');
  assert.equal(live.code, offline.code);
  const strip = (json: string): unknown => {
    const domain = assertValidReport(json).domains[0];
    return {
      status: domain.status,
      records: domain.records.map((r: any) => ({ name: r.name, type: r.type, values: r.values, status: r.status, cnames: r.cnames })),
      findings: domain.findings.map((f: any) => ({ ruleId: f.ruleId, messageId: f.messageId, severity: f.severity, subject: { ...f.subject, source: undefined }, data: f.data })),
    };
  };
  assert.deepEqual(strip(live.stdout), strip(offline.stdout));
});

test('zone files in front of the network: the local zone answers, a CNAME out of it continues on the server', options, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-layered-'));
  // The zone as it will be after a migration: the third DKIM CNAME fixed, the rest unchanged.
  const fixed = (await readFile('examples/example.com.zone', 'utf8')).replace('kl.dkim.amazonses.com.', 'kk.dkim.amazonses.com.');
  await writeFile(join(dir, 'example.com.zone'), fixed);
  const { stdout } = await runCli(['check', '--config', 'examples/maildns.config.json', '--zone-file', dir, '--nameserver', knot!.nameserver, '--format', 'json']);
  const domain = assertValidReport(stdout).domains[0];
  const selector = domain.records.find((r: any) => r.name === 'l6v5mgtw3mkyl2kjxxgz6yt4kyfsn4kk._domainkey.example.com');
  assert.equal(selector.status, 'nxdomain', 'the snapshot has no key for that token: the server was asked');
  assert.deepEqual(selector.cnames, ['l6v5mgtw3mkyl2kjxxgz6yt4kyfsn4kk.dkim.amazonses.com']);
  assert.equal(selector.source, knot!.nameserver);
  const apex = domain.records.find((r: any) => r.name === 'example.com' && r.type === 'TXT');
  assert.equal(apex.source, `zone:${join(dir, 'example.com.zone')}`);
});
