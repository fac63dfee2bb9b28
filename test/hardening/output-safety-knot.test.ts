// Output safety end to end: a deliberately hostile zone served by a real Knot DNS server, checked
// through the CLI in every format. Terminal escapes, control and bidi characters, table pipes,
// Markdown, HTML and XML-breaking text, and a 10 KB record must come out escaped and shortened in
// text, markdown and junit; JSON keeps the values exactly and stays valid against the schema.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { runCli } from '../helpers/cli.js';
import { assertInertMarkdown, codeTexts } from '../helpers/markdown.js';
import { assertValidDomainLine, assertValidReport } from '../helpers/schema.js';
import { MAX_PRINTED_VALUE } from '../../src/report/escape.js';

// Master-file escapes are decimal (RFC 1035 §5.1): \027 is ESC, \007 BEL, \011 VT, \194\155 the C1
// CSI (U+009B, also a terminal escape), \226\128\174 the bidi override U+202E.
const ANSI = '\\027[31mRED\\027[0m\\027]0;pwned\\007';
const TRICKS = `${ANSI} \\011vt \\194\\155 2J \\226\\128\\174 desrever`;
const MARKUP = '| cell | *bold* _em_ `code` [link](http://evil.test) <script>alert(1)</script> <b>x</b> ]]> &amp; &#60; \\"q\\" \'apos\'';
const TEN_KB = Array.from({ length: 40 }, (_, i) => `"${String.fromCharCode(97 + (i % 26)).repeat(255)}"`).join(' ');

const ZONES = {
  test: '$ORIGIN test.\n$TTL 300\n@ SOA ns.hostile.test. h.hostile.test. 1 7200 900 1209600 300\n@ NS ns.hostile.test.\n',
  'hostile.test': [
    '$ORIGIN hostile.test.', '$TTL 300',
    '@ SOA ns h 1 7200 900 1209600 300', '@ NS ns', 'ns A 127.0.0.1',
    `@ TXT "v=spf1 ${TRICKS} include:x.test -all"`,
    `@ TXT "${MARKUP}"`,
    '@ MX 10 evil\\027\\091x.hostile.test.',
    `_dmarc TXT "v=DMARC1; p=none; rua=mailto:<b>x</b>@evil.test; ${ANSI}"`,
    `s1._domainkey TXT "v=DKIM1; k=rsa; ${TRICKS} ${MARKUP} p=!!"`,
    `big._domainkey TXT "v=DKIM1; p=" ${TEN_KB}`,
  ].join('\n') + '\n',
};

const options = knotTestOptions();
let knot: KnotServer | undefined;
before(async () => {
  if (!options.skip) knot = await startKnot({ zones: ZONES });
});
after(async () => knot?.stop());

function check(format: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['check', 'hostile.test', '--nameserver', knot!.nameserver, '--dkim-selector', 's1', '--dkim-selector', 'big', '--format', format, '--verbose', '--fail-on', 'info'].filter((a) => format === 'text' || a !== '--verbose'));
}

// C0 controls but tab and newline, DEL, C1 controls, and the bidi/format characters.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
/** A line may quote a shortened value or two (junit's failure body keeps up to 4,096), never the 10 KB. */
function assertShortLines(stdout: string, longestAllowed = 4 * MAX_PRINTED_VALUE): void {
  const longest = Math.max(...stdout.split('\n').map((l) => l.length));
  assert.ok(longest <= longestAllowed, `a line of ${longest} characters`);
  assert.doesNotMatch(stdout, /z{255}a{255}/, 'the 10 KB value is never printed whole (its 27th string never appears)');
}

test('Knot serves the hostile zone: the JSON report keeps every value exactly and is valid', options, async () => {
  const { code, stdout, stderr } = await check('json');
  assert.notEqual(code, 3, `everything was answered: ${stderr}`);
  const report = assertValidReport(stdout);
  const records = report.domains[0].records;
  const apex = records.find((r: any) => r.name === 'hostile.test' && r.type === 'TXT');
  assert.ok(apex.values.some((v: string) => v.includes('\u001b[31mRED\u001b[0m\u001b]0;pwned\u0007') && v.includes('\u009b') && v.includes('\u202e')));
  assert.ok(apex.values.some((v: string) => v.includes('<script>alert(1)</script>') && v.includes(']]>')));
  const big = records.find((r: any) => r.name === 'big._domainkey.hostile.test' && r.type === 'TXT');
  assert.equal(big.values[0].length, 'v=DKIM1; p='.length + 40 * 255, 'the 10 KB record arrives whole (over TCP)');
  assert.ok(records.some((r: any) => r.type === 'MX' && r.values[0] === '10 evil\u001b[x.hostile.test'), 'a name with an escape in a label');
  for (const line of (await check('jsonl')).stdout.trim().split('\n')) assertValidDomainLine(line);
});

test('text: escapes made visible, nothing raw reaches the terminal, the 10 KB value shortened', options, async () => {
  const { stdout } = await check('text');
  assert.doesNotMatch(stdout, RAW_CONTROL);
  assert.match(stdout, /\\x1b\[31mRED\\x1b\[0m\\x1b\]0;pwned\\x07/);
  assert.match(stdout, /\\x9b 2J \\u\{202e\} desrever/);
  assert.match(stdout, /evil\\x1b\[x\.hostile\.test/, 'names are escaped too');
  assert.match(stdout, /\(10211 characters, cut\)/);
  assertShortLines(stdout);
});

test('markdown: DNS values in code spans; no link, HTML, emphasis, ping or extra table cell from DNS; shortened', options, async () => {
  const { stdout } = await check('markdown');
  assert.doesNotMatch(stdout, RAW_CONTROL);
  for (const line of stdout.split('\n').filter((l) => l.startsWith('|'))) {
    assert.equal(line.replace(/\\\|/g, '').split('|').length, 8, line);
  }
  // As GitHub renders it: the markup in a record reads as served, inside code.
  const codes = codeTexts(assertInertMarkdown(stdout));
  assert.ok(codes.some((code) => code.includes(MARKUP.replace(/\\"/g, '"'))), codes.join('\n'));
  assert.ok(codes.some((code) => code.includes('\\x1b[31mRED\\x1b[0m\\x1b]0;pwned\\x07')), 'escapes made visible');
  assert.ok(codes.includes('10 evil\\x1b[x.hostile.test'), 'names too');
  assert.match(stdout, /characters, cut\)/);
  assertShortLines(stdout);
});

test('junit: well-formed XML with every hostile value escaped and shortened', options, async () => {
  const { stdout } = await check('junit');
  assert.doesNotMatch(stdout, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/, 'no characters XML 1.0 forbids');
  assert.doesNotMatch(stdout, RAW_CONTROL, 'no terminal escapes or bidi overrides for a CI page to render');
  assert.match(stdout, /\\x9b 2J \\u\{202e\} desrever/);
  assert.doesNotMatch(stdout, /<script|<b>|]]>/);
  for (const match of stdout.matchAll(/="([^"]*)"/g)) assert.doesNotMatch(match[1]!, /[<>]|&(?!(amp|lt|gt|quot|apos);)/);
  // Tags balance: every element opened is closed, in order.
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of stdout.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z]+)(?:\s[^<>]*?)?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes what is open`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, []);
  assert.match(stdout, /\\x1b\[31mRED/);
  assertShortLines(stdout, 4096 + 4 * MAX_PRINTED_VALUE);
});
