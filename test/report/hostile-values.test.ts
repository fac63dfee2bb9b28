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
import { codeSpan, markdownMessage, markdownProse } from '../../src/report/markdown-inline.js';
import { assertInertMarkdown, codeTexts, gfmToHtml } from '../helpers/markdown.js';

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

test('markdown: DNS values are code spans; none adds a link, HTML, emphasis, a ping or a table cell', async () => {
  const zone = await hostileZone();
  const { stdout } = await runCli(['check', 'hostile.test', '--zone-file', zone, '--format', 'markdown', '--dkim-selector', 's1']);
  assert.doesNotMatch(stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
  for (const line of stdout.split('\n').filter((l) => l.startsWith('|'))) {
    // A table row from DNS data must keep its cell count: every "|" inside a cell is escaped.
    assert.equal(line.replace(/\\\|/g, '').split('|').length, 8, line);
  }
  // As GitHub renders it, the hostile records read as served (controls made visible), each in code.
  const codes = codeTexts(assertInertMarkdown(stdout));
  assert.ok(codes.includes('v=DKIM1; k=rsa; \\x1b[31mRED | [link](http://evil.test) <script>x</script> ]]> \\x01 p=!!'), codes.join('\n'));
  assert.ok(codes.includes('v=DMARC1; p=none; rua=mailto:<b>x</b>@evil.test'), codes.join('\n'));
  assert.ok(codes.includes('mailto:<b>x</b>@evil.test'), 'a value quoted in a message is a code span of its own');
});

test('markdown: a value quoted in a message is a code span in place of its quotes; numbers stay prose', () => {
  assert.equal(markdownMessage('DMARC at "{{name}}" has {{tag}}=none for "{{domain}}".', { name: '_dmarc.x.test', tag: 'p', domain: '@team' }),
    'DMARC at `_dmarc.x.test` has `p=none` for `@team`.');
  assert.equal(markdownMessage('a {{bits}}-bit key ({{chain}})', { bits: 1024, chain: ['a.test', 'b.test'] }), 'a 1024-bit key (`a.test, b.test`)');
  assert.equal(markdownMessage('no {{missing}} *here*', {}), 'no {{missing}} \\*here\\*');
});

test('markdown: code spans hold backticks, pipes, edge spaces and nothing at all', () => {
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`x``'), '``` `x`` ```');
  assert.equal(codeSpan(' both '), '`  both  `');
  assert.equal(codeSpan('a|b', { inTable: true }), '`a\\|b`');
  assert.equal(codeSpan(''), '*(empty)*');
  // Each as GitHub renders it: exactly the value.
  for (const value of ['a`b', '`x``', ' both ', ' lead', 'trail ', '``']) {
    assert.deepEqual(codeTexts(gfmToHtml(`x ${codeSpan(value)} y`)), [value], value);
  }
  assert.deepEqual(codeTexts(gfmToHtml(`| h |\n|---|\n| ${codeSpan('a|b', { inTable: true })} |`)), ['a|b']);
});

test('markdown: prose without a template keeps its quoted values in code, or goes in code whole', () => {
  assert.equal(markdownProse('Name server "ns.x.test" has no usable address (timeout); it was not asked.'),
    'Name server `ns.x.test` has no usable address (timeout); it was not asked.');
  // A value that holds a quote splits wrongly; what is left outside would be live, so all of it is code.
  const odd = 'Rule failed: "a"@team http://evil.test "b"';
  assert.equal(markdownProse(odd), `\`${odd}\``);
  assertInertMarkdown(markdownProse(odd));
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

// Characters a reader cannot see, or cannot tell from a space: each must be shown as an escape in
// every display format, in the style of the control characters (\xNN up to U+00FF, \u{…} above).
const INVISIBLE: Array<[name: string, char: string, shown: string]> = [
  ['soft hyphen U+00AD', '\u00ad', '\\xad'],
  ['no-break space U+00A0', '\u00a0', '\\xa0'],
  ['combining grapheme joiner U+034F', '\u034f', '\\u{34f}'],
  ['Arabic letter mark U+061C', '\u061c', '\\u{61c}'],
  ['Hangul choseong filler U+115F', '\u115f', '\\u{115f}'],
  ['Hangul jungseong filler U+1160', '\u1160', '\\u{1160}'],
  ['Mongolian vowel separator U+180E', '\u180e', '\\u{180e}'],
  ['zero width space U+200B', '\u200b', '\\u{200b}'],
  ['left-to-right mark U+200E', '\u200e', '\\u{200e}'],
  ['em space U+2003', '\u2003', '\\u{2003}'],
  ['line separator U+2028', '\u2028', '\\u{2028}'],
  ['word joiner U+2060', '\u2060', '\\u{2060}'],
  ['invisible plus U+2064', '\u2064', '\\u{2064}'],
  ['braille blank U+2800', '\u2800', '\\u{2800}'],
  ['ideographic space U+3000', '\u3000', '\\u{3000}'],
  ['Hangul filler U+3164', '\u3164', '\\u{3164}'],
  ['variation selector-1 U+FE00', '\ufe00', '\\u{fe00}'],
  ['variation selector-16 U+FE0F', '\ufe0f', '\\u{fe0f}'],
  ['byte order mark U+FEFF', '\ufeff', '\\u{feff}'],
  ['halfwidth Hangul filler U+FFA0', '\uffa0', '\\u{ffa0}'],
  ['tag U+E0000 (unassigned)', '\u{e0000}', '\\u{e0000}'],
  ['language tag U+E0001', '\u{e0001}', '\\u{e0001}'],
  ['tag latin capital A U+E0041', '\u{e0041}', '\\u{e0041}'],
  ['cancel tag U+E007F', '\u{e007f}', '\\u{e007f}'],
  ['variation selector-17 U+E0100', '\u{e0100}', '\\u{e0100}'],
  ['variation selector-256 U+E01EF', '\u{e01ef}', '\\u{e01ef}'],
];

for (const [name, char, shown] of INVISIBLE) {
  test(`escape functions: ${name} is shown as ${shown}`, () => {
    const value = `p=re${char}ject`;
    assert.equal(escapeText(value), `p=re${shown}ject`);
    assert.equal(escapeMarkdown(value), `p=re${shown.replace(/\\/g, '\\\\')}ject`);
    assert.equal(escapeXml(value), `p=re${shown}ject`);
  });
}

test('escape functions: visible text and an ordinary space are left alone', () => {
  for (const value of ['v=DMARC1; p=reject', 'café ünïcödé', '日本語', 'emoji 😀']) {
    assert.equal(escapeText(value), value);
    assert.equal(escapeXml(value), value);
  }
  assert.equal(escapeXml('a\tb\nc\rd'), 'a\tb\nc\rd', 'XML keeps the controls it allows');
  assert.equal(escapeXml('a\ud800b\ufffe'), 'a\\u{d800}b\\u{fffe}', 'a lone surrogate and U+FFFE are not XML');
});

test('escape functions: a long value is cut between whole escapes and says its own length', () => {
  const tags = '\u{e0041}'.repeat(100); // 200 UTF-16 units, 900 characters once escaped
  const cut = escapeText(tags, 100);
  assert.equal(cut, `${'\\u{e0041}'.repeat(11)}… (200 characters, cut)`);
  assert.equal(escapeXml(tags, 100), cut);
  // Cutting a string of surrogate pairs never leaves half a pair.
  assert.equal(escapeText('😀'.repeat(10), 5), '😀😀… (20 characters, cut)');
});

test('text, markdown, junit: invisible characters in a record are shown escaped; JSON keeps them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-invisible-'));
  // Tag characters U+E0041 U+E0042, WORD JOINER U+2060, SOFT HYPHEN U+00AD, as UTF-8 bytes in
  // RFC 1035 decimal escapes: raw, the record reads "p=rejectxy" next to a finding that p= is invalid.
  await writeFile(join(dir, 'inv.zone'), '$ORIGIN inv.test.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n' +
    '_dmarc IN TXT "v=DMARC1; p=re\\243\\160\\129\\129\\243\\160\\129\\130ject\\226\\129\\160x\\194\\173y"\n');
  const shown = 'p=re\\u{e0041}\\u{e0042}ject\\u{2060}x\\xady';
  const invisible = /[\u00ad\u2060\u{e0000}-\u{e007f}]/u;
  const run = (format: string) => runCli(['check', 'inv.test', '--zone-file', dir, '--format', format, '--fail-on', 'info', '--verbose']);
  const text = (await run('text')).stdout;
  assert.ok(text.includes(`"v=DMARC1; ${shown}"`), text);
  assert.doesNotMatch(text, invisible);
  const markdown = (await run('markdown')).stdout;
  assert.ok(codeTexts(assertInertMarkdown(markdown)).includes(`v=DMARC1; ${shown}`), markdown);
  assert.doesNotMatch(markdown, invisible);
  const junit = (await run('junit')).stdout;
  assert.ok(junit.includes(shown), junit);
  assert.doesNotMatch(junit, invisible);
  const report = assertValidReport((await run('json')).stdout);
  const dmarc = report.domains[0].records.find((r: any) => r.name === '_dmarc.inv.test');
  assert.deepEqual(dmarc.values, ['v=DMARC1; p=re\u{e0041}\u{e0042}ject\u2060x\u00ady'], 'JSON is data: exact');
});
