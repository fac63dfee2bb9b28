// `maildns check` end to end against a real Knot DNS server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { runCli } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';

const SOA = '@ SOA ns.mail.test. hostmaster.mail.test. 1 7200 900 1209600 300\n@ NS ns.mail.test.\n';
const S200 = 'x'.repeat(200);
const S100 = 'y'.repeat(100);
const bigTxt = Array.from({ length: 12 }, (_, i) => `big TXT "record-${String(i).padStart(2, '0')}-${'z'.repeat(200)}"`).join('\n');

const ZONES = {
  'mail.test': `$ORIGIN mail.test.\n$TTL 300\n${SOA}ns A 127.0.0.1\n` +
    `long TXT "v=spf1 include:${S200}" "${S100} -all"\n${bigTxt}\n`,
};

const options = knotTestOptions();
let knot: KnotServer | undefined;
const EXAMPLE_SELECTORS = ['4hgftqyqadsl2pbs6tyw6wr2ef3hb4qs', 'zsx3ttdcnw5n7fzcqwuzcs3isahh5jn7', 'l6v5mgtw3mkyl2kjxxgz6yt4kyfsn4kk'];

before(async () => {
  if (options.skip) return;
  const example = await readFile(new URL('../../examples/example.com.zone', import.meta.url), 'utf8');
  const ses = await readFile(new URL('../../examples/amazonses.com.zone', import.meta.url), 'utf8');
  knot = await startKnot({ zones: { ...ZONES, 'example.com': example, 'amazonses.com': ses } });
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
  const selectors = EXAMPLE_SELECTORS.flatMap((s) => ['--dkim-selector', s]);
  const live = await runCli(['check', 'example.com', '--nameserver', knot!.nameserver, '--format', 'json', ...selectors]);
  const offline = await runCli(['check', 'example.com', '--zone-file', 'examples/example.com.zone', '--zone-file', 'examples/amazonses.com.zone', '--format', 'json', ...selectors]);
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
