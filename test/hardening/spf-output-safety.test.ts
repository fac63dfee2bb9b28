// `maildns spf` prints records, names and the exp= explanation — all text from DNS. None of it may
// reach the terminal raw.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

async function zones(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-spf-safety-'));
  await writeFile(join(dir, 'evil.test.zone'), [
    '$ORIGIN evil.test.', '$TTL 300', '@ SOA ns h 1 2 3 4 5',
    '@ TXT "v=spf1 include:x\\027[31m.evil.test -all"',
    'exp TXT "v=spf1 ip4:192.0.2.0/24 exp=why.evil.test -all"',
    // RFC 7208 §6.2: an explanation that is not printable US-ASCII is dropped for the default.
    'why TXT "\\027]0;pwned\\007\\027[2J go away <b>"',
    '',
  ].join('\n'));
  return dir;
}

test('spf analysis: a record with an escape sequence is shown escaped', { timeout: 30_000 }, async () => {
  const { stdout } = await runCli(['spf', 'evil.test', '--zone-file', await zones()]);
  assert.match(stdout, /include:x\\x1b\[31m\.evil\.test/);
  assert.doesNotMatch(stdout, RAW_CONTROL);
});

test('spf --ip: the record and the trace are shown escaped; a hostile exp= explanation is not used', { timeout: 30_000 }, async () => {
  const dir = await zones();
  const permerror = await runCli(['spf', 'evil.test', '--ip', '192.0.2.1', '--zone-file', dir]);
  assert.doesNotMatch(permerror.stdout, RAW_CONTROL);
  assert.match(permerror.stdout, /\\x1b\[31m/);
  const fail = await runCli(['spf', 'exp.evil.test', '--ip', '198.51.100.7', '--zone-file', dir]);
  assert.match(fail.stdout, /^Received-SPF: fail/);
  assert.match(fail.stdout, /^explanation: SPF fail: 198\.51\.100\.7 is not authorised/m, 'the hostile explanation is replaced by the default');
  assert.doesNotMatch(fail.stdout, /pwned/);
  assert.doesNotMatch(fail.stdout, RAW_CONTROL);
});
