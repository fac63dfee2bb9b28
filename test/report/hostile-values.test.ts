// Values from DNS are hostile until escaped: a report of hostile records, rendered in every format.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { runCli } from '../helpers/cli.js';
import { assertValidReport } from '../helpers/schema.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeMarkdown, escapeText, escapeXml, MAX_PRINTED_VALUE } from '../../src/report/escape.js';

// \027 is ESC (decimal, RFC 1035 master-file escapes): an ANSI sequence that would turn a terminal red.
const HOSTILE = [
  '"v=spf1 \\027[31mRED\\027[0m \\007bell\\013vt include:x.test -all"',
  '"v=spf1 | pipes | and *stars* and [link](http://evil.test) <script>alert(1)</script> ]]> &amp; -all"',
  `"${'A'.repeat(250)}" "${'B'.repeat(250)}" "${'C'.repeat(250)}"`,
].map((v) => `@ TXT ${v}`).join('\n');

async function hostileZone(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-hostile-'));
  const file = join(dir, 'hostile.zone');
  await writeFile(file, `$ORIGIN hostile.test.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n${HOSTILE}\n_dmarc TXT "v=DMARC1; p=none; rua=mailto:<b>x</b>@evil.test"\n` +
    `s1._domainkey TXT "v=DKIM1; k=rsa; \\027[31mRED | [link](http://evil.test) <script>x</script> ]]> \\001 p=!!"\n`);
  return file;
}

test('text: no raw control characters or ANSI escapes from DNS reach the terminal', async () => {
  const zone = await hostileZone();
  const { stdout } = await runCli(['check', 'hostile.test', '--zone-file', zone, '--verbose']);
  assert.doesNotMatch(stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no control characters (colour is off: not a TTY)');
  assert.match(stdout, /\\x1b\[31mRED/, 'the escape is shown, made visible');
  assert.match(stdout, /characters, cut\)/, 'a 750-character value is shortened');
});

test('markdown: DNS values cannot add links, HTML, emphasis or table cells', async () => {
  const zone = await hostileZone();
  const { stdout } = await runCli(['check', 'hostile.test', '--zone-file', zone, '--format', 'markdown', '--dkim-selector', 's1']);
  assert.match(stdout, /\\x1b\\\[31mRED \\\| \\\[link\\\]\(http:\/\/evil\.test\) &lt;script&gt;/, 'the hostile record is quoted, escaped');
  assert.doesNotMatch(stdout, /<script>/);
  assert.doesNotMatch(stdout, /<b>/);
  assert.doesNotMatch(stdout, /[^\\]\[link\]/);
  assert.doesNotMatch(stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
  for (const line of stdout.split('\n').filter((l) => l.startsWith('|'))) {
    // A table row from DNS data must keep its cell count: every "|" inside a cell is escaped.
    assert.equal(line.replace(/\\\|/g, '').split('|').length, 8, line);
  }
});

test('junit: well-formed XML whatever the records hold', async () => {
  const zone = await hostileZone();
  const { stdout } = await runCli(['check', 'hostile.test', '--zone-file', zone, '--format', 'junit', '--fail-on', 'info', '--dkim-selector', 's1']);
  assert.doesNotMatch(stdout, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no characters XML 1.0 forbids');
  assert.match(stdout, /\\x1b\[31mRED \| \[link\]\(http:\/\/evil\.test\) &lt;script&gt;/, 'the hostile record is quoted, escaped');
  assert.doesNotMatch(stdout, /<script>|]]>/);
  // Every attribute value is quoted with no raw "<" or "&" inside.
  for (const match of stdout.matchAll(/="([^"]*)"/g)) assert.doesNotMatch(match[1]!, /[<]|&(?!(amp|lt|gt|quot|apos);)/);
});

test('json: hostile values are kept exactly, and the report stays valid', async () => {
  const zone = await hostileZone();
  const { stdout } = await runCli(['check', 'hostile.test', '--zone-file', zone, '--format', 'json']);
  const report = assertValidReport(stdout);
  const txt = report.domains[0].records.find((r: any) => r.type === 'TXT' && r.name === 'hostile.test');
  assert.ok(txt.values.some((v: string) => v.includes('\u001b[31mRED')), 'JSON keeps the data; escaping is for display');
  assert.ok(new Ajv().validateSchema({}), 'ajv works');
});

test('escape functions', () => {
  assert.equal(escapeText('a\u001b[2Jb\u202ec'), 'a\\x1b[2Jb\\u{202e}c');
  assert.equal(escapeMarkdown('a|b*c_d`e<f>&'), 'a\\|b\\*c\\_d\\`e&lt;f&gt;&amp;');
  assert.equal(escapeXml('<a b="c">&\u0001'), '&lt;a b=&quot;c&quot;&gt;&amp;\\x01');
  const long = 'x'.repeat(MAX_PRINTED_VALUE + 10);
  assert.equal(escapeText(long), `${'x'.repeat(MAX_PRINTED_VALUE)}… (${MAX_PRINTED_VALUE + 10} characters, cut)`);
});
