// Output safety for `maildns drift`: the observed side is whatever a server answers, so its values
// and names are hostile until escaped — in text and Markdown as in the check reports.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import * as dnsPacket from 'dns-packet';
import { runCli } from '../helpers/cli.js';
import { assertInertMarkdown, codeTexts } from '../helpers/markdown.js';
import { startTestDnsServer, type TestDnsServer } from '../helpers/test-dns-server.js';
import { MAX_PRINTED_VALUE } from '../../src/report/escape.js';

const DOMAIN = 'drifty.test';
const HOSTILE = 'v=spf1 \u001b[31mRED\u001b[0m \u009b2J \u202edesrever | `code` <script>alert(1)</script> [link](http://evil.test) -all';
const TEN_KB = Array.from({ length: 40 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(255));

const SERVED: dnsPacket.Answer[] = [
  { name: DOMAIN, type: 'SOA', ttl: 300, data: { mname: `ns.${DOMAIN}`, rname: `h.${DOMAIN}`, serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 60 } },
  { name: DOMAIN, type: 'TXT', ttl: 300, data: [HOSTILE] },
  { name: DOMAIN, type: 'MX', ttl: 300, data: { preference: 10, exchange: `evil\u001b[31m<b>.${DOMAIN}` } },
  { name: `_dmarc.${DOMAIN}`, type: 'TXT', ttl: 300, data: TEN_KB },
];

let server: TestDnsServer;
let zone: string;
before(async () => {
  server = await startTestDnsServer({ records: SERVED });
  const dir = await mkdtemp(join(tmpdir(), 'maildns-drift-safety-'));
  zone = join(dir, `${DOMAIN}.zone`);
  await writeFile(zone, `$ORIGIN ${DOMAIN}.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ TXT "v=spf1 -all"\n@ MX 10 mx\n_dmarc TXT "v=DMARC1; p=reject"\n`);
});
after(() => server.close());

function drift(format: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['drift', DOMAIN, '--declared', `zone:${zone}`, '--observed', `ns:${server.nameserver}`, '--timeout', '2000', '--format', format]);
}

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

function assertShort(stdout: string): void {
  const longest = Math.max(...stdout.split('\n').map((l) => l.length));
  assert.ok(longest <= 4 * MAX_PRINTED_VALUE, `a line of ${longest} characters`);
}

test('drift text: hostile observed values and names are escaped and shortened', { timeout: 30_000 }, async () => {
  const { stdout, stderr } = await drift('text');
  assert.match(stdout, /changed +drifty\.test TXT/, stderr);
  assert.doesNotMatch(stdout, RAW_CONTROL);
  assert.match(stdout, /evil\\(x1b|u001b)\[31m<b>\.drifty\.test/, 'the MX name, escaped');
  assert.match(stdout, /characters, cut\)/);
  assertShort(stdout);
});

test('drift markdown: values in code spans, nothing from DNS becomes a link, HTML or a cell; shortened', { timeout: 30_000 }, async () => {
  const { stdout } = await drift('markdown');
  assert.doesNotMatch(stdout, RAW_CONTROL);
  for (const line of stdout.split('\n').filter((l) => l.startsWith('| '))) {
    assert.equal(line.replace(/\\\|/g, '').split('|').length, 9, line);
  }
  // As GitHub renders it: the hostile TXT and MX name are each one code span, read as served but for
  // the controls made visible; no link, no element and nothing that would ping.
  const codes = codeTexts(assertInertMarkdown(stdout));
  assert.ok(codes.includes('v=spf1 \\x1b[31mRED\\x1b[0m \\x9b2J \\u{202e}desrever | `code` <script>alert(1)</script> [link](http://evil.test) -all'), codes.join('\n'));
  assert.ok(codes.includes('10 evil\\x1b[31m<b>.drifty.test'), codes.join('\n'));
  assert.match(stdout, /characters, cut\)/);
  assertShort(stdout);
});

test('drift json: values kept exactly, valid against the drift schema', { timeout: 30_000 }, async () => {
  const { stdout } = await drift('json');
  const report: any = JSON.parse(stdout);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/drift.schema.json', import.meta.url), 'utf8')));
  assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors));
  const txt = report.domains[0].differences.find((d: any) => d.type === 'TXT' && d.name === DOMAIN);
  assert.deepEqual(txt.observed.values, [HOSTILE]);
});
