// `npm run bench`: maildns against the limit of this machine (issue 6). For each N it generates a
// synthetic world of N domains (bench/synthetic.ts), serves it from Knot on a loopback port, then
//   1. an audit run of maildns with a wire-level question counter: duplicates, and the query mix;
//      and the same audit with `--transport tcp`;
//   2. `runs` rounds of: dnsperf (one thread) replaying that mix over UDP, then over TCP, the same
//      questions from a bare Node client and from maildns's resolver (over UDP, then TCP), maildns
//      check over all N, then the same check with `--transport tcp`, maildns's SPF evaluation alone
//      (library checkHost), and mailauth's SPF check over the same N through the same Knot;
//   3. optionally one profiled maildns run (--cpu-prof) summarised into the results;
// and writes the medians to bench/RESULTS.md (or --out).
//
// Flags: --n 1000,10000  --runs 3  --dnsperf-seconds 5  --concurrency 32  --out FILE  --json FILE
//        --cli dist|source (dist is rebuilt first unless --no-build)  --no-profile
//        --no-mailauth (skips both SPF-only runs)

import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { generateWorld } from './synthetic.js';
import { knotQueriesByProtocol, knotQueryCount, median, runDnsperf, runTimed } from './measure.js';
import { describeMachine, renderResults, type SizeResult } from './results.js';
import { formatSummary, summariseProfile } from './summarise-profile.js';
import { startKnot } from '../test/helpers/knot.js';
import type { ResolverStats } from '../src/dns/types.js';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '3' },
    'dnsperf-seconds': { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    out: { type: 'string', default: join(ROOT, 'bench', 'RESULTS.md') },
    json: { type: 'string' },
    cli: { type: 'string', default: 'dist' },
    'no-build': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    'no-mailauth': { type: 'boolean', default: false },
  },
});
const sizes = flags.n.split(',').map((s) => Number(s.trim()));
const runs = Number(flags.runs);
const concurrency = Number(flags.concurrency);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1) || !(concurrency >= 1)) throw new Error('--n, --runs and --concurrency take positive whole numbers');
if (flags.cli !== 'dist' && flags.cli !== 'source') throw new Error('--cli is dist or source');

const log = (text: string): void => void process.stderr.write(`[bench] ${text}\n`);

/** maildns's library entry, and the node flags that can load it. */
function libraryEntry(): { nodeFlags: string[]; module: string } {
  return flags.cli === 'dist' ? { nodeFlags: [], module: join(ROOT, 'dist', 'src', 'index.js') } : { nodeFlags: ['--import', 'tsx'], module: join(ROOT, 'src', 'index.ts') };
}

/** The node arguments that run bench/maildns-spf.mjs against maildns's library. */
function maildnsSpfEntry(): string[] {
  const { nodeFlags, module } = libraryEntry();
  return [...nodeFlags, join(ROOT, 'bench', 'maildns-spf.mjs'), module];
}

/** The node arguments that start the maildns CLI. */
function maildnsEntry(): string[] {
  return flags.cli === 'dist' ? [join(ROOT, 'bin', 'maildns.js')] : ['--import', 'tsx', join(ROOT, 'bench', 'maildns-from-source.ts')];
}

interface QuestionAudit {
  sent: number;
  udp: number;
  tcp: number;
  distinct: number;
  duplicates: number;
  repeated: Array<[string, number]>;
  questions: string[];
}

/** Lines and statuses of a JSON-lines report, read as a stream (it can be large). */
async function countLines(file: string): Promise<{ lines: number; byStatus: Record<string, number> }> {
  const byStatus: Record<string, number> = {};
  let lines = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (line === '') continue;
    lines += 1;
    const status = (JSON.parse(line) as { status: string }).status;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return { lines, byStatus };
}

/**
 * Queries/s of bench/replay-questions.mjs over the audit run's questions (64 in flight, like maildns's
 * default cap); `transport` is the resolver's (the raw client is UDP only).
 */
