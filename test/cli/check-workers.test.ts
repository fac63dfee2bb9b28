// `maildns check --workers N` end to end: byte-identical output to the in-process mode on the shipped
// example (text, json, markdown) and on a synthetic world served by Knot (jsonl), each domain once,
// every question still asked once on the wire.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knotQueryCount, knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { runCli } from '../helpers/cli.js';
import { assertValidStats } from '../helpers/schema.js';
import { generateWorld, type SyntheticWorld } from '../../bench/synthetic.js';


test('the example from its zone files: text, json and markdown the same with 0, 1 and 2 workers', async () => {
  for (const format of ['text', 'json', 'markdown']) {
    const args = ['check', '--config', 'examples/maildns.config.json', '--zone-file', 'examples/', '--format', format];
    const inProcess = await runCli([...args, '--workers', '0']);
    assert.equal(inProcess.code, 1, inProcess.stderr);
    for (const workers of ['1', '2']) {
      const inWorkers = await runCli([...args, '--workers', workers]);
      assert.deepEqual(inWorkers, inProcess, `${format}, ${workers} workers`);
    }
  }
});

test('workers in the config file is accepted and gives the same report', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-workers-'));
  const config = join(dir, 'maildns.config.json');
  const example = JSON.parse(await readFile('examples/maildns.config.json', 'utf8'));
  await writeFile(config, JSON.stringify({ ...example, workers: 1 }));
  const args = ['check', '--zone-file', 'examples/', '--format', 'json'];
  const inWorkers = await runCli([...args, '--config', config]);
  assert.deepEqual(inWorkers, await runCli([...args, '--config', 'examples/maildns.config.json', '--workers', '0']));
});

const options = knotTestOptions();
const N = 300;
let knot: KnotServer | undefined;
let world: SyntheticWorld;
let config: string;

before(async () => {
  if (options.skip) return;
  world = generateWorld({ n: N, keys: 1 });
  knot = await startKnot({ zones: world.zones, modStats: true });
  const dir = await mkdtemp(join(tmpdir(), 'maildns-workers-knot-'));
  config = join(dir, 'maildns.config.json');
  await writeFile(config, JSON.stringify({ nameservers: [knot.nameserver], domains: world.domains }));
});
after(async () => knot?.stop());

const knotQueries = (): Promise<number> => knotQueryCount(knot!.configFile);

/** One run over the world; the JSON lines sorted, the counters, and what Knot counted. */
async function runWorld(workers: string): Promise<{ code: number; lines: string[]; stats: any; answered: number }> {
  const statsFile = join(tmpdir(), `maildns-workers-stats-${workers}-${process.pid}.json`);
  const before = await knotQueries();
  const run = await runCli(['check', '--config', config, '--format', 'jsonl', '--stats-file', statsFile, '--workers', workers]);
  assert.equal(run.stderr, '');
  return { code: run.code, lines: run.stdout.trim().split('\n').sort(), stats: assertValidStats(await readFile(statsFile, 'utf8')), answered: await knotQueries() - before };
}

test(`${N} synthetic domains through Knot: the same JSON lines with 2 workers as in one thread, each question asked once`, options, async () => {
  const inProcess = await runWorld('0');
  const inWorkers = await runWorld('2');
  assert.equal(inWorkers.code, inProcess.code);
  assert.equal(inWorkers.lines.length, N);
  assert.deepEqual(inWorkers.lines.map((l) => JSON.parse(l).domain), world.domains.map((d) => d.domain).sort(), 'each domain once');
  assert.deepEqual(inWorkers.lines, inProcess.lines);
  // The world's TTLs outlast the runs, so both ask Knot exactly the distinct questions, once each.
  assert.equal(inWorkers.stats.dns.queries, inProcess.stats.dns.queries);
  assert.equal(inWorkers.answered, inWorkers.stats.dns.queries);
  assert.equal(inWorkers.stats.dns.retries, 0);
  assert.deepEqual(inWorkers.stats.byStatus, inProcess.stats.byStatus);
});
