// Batch mode end to end against Knot: a synthetic world of domains sharing provider includes,
// streamed as JSON lines, with the run's counters written to --stats-file and checked against what
// the server itself counted — every question asked once.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knotQueryCount, knotTestOptions, startKnot, type KnotServer } from '../helpers/knot.js';
import { runCli } from '../helpers/cli.js';
import { assertValidDomainLine, assertValidStats } from '../helpers/schema.js';
import { generateWorld, type SyntheticWorld } from '../../bench/synthetic.js';

const options = knotTestOptions();
const N = 40;
let knot: KnotServer | undefined;
let world: SyntheticWorld;
let dir: string;
let config: string;

before(async () => {
  if (options.skip) return;
  world = generateWorld({ n: N, keys: 1 });
  knot = await startKnot({ zones: world.zones, modStats: true });
  dir = await mkdtemp(join(tmpdir(), 'maildns-batch-'));
  config = join(dir, 'maildns.config.json');
  await writeFile(config, JSON.stringify({ nameservers: [knot.nameserver], domains: world.domains }));
});
after(async () => knot?.stop());

const knotQueries = (): Promise<number> => knotQueryCount(knot!.configFile);

test('jsonl streams one valid line per domain; --stats-file counts match what Knot answered', options, async () => {
  const before = await knotQueries();
  const statsFile = join(dir, 'stats.json');
  const run = await runCli(['check', '--config', config, '--format', 'jsonl', '--stats-file', statsFile]);
  assert.equal(run.stderr, '', 'no progress line when stderr is not a TTY');
  const lines = run.stdout.trim().split('\n');
  assert.deepEqual(lines.map((l) => assertValidDomainLine(l).domain).sort(), world.domains.map((d) => d.domain).sort());

  const stats = assertValidStats(await readFile(statsFile, 'utf8'));
  assert.equal(stats.domains, N);
  assert.equal(Object.values(stats.byStatus as Record<string, number>).reduce((a, b) => a + b, 0), N);
  // Every question the resolver sent reached Knot once; nothing was retried or sent twice.
  assert.equal(await knotQueries() - before, stats.dns.queries);
  assert.equal(stats.dns.retries, 0);
  // The provider includes every domain shares were asked once and then served from the cache.
  assert.ok(stats.dns.cacheHits + stats.dns.sharedInFlight > N, `cache hits ${stats.dns.cacheHits}, shared ${stats.dns.sharedInFlight}`);
});

test('on a TTY, a progress line on stderr ends with every domain done', options, async () => {
  const run = await runCli(['check', '--config', config, '--format', 'jsonl'], { tty: true });
  const last = run.stderr.split('\r').at(-1)!;
  assert.match(last, new RegExp(`^${N}/${N} domains · \\d+ queries · [\\d,]+ domains/s\\u001b\\[K\\n$`));
  assert.equal(run.stdout.trim().split('\n').length, N, 'the progress line never goes to stdout');
});

test('--transport tcp: the same reports, every question over TCP and asked once', options, async () => {
  const overUdp = await runCli(['check', '--config', config, '--format', 'jsonl']);
  const before = await knotQueries();
  const statsFile = join(dir, 'stats-tcp.json');
  const overTcp = await runCli(['check', '--config', config, '--format', 'jsonl', '--transport', 'tcp', '--stats-file', statsFile]);
  assert.equal(overTcp.code, overUdp.code);
  const stats = assertValidStats(await readFile(statsFile, 'utf8'));
  assert.deepEqual([stats.dns.udp, stats.dns.tcp, stats.dns.retries], [0, stats.dns.queries, 0]);
  assert.equal(await knotQueries() - before, stats.dns.queries);
  // Each record in the report says it came over TCP; apart from that the reports are the same.
  assert.match(overTcp.stdout, /"tcp":true/);
  const sameAsUdp = (stdout: string): string[] => stdout.replaceAll(',"tcp":true', '').trim().split('\n').sort();
  assert.deepEqual(sameAsUdp(overTcp.stdout), sameAsUdp(overUdp.stdout));
});

test('--transport takes udp or tcp', async () => {
  const run = await runCli(['check', 'example.com', '--nameserver', '127.0.0.1', '--transport', 'quic']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /transport/);
  assert.match(run.stderr, /quic/);
});

test('--max-in-flight must be a whole number of at least 1', async () => {
  const run = await runCli(['check', 'example.com', '--nameserver', '127.0.0.1', '--max-in-flight', '0']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--max-in-flight/);
});

test('one domain on a TTY gets no progress line', async () => {
  const zoneDir = await mkdtemp(join(tmpdir(), 'maildns-one-'));
  const zone = join(zoneDir, 'example.com.zone');
  await writeFile(zone, '$ORIGIN example.com.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\n@ TXT "v=spf1 -all"\n');
  const run = await runCli(['check', 'example.com', '--zone-file', zone], { tty: true });
  assert.doesNotMatch(run.stderr, /domains ·/);
});