async function replayQuestions(mode: 'raw' | 'resolver', queryFile: string, nameserver: string, transport: 'udp' | 'tcp' = 'udp'): Promise<number> {
  const { nodeFlags, module } = libraryEntry();
  const script = [join(ROOT, 'bench', 'replay-questions.mjs'), mode, queryFile, nameserver, '64'];
  const args = mode === 'raw' ? script : [...nodeFlags, ...script, module, transport];
  const { stdout } = await exec('node', args, { cwd: ROOT, maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout) as { queries: number; answered: number; qps: number; udp?: number; tcp?: number };
  if (result.answered !== result.queries) throw new Error(`${mode} replay: ${result.answered} of ${result.queries} questions answered`);
  if (transport === 'tcp' && (result.tcp !== result.queries || result.udp !== 0)) {
    throw new Error(`${mode} replay over TCP: ${result.queries} questions, but ${result.tcp} TCP and ${result.udp} UDP exchanges`);
  }
  return result.qps;
}

/** A --stats-file of a `--transport tcp` run, checked: every question went out over TCP, once. */
function assertAllOverTcp(what: string, dns: ResolverStats): void {
  if (dns.tcp !== dns.queries || dns.udp !== 0) {
    throw new Error(`${what}: ${dns.queries} questions, but ${dns.tcp} TCP and ${dns.udp} UDP exchanges (want every question once over TCP)`);
  }
}

/** The resolver counters a run wrote to its --stats-file. */
async function readDnsStats(file: string): Promise<ResolverStats> {
  return (JSON.parse(await readFile(file, 'utf8')) as { dns: ResolverStats }).dns;
}

/**
 * An audit run: `maildns check` (args) with bench/count-questions.mjs counting every question it puts
 * on the wire into `auditFile`; its report lines, which must be one per domain, counted by status.
 */
async function auditRun(what: string, args: string[], auditFile: string, reportFile: string, n: number): Promise<{ questions: QuestionAudit; output: { lines: number; byStatus: Record<string, number> } }> {
  const audit = await runTimed('node', ['--import', join(ROOT, 'bench', 'count-questions.mjs'), ...maildnsEntry(), ...args], {
    cwd: ROOT, stdoutFile: reportFile, env: { ...process.env, MAILDNS_QUESTIONS_FILE: auditFile },
  });
  if (audit.exitCode > 1) throw new Error(`${what} exited ${audit.exitCode}:\n${audit.stderr.slice(-3000)}`);
  const questions = JSON.parse(await readFile(auditFile, 'utf8')) as QuestionAudit;
  const output = await countLines(reportFile);
  await rm(reportFile);
  if (output.lines !== n) throw new Error(`${what} wrote ${output.lines} report lines for ${n} domains`);
  return { questions, output };
}

async function benchSize(n: number, dir: string): Promise<SizeResult> {
  log(`N = ${n}: generating the world`);
  const world = generateWorld({ n });
  const knot = await startKnot({ zones: world.zones, modStats: true });
  try {
    const config = join(dir, `maildns-${n}.config.json`);
    const domainsFile = join(dir, `domains-${n}.txt`);
    await writeFile(config, JSON.stringify({ nameservers: [knot.nameserver], concurrency, domains: world.domains }));
    await writeFile(domainsFile, `${world.domains.map((d) => d.domain).join('\n')}\n`);
    const statsFile = join(dir, `stats-${n}.json`);
    const checkArgs = ['check', '--config', config, '--format', 'jsonl', '--stats-file', statsFile];
    const tcpStatsFile = join(dir, `stats-tcp-${n}.json`);
    const tcpCheckArgs = ['check', '--config', config, '--format', 'jsonl', '--transport', 'tcp', '--stats-file', tcpStatsFile];

    log(`N = ${n}: audit run (every question counted on the wire)`);
    const reportFile = join(dir, `report-${n}.jsonl`);
    const { questions, output } = await auditRun('maildns', checkArgs, join(dir, `questions-${n}.json`), reportFile, n);
    const queryFile = join(dir, `dnsperf-${n}.txt`);
    await writeFile(queryFile, `${questions.questions.join('\n')}\n`);

    log(`N = ${n}: audit run over TCP (--transport tcp)`);
    const { questions: tcpQuestions, output: tcpOutput } = await auditRun('maildns --transport tcp', tcpCheckArgs, join(dir, `questions-tcp-${n}.json`), reportFile, n);
    const tcpAuditStats = await readDnsStats(tcpStatsFile);
    assertAllOverTcp('audit run over TCP', tcpAuditStats);
    // The counter must have seen every query maildns wrote, or its duplicate count would mean nothing.
    if (tcpQuestions.udp !== 0 || tcpQuestions.tcp !== tcpAuditStats.tcp) {
      throw new Error(`audit run over TCP: the wire counter saw ${tcpQuestions.tcp} TCP and ${tcpQuestions.udp} UDP questions, maildns counted ${tcpAuditStats.tcp} TCP exchanges`);
    }

    const rounds: SizeResult['rounds'] = [];
    for (let round = 1; round <= runs; round += 1) {
      log(`N = ${n}: round ${round}/${runs}: dnsperf, then dnsperf over TCP`);
      const dnsperf = await runDnsperf(knot.port, queryFile, Number(flags['dnsperf-seconds']));
      const dnsperfTcp = await runDnsperf(knot.port, queryFile, Number(flags['dnsperf-seconds']), 'tcp');
      log(`N = ${n}: round ${round}/${runs}: the same questions from a bare Node client, then from maildns's resolver, over UDP and over TCP`);
      const replay = {
        raw: await replayQuestions('raw', queryFile, knot.nameserver),
        resolver: await replayQuestions('resolver', queryFile, knot.nameserver),
        resolverTcp: await replayQuestions('resolver', queryFile, knot.nameserver, 'tcp'),
      };
      log(`N = ${n}: round ${round}/${runs}: maildns check`);
      const knotBefore = await knotQueryCount(knot.configFile);
      const maildns = await runTimed('node', [...maildnsEntry(), ...checkArgs], { cwd: ROOT });
      if (maildns.exitCode > 1) throw new Error(`maildns exited ${maildns.exitCode}:\n${maildns.stderr.slice(-3000)}`);
      const knotSaw = (await knotQueryCount(knot.configFile)) - knotBefore;
      const stats = await readDnsStats(statsFile);
      log(`N = ${n}: round ${round}/${runs}: maildns check --transport tcp`);
      const tcpBefore = { all: await knotQueryCount(knot.configFile), ...(await knotQueriesByProtocol(knot.configFile)) };
      const maildnsTcp = await runTimed('node', [...maildnsEntry(), ...tcpCheckArgs], { cwd: ROOT });
      if (maildnsTcp.exitCode > 1) throw new Error(`maildns --transport tcp exited ${maildnsTcp.exitCode}:\n${maildnsTcp.stderr.slice(-3000)}`);
      const tcpAfter = { all: await knotQueryCount(knot.configFile), ...(await knotQueriesByProtocol(knot.configFile)) };
      const tcpStats = await readDnsStats(tcpStatsFile);
      assertAllOverTcp(`round ${round}, maildns check --transport tcp`, tcpStats);
      let mailauth: SizeResult['rounds'][number]['mailauth'];
      let maildnsSpf: SizeResult['rounds'][number]['maildnsSpf'];
      if (!flags['no-mailauth']) {
        log(`N = ${n}: round ${round}/${runs}: maildns SPF only`);
        const spfBefore = await knotQueryCount(knot.configFile);
        const spfRun = await runTimed('node', [...maildnsSpfEntry(), domainsFile, knot.nameserver, String(concurrency)], { cwd: ROOT });
        if (spfRun.exitCode !== 0) throw new Error(`maildns SPF run exited ${spfRun.exitCode}:\n${spfRun.stderr.slice(-3000)}`);
        maildnsSpf = { wallSeconds: spfRun.wallSeconds, peakRssMb: spfRun.peakRssMb, knotSaw: (await knotQueryCount(knot.configFile)) - spfBefore };

        log(`N = ${n}: round ${round}/${runs}: mailauth SPF`);
        const before = await knotQueryCount(knot.configFile);
        const run = await runTimed('node', [join(ROOT, 'bench', 'mailauth-spf.mjs'), domainsFile, knot.nameserver, String(concurrency)], { cwd: ROOT });
        if (run.exitCode !== 0) throw new Error(`mailauth run exited ${run.exitCode}:\n${run.stderr.slice(-3000)}`);
        mailauth = { wallSeconds: run.wallSeconds, peakRssMb: run.peakRssMb, cpuSeconds: run.cpuSeconds, knotSaw: (await knotQueryCount(knot.configFile)) - before };
      }
      rounds.push({
        dnsperfQps: dnsperf.qps, dnsperfLostPercent: dnsperf.lostPercent,
        dnsperfTcpQps: dnsperfTcp.qps, dnsperfTcpLostPercent: dnsperfTcp.lostPercent,
        rawNodeQps: replay.raw, resolverQps: replay.resolver, resolverTcpQps: replay.resolverTcp,
        maildns: { wallSeconds: maildns.wallSeconds, peakRssMb: maildns.peakRssMb, cpuSeconds: maildns.cpuSeconds, stats, knotSaw },
        maildnsTcp: {
          wallSeconds: maildnsTcp.wallSeconds, peakRssMb: maildnsTcp.peakRssMb, cpuSeconds: maildnsTcp.cpuSeconds, stats: tcpStats,
          knotSaw: tcpAfter.all - tcpBefore.all, knotSawTcp: tcpAfter.tcp - tcpBefore.tcp,
        },
        ...(mailauth ? { mailauth } : {}), ...(maildnsSpf ? { maildnsSpf } : {}),
      });
    }

    let profile: string | undefined;
    let profileTcp: string | undefined;
    if (!flags['no-profile'] && n === Math.max(...sizes)) {
      const profiled = async (label: string, args: string[]): Promise<string> => {
        log(`N = ${n}: profiled maildns run (${label})`);
        const profileDir = join(dir, `profile-${label}-${n}`);
        await runTimed('node', ['--cpu-prof', '--cpu-prof-dir', profileDir, ...maildnsEntry(), ...args], { cwd: ROOT });
        const [file] = await readdir(profileDir);
        return formatSummary(summariseProfile(JSON.parse(await readFile(join(profileDir, file!), 'utf8')), 15));
      };
      profile = await profiled('udp', checkArgs);
      profileTcp = await profiled('tcp', tcpCheckArgs);
    }
    return {
      n, broken: world.broken, byStatus: output.byStatus, concurrency,
      audit: { sent: questions.sent, distinct: questions.distinct, duplicates: questions.duplicates, repeated: questions.repeated },
      tcpAudit: { sent: tcpQuestions.sent, distinct: tcpQuestions.distinct, duplicates: tcpQuestions.duplicates, repeated: tcpQuestions.repeated, byStatus: tcpOutput.byStatus },
      rounds, ...(profile ? { profile } : {}), ...(profileTcp ? { profileTcp } : {}),
    };
  } finally {
    await knot.stop();
  }
}

async function main(): Promise<void> {
  if (flags.cli === 'dist' && !flags['no-build']) {
    log('building dist/ (npm run build)');
    await exec('npm', ['run', 'build'], { cwd: ROOT });
  }
  const machine = await describeMachine();
  const dir = await mkdtemp(join(tmpdir(), 'maildns-bench-'));
  try {
    const results: SizeResult[] = [];
    for (const n of sizes) results.push(await benchSize(n, dir));
    const markdown = renderResults({ machine: { ...machine, loadAfter: (await describeMachine()).loadBefore }, results, runs, dnsperfSeconds: Number(flags['dnsperf-seconds']), cli: flags.cli! });
    await writeFile(flags.out, markdown);
    if (flags.json) await writeFile(flags.json, JSON.stringify({ machine, results, medians: results.map((r) => ({ n: r.n, wall: median(r.rounds.map((x) => x.maildns.wallSeconds)), tcpWall: median(r.rounds.map((x) => x.maildnsTcp.wallSeconds)) })) }, null, 2));
    log(`wrote ${flags.out}`);
    process.stdout.write(markdown);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
