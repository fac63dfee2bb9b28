// Error messages on stderr quote what the user (or DNS) gave: they are escaped as the text report
// escapes DNS values, and shortened, so a hostile input file cannot repaint the terminal, put NULs
// on it, forge a line of its own, or be echoed a megabyte at a time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { escapeMessage, MAX_MESSAGE_LINE, MAX_PRINTED_VALUE } from '../../src/report/escape.js';

// Any control character but the line feeds that end lines; C1 controls; bidi and invisible ones.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

async function file(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-stderr-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

interface Case {
  name: string;
  args: () => Promise<string[]>;
  code: number;
  /** What stderr must hold, escaped. */
  shown: string | RegExp;
  /** Lines stderr has: a value's line break must not start a line of its own. */
  lines: number;
}

const CASES: Case[] = [
  {
    name: 'an ANSI escape on a --domains-file line',
    args: async () => ['check', '--domains-file', await file('esc.txt', 'exa\u001b[31mmple.com\n')],
    code: 2,
    shown: '"exa\\x1b[31mmple.com" is not a domain name',
    lines: 1,
  },
  {
    // (With a byte order mark it is read as UTF-16: test/cli/check.test.ts.)
    name: 'a UTF-16 --domains-file without a byte order mark (NULs between the letters)',
    args: async () => ['check', '--domains-file', await file('utf16.txt', Buffer.from('example.com\n', 'utf16le'))],
    code: 2,
    shown: 'holds NUL bytes: UTF-16 without a byte order mark, or not text',
    lines: 1,
  },
  {
    name: 'a 1 MB --domains-file line: cut, with its length and the rest of the sentence',
    args: async () => ['check', '--domains-file', await file('big.txt', `${'a'.repeat(1_000_000)}\n`)],
    code: 2,
    shown: `"${'a'.repeat(MAX_PRINTED_VALUE)}… (1000000 characters, cut)" is not a domain name`,
    lines: 1,
  },
  {
    name: 'explain with an ANSI escape and a line break in the rule id',
    args: async () => ['explain', '\u001b[31mred\nmaildns: all good'],
    code: 2,
    shown: 'unknown rule "\\x1b[31mred\\nmaildns: all good" (maildns rules lists them)',
    lines: 1,
  },
  {
    name: 'a --dkim-selector with a line break stays on its line',
    args: async () => ['check', 'example.com', '--dkim-selector', 'a\nmaildns: all good'],
    code: 2,
    shown: '--dkim-selector: "a\\nmaildns: all good" is not a DKIM selector',
    lines: 1,
  },
  {
    name: 'a domain argument with invisible characters',
    args: async () => ['check', 'exam\u200bple\u00ad.com\u{e0041}'],
    code: 2,
    shown: '"exam\\u{200b}ple\\xad.com\\u{e0041}" is not a domain name',
    lines: 1,
  },
  {
    name: 'yargs quoting an unknown flag (its own line breaks kept)',
    args: async () => ['check', 'example.com', '--bogus\u001b[2J'],
    code: 2,
    shown: /Unknown argument: bogus\\x1b\[2J\nRun "maildns --help" for usage\./,
    lines: 2,
  },
  {
    name: 'a config property name with an escape and a line break',
    args: async () => ['check', 'example.com', '--config', await file('c.json', '{"colour\\u001b[2J\\nmaildns: all good": 1}')],
    code: 2,
    shown: /invalid configuration\n {2}\/colour\\x1b\[2J\\nmaildns: all good: unknown property "colour\\x1b\[2J\\nmaildns: all good"/,
    lines: 2,
  },
  {
    name: 'a config file that is not JSON, quoted by the parse error across a line break',
    args: async () => ['check', 'example.com', '--config', await file('c.json', '{\n"a": \u001b[31mx}')],
    code: 2,
    shown: /not valid JSON: .*"\{\\n"a": \\x1b\[31mx\}"/,
    lines: 2,
  },
];

for (const c of CASES) {
  test(`stderr: ${c.name}`, async () => {
    const { code, stderr } = await runCli(await c.args());
    assert.equal(code, c.code, stderr);
    assert.doesNotMatch(stderr, RAW, JSON.stringify(stderr.slice(0, 300)));
    if (typeof c.shown === 'string') assert.ok(stderr.includes(c.shown), JSON.stringify(stderr.slice(0, 2000)));
    else assert.match(stderr, c.shown);
    assert.equal(stderr.split('\n').length - 1, c.lines, stderr.slice(0, 2000));
    assert.ok(stderr.length < 2 * MAX_MESSAGE_LINE, `stderr is ${stderr.length} characters`);
  });
}

test('escapeMessage: each line escaped and cut on its own, the line breaks kept', () => {
  assert.equal(escapeMessage('a\u001b[2J\u2060b\n  c\td\r'), 'a\\x1b[2J\\u{2060}b\n  c\\td\\r');
  const long = escapeMessage(`${'x'.repeat(MAX_MESSAGE_LINE + 1)}\nnext`);
  assert.equal(long, `${'x'.repeat(MAX_MESSAGE_LINE)}… (${MAX_MESSAGE_LINE + 1} characters, cut)\nnext`);
  assert.equal(escapeMessage('already \\x1b shown'), 'already \\x1b shown', 'escaping twice changes nothing');
});
