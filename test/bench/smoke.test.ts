// Keeps `npm run bench` working: the whole script end to end at N = 50, one round. It asserts what
// the script produced (the results table, every question asked once), never how fast anything was:
// timing belongs to bench/RESULTS.md, not to tests.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { knotTestOptions } from '../helpers/knot.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

test('the benchmark runs end to end at N = 50 and writes its table with zero duplicate questions, over UDP and over TCP', { ...knotTestOptions(), timeout: 180_000 }, async () => {
  const out = join(await mkdtemp(join(tmpdir(), 'maildns-bench-smoke-')), 'RESULTS.md');
  // From the sources: rebuilding dist/ here would race the package test, which builds it too.
  await exec('node', ['--import', 'tsx', 'bench/run.ts', '--n', '50', '--runs', '1', '--dnsperf-seconds', '1', '--cli', 'source', '--no-profile', '--out', out], { cwd: root, maxBuffer: 16 << 20 });
  const results = await readFile(out, 'utf8');
  const cell = (label: string): string => {
    const line = results.split('\n').find((l) => l.startsWith(`| ${label}`));
    assert.ok(line, `row "${label}" in the table`);
    return line.split('|')[2]!.replace(/\*/g, '').trim();
  };
  assert.match(results, /\| \| N = 50 \|/);
  assert.equal(cell('**duplicate questions**'), '0');
  // Every question maildns counted reached Knot, and the run checked all 50 domains.
  assert.equal(cell('maildns: queries sent'), cell('maildns: queries Knot answered'));
  assert.match(results, /- N = 50: .*statuses .*\d+ distinct questions/);
  for (const label of ['dnsperf ceiling', 'maildns: effective queries/s', 'maildns: peak RSS', 'mailauth SPF only: wall time', '**effective qps / dnsperf**']) {
    assert.match(cell(label), /^[\d,.]+( %)?$/, `"${label}" holds a number`);
  }
  // The replays throw unless every question was answered, so a figure here is a whole replay.
  for (const label of ['bare Node client', 'maildns resolver alone', 'maildns resolver alone over TCP']) {
    assert.match(cell(label), /^[\d,]+ \([\d.]+ %\)$/, `"${label}" holds queries/s and its share of dnsperf`);
  }

  // --transport tcp: asked once each, the same questions as over UDP, and Knot answered exactly those, all over TCP.
  assert.equal(cell('**duplicate questions over TCP**'), '0');
  const tcpSent = cell('maildns check over TCP: queries sent');
  assert.equal(tcpSent, cell('maildns: queries sent'));
  assert.equal(cell('maildns check over TCP: queries Knot answered'), `${tcpSent} / ${tcpSent}`);
  assert.match(results, /^- zero duplicate questions: 0 \(audit run over TCP\); Knot answered exactly the questions sent, all over TCP, in every round — met$/m);
  assert.match(results, /- N = 50: .*statuses [^;]+ \(the same over TCP\);/);
  for (const label of [
    'dnsperf ceiling over TCP', 'maildns check over TCP: wall time', 'maildns check over TCP: CPU time', 'maildns check over TCP: effective queries/s',
    '**effective qps over TCP / dnsperf**', 'effective qps over TCP / dnsperf over TCP', 'maildns check over TCP: peak RSS', '**maildns full check over TCP / mailauth',
  ]) {
    assert.match(cell(label), /^[\d,.]+( %)?$/, `"${label}" holds a number`);
  }
});
