// The machine the benchmark ran on, and bench/RESULTS.md: medians, ratios and targets.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import type { ResolverStats } from '../src/dns/types.js';
import { median } from './measure.js';

const exec = promisify(execFile);

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  knot: string;
  dnsperf: string;
  loadBefore: string;
  loadAfter?: string;
}

export interface SizeResult {
  n: number;
  concurrency: number;
  broken: Record<string, number>;
  byStatus: Record<string, number>;
  audit: { sent: number; distinct: number; duplicates: number; repeated: Array<[string, number]> };
  /** The same audit run with `--transport tcp`, and the statuses of its report. */
  tcpAudit: { sent: number; distinct: number; duplicates: number; repeated: Array<[string, number]>; byStatus: Record<string, number> };
  rounds: Array<{
    dnsperfQps: number;
    dnsperfLostPercent: number;
    /** dnsperf -m tcp: the same questions over one TCP connection. */
    dnsperfTcpQps: number;
    dnsperfTcpLostPercent: number;
    /** bench/replay-questions.mjs: the audit run's questions from a bare Node client, and from maildns's resolver. */
    rawNodeQps?: number;
    resolverQps?: number;
    /** The resolver alone with `transport: 'tcp'`. */
    resolverTcpQps: number;
    maildns: { wallSeconds: number; peakRssMb: number; cpuSeconds?: number; stats: ResolverStats; knotSaw: number };
    /** `maildns check --transport tcp`; knotSawTcp: the queries Knot received over TCP during it. */
    maildnsTcp: { wallSeconds: number; peakRssMb: number; cpuSeconds: number; stats: ResolverStats; knotSaw: number; knotSawTcp: number };
    mailauth?: { wallSeconds: number; peakRssMb: number; cpuSeconds?: number; knotSaw: number };
    maildnsSpf?: { wallSeconds: number; peakRssMb: number; knotSaw: number };
  }>;
  profile?: string;
  /** The same with `--transport tcp`. */
  profileTcp?: string;
}

/** Issue 6's targets at 10,000 domains. */
export const TARGET_QPS_SHARE = 0.25;
export const TARGET_PEAK_RSS_MB = 200;

async function versionOf(command: string, args: string[], pattern: RegExp): Promise<string> {
  try {
    const { stdout, stderr } = await exec(command, args).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
    return pattern.exec(`${stdout}\n${stderr}`)?.[1] ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export async function describeMachine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return {
    nproc: Number((await exec('nproc')).stdout.trim()),
    cpuModel: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    knot: await versionOf('/usr/sbin/knotd', ['--version'], /version ([\w.]+)/),
    dnsperf: await versionOf('dnsperf', ['-h'], /Version ([\w.]+)/),
    loadBefore: (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ').slice(0, 3).join(' '),
  };
}

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const fixed = (x: number, digits = 2): string => x.toFixed(digits);
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

interface Medians {
  dnsperf: number;
  rawNode?: number;
  resolver?: number;
  wall: number;
  cpu: number;
  domainsPerSecond: number;
  queries: number;
  qps: number;
  share: number;
  rss: number;
  cacheHits: number;
  shared: number;
  retries: number;
  knotSaw: number;
  mailauthWall?: number;
  mailauthCpu?: number;
  mailauthRss?: number;
  mailauthQueries?: number;
  spfWall?: number;
  spfRss?: number;
  spfQueries?: number;
  tcp: TcpMedians;
}

/** The `--transport tcp` columns: dnsperf and the resolver over TCP, and the full check over TCP. */
interface TcpMedians {
  dnsperf: number;
  resolver: number;
  wall: number;
  cpu: number;
  queries: number;
  knotSaw: number;
  knotSawTcp: number;
  qps: number;
  /** ÷ dnsperf over UDP: issue 6's definition of the target. */
  share: number;
  /** ÷ dnsperf over TCP: against the ceiling of the same transport. */
  shareOfTcp: number;
  rss: number;
}

function mediansOf(r: SizeResult): Medians {
  const m = (f: (round: SizeResult['rounds'][number]) => number): number => median(r.rounds.map(f));
  const withMailauth = r.rounds.every((x) => x.mailauth && x.maildnsSpf);
  return {
    dnsperf: m((x) => x.dnsperfQps),
    ...(r.rounds.every((x) => x.rawNodeQps !== undefined && x.resolverQps !== undefined)
      ? { rawNode: m((x) => x.rawNodeQps!), resolver: m((x) => x.resolverQps!) }
      : {}),
    wall: m((x) => x.maildns.wallSeconds),
    cpu: m((x) => x.maildns.cpuSeconds ?? NaN),
    domainsPerSecond: m((x) => r.n / x.maildns.wallSeconds),
    queries: m((x) => x.maildns.stats.queries),
    qps: m((x) => x.maildns.stats.queries / x.maildns.wallSeconds),
    // The ratio of medians, each from its own runs.
    share: m((x) => x.maildns.stats.queries / x.maildns.wallSeconds) / m((x) => x.dnsperfQps),
    rss: m((x) => x.maildns.peakRssMb),
    cacheHits: m((x) => x.maildns.stats.cacheHits),
    shared: m((x) => x.maildns.stats.sharedInFlight),
    retries: m((x) => x.maildns.stats.retries),
    knotSaw: m((x) => x.maildns.knotSaw),
    ...(withMailauth ? {
      mailauthWall: m((x) => x.mailauth!.wallSeconds),
      mailauthCpu: m((x) => x.mailauth!.cpuSeconds ?? NaN),
      mailauthRss: m((x) => x.mailauth!.peakRssMb),
      mailauthQueries: m((x) => x.mailauth!.knotSaw),
      spfWall: m((x) => x.maildnsSpf!.wallSeconds),
      spfRss: m((x) => x.maildnsSpf!.peakRssMb),
      spfQueries: m((x) => x.maildnsSpf!.knotSaw),
    } : {}),
    tcp: tcpMediansOf(m),
  };
}

/** The `--transport tcp` medians; `m` is the median of a figure over the rounds. */
function tcpMediansOf(m: (figure: (round: SizeResult['rounds'][number]) => number) => number): TcpMedians {
  const qps = m((x) => x.maildnsTcp.stats.queries / x.maildnsTcp.wallSeconds);
  return {
    dnsperf: m((x) => x.dnsperfTcpQps),
    resolver: m((x) => x.resolverTcpQps),
    wall: m((x) => x.maildnsTcp.wallSeconds),
    cpu: m((x) => x.maildnsTcp.cpuSeconds),
    queries: m((x) => x.maildnsTcp.stats.queries),
    knotSaw: m((x) => x.maildnsTcp.knotSaw),
    knotSawTcp: m((x) => x.maildnsTcp.knotSawTcp),
    qps,
    share: qps / m((x) => x.dnsperfQps),
    shareOfTcp: qps / m((x) => x.dnsperfTcpQps),
    rss: m((x) => x.maildnsTcp.peakRssMb),
  };
}

/** The rounds in which Knot did not answer exactly the questions the TCP check sent, all over TCP. */
function tcpCountMismatches(r: SizeResult): string[] {
  return r.rounds.flatMap((x, i) => {
    const { knotSaw, knotSawTcp, stats } = x.maildnsTcp;
    return knotSaw === stats.queries && knotSawTcp === knotSaw ? [] : [`round ${i + 1}: sent ${int(stats.queries)}, Knot answered ${int(knotSaw)}, ${int(knotSawTcp)} over TCP`];
  });
}

/**
 * The Targets lines of one transport's full check, at the largest N. `knotCounts`: for the TCP run,
 * the rounds in which Knot's count disagreed with the questions sent (any makes the target missed).
 */
function targetLines(t: { share: number; duplicates: number; knotCounts?: string[]; rss: number; smallestRss: number; wall: number; mailauthWall?: number }, results: SizeResult[]): string[] {
  const largest = results.at(-1)!;
  const knotNote = t.knotCounts === undefined ? ''
    : t.knotCounts.length === 0 ? ' (audit run over TCP); Knot answered exactly the questions sent, all over TCP, in every round'
      : ` (audit run over TCP); Knot's count differs: ${t.knotCounts.join('; ')}`;
  const duplicatesMet = t.duplicates === 0 && (t.knotCounts?.length ?? 0) === 0;
  return [
    `- effective qps ≥ ${pct(TARGET_QPS_SHARE)} of dnsperf: ${pct(t.share)} — ${t.share >= TARGET_QPS_SHARE ? 'met' : `missed (${fixed(TARGET_QPS_SHARE / t.share, 1)}× short)`}`,
    `- zero duplicate questions: ${int(t.duplicates)}${knotNote} — ${duplicatesMet ? 'met' : 'missed'}`,
    `- peak RSS ≤ ${TARGET_PEAK_RSS_MB} MB: ${fixed(t.rss, 0)} MB — ${t.rss <= TARGET_PEAK_RSS_MB ? 'met' : 'missed'}` +
      (results.length > 1 ? `; smallest N ${fixed(t.smallestRss, 0)} MB vs largest ${fixed(t.rss, 0)} MB (×${fixed(t.rss / t.smallestRss)} for ×${int(largest.n / results[0]!.n)} domains)` : ''),
    ...(t.mailauthWall !== undefined ? [`- maildns full check faster than mailauth SPF-only: ${fixed(t.wall)} s vs ${fixed(t.mailauthWall)} s — ${t.wall < t.mailauthWall ? 'met' : 'missed'}`] : []),
  ];
}

export function renderResults(input: { machine: Machine; results: SizeResult[]; runs: number; dnsperfSeconds: number; cli: string }): string {
  const { machine, results } = input;
  const medians = results.map(mediansOf);
  const header = `| | ${results.map((r) => `N = ${int(r.n)}`).join(' | ')} |\n|---|${results.map(() => '---:').join('|')}|`;
  const row = (label: string, cell: (m: Medians, r: SizeResult) => string): string => `| ${label} | ${medians.map((m, i) => cell(m, results[i]!)).join(' | ')} |`;
  const rows = [
    row('dnsperf ceiling, 1 thread (queries/s)', (m) => int(m.dnsperf)),
    row('dnsperf ceiling over TCP, 1 thread (queries/s)', (m) => int(m.tcp.dnsperf)),
    ...(medians.every((m) => m.rawNode !== undefined) ? [
      row('bare Node client, same questions, no checks (queries/s, ÷ dnsperf)', (m) => `${int(m.rawNode!)} (${pct(m.rawNode! / m.dnsperf)})`),
      row('maildns resolver alone, same questions (queries/s, ÷ dnsperf)', (m) => `${int(m.resolver!)} (${pct(m.resolver! / m.dnsperf)})`),
      row('maildns resolver alone over TCP, same questions (queries/s, ÷ dnsperf)', (m) => `${int(m.tcp.resolver)} (${pct(m.tcp.resolver / m.dnsperf)})`),
    ] : []),
    row('maildns check: wall time (s)', (m) => fixed(m.wall)),
    row('maildns check: CPU time, user + system, all threads (s)', (m) => fixed(m.cpu)),
    row('maildns: domains/s', (m) => int(m.domainsPerSecond)),
    row('maildns: queries sent', (m) => int(m.queries)),
    row('maildns: queries Knot answered during the run', (m) => int(m.knotSaw)),
    row('maildns: effective queries/s (sent / wall)', (m) => int(m.qps)),
    row('**effective qps / dnsperf** (target ≥ 25 %)', (m) => `**${pct(m.share)}**`),
    row('maildns: cache hits / shared in flight / retries', (m) => `${int(m.cacheHits)} / ${int(m.shared)} / ${int(m.retries)}`),
    row('**duplicate questions** (audit run, on the wire; target 0)', (_m, r) => `**${int(r.audit.duplicates)}**`),
    row('maildns: peak RSS (MB; target ≤ 200, flat in N)', (m) => fixed(m.rss, 0)),
    row('maildns check over TCP: wall time (s)', (m) => fixed(m.tcp.wall)),
    row('maildns check over TCP: CPU time, user + system, all threads (s)', (m) => fixed(m.tcp.cpu)),
    row('maildns check over TCP: queries sent (every one over TCP)', (m) => int(m.tcp.queries)),
    row('maildns check over TCP: queries Knot answered during the run (all / over TCP)', (m) => `${int(m.tcp.knotSaw)} / ${int(m.tcp.knotSawTcp)}`),
    row('maildns check over TCP: effective queries/s (sent / wall)', (m) => int(m.tcp.qps)),
    row('**effective qps over TCP / dnsperf** (target ≥ 25 %)', (m) => `**${pct(m.tcp.share)}**`),
    row('effective qps over TCP / dnsperf over TCP', (m) => pct(m.tcp.shareOfTcp)),
    row('**duplicate questions over TCP** (audit run with --transport tcp, on the wire; target 0)', (_m, r) => `**${int(r.tcpAudit.duplicates)}**`),
    row('maildns check over TCP: peak RSS (MB; target ≤ 200, flat in N)', (m) => fixed(m.tcp.rss, 0)),
  ];
  if (medians.every((m) => m.mailauthWall !== undefined)) {
    rows.push(
      row('mailauth SPF only: wall time (s)', (m) => fixed(m.mailauthWall!)),
      row('mailauth: CPU time, user + system (s)', (m) => fixed(m.mailauthCpu!)),
      row('mailauth: queries Knot answered', (m) => int(m.mailauthQueries!)),
      row('mailauth: peak RSS (MB)', (m) => fixed(m.mailauthRss!, 0)),
      row('maildns SPF only (library checkHost): wall time (s)', (m) => fixed(m.spfWall!)),
      row('maildns SPF only: queries Knot answered', (m) => int(m.spfQueries!)),
      row('maildns SPF only: peak RSS (MB)', (m) => fixed(m.spfRss!, 0)),
      row('**maildns full check / mailauth SPF-only wall** (target < 1)', (m) => `**${fixed(m.wall / m.mailauthWall!)}**`),
      row('**maildns full check over TCP / mailauth SPF-only wall** (target < 1)', (m) => `**${fixed(m.tcp.wall / m.mailauthWall!)}**`),
      row('maildns SPF only / mailauth SPF only wall', (m) => fixed(m.spfWall! / m.mailauthWall!)),
    );
  }
  const largest = results.at(-1)!;
  const lm = medians.at(-1)!;
  const targets = targetLines({
    share: lm.share, duplicates: largest.audit.duplicates, rss: lm.rss, smallestRss: medians[0]!.rss, wall: lm.wall,
    ...(lm.mailauthWall !== undefined ? { mailauthWall: lm.mailauthWall } : {}),
  }, results);
  const tcpTargets = targetLines({
    share: lm.tcp.share, duplicates: largest.tcpAudit.duplicates, knotCounts: tcpCountMismatches(largest),
    rss: lm.tcp.rss, smallestRss: medians[0]!.tcp.rss, wall: lm.tcp.wall,
    ...(lm.mailauthWall !== undefined ? { mailauthWall: lm.mailauthWall } : {}),
  }, results);
  const statuses = (byStatus: Record<string, number>): string => Object.entries(byStatus).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  const world = results.map((r) => `- N = ${int(r.n)}: broken ${int(Object.values(r.broken).reduce((a, b) => a + b, 0))} (${statuses(r.broken)}); statuses ${statuses(r.byStatus)}` +
    `${statuses(r.tcpAudit.byStatus) === statuses(r.byStatus) ? ' (the same over TCP)' : `, over TCP ${statuses(r.tcpAudit.byStatus)}`}; ${int(r.audit.distinct)} distinct questions`).join('\n');
  const profiles = (r: SizeResult): Array<[string, string | undefined]> => [['', r.profile], [' with --transport tcp', r.profileTcp]];
  const profile = results.flatMap((r) => profiles(r).filter(([, text]) => text).map(([how, text]) =>
    `### Where the time went (one profiled run${how}, N = ${int(r.n)}, node --cpu-prof, self time)\n\n\`\`\`\n${text!.trim()}\n\`\`\``)).join('\n\n');
  return `# maildns benchmark results

Written by \`npm run bench\` (bench/run.ts); issue 6 holds the targets. Medians of ${input.runs} runs per size;
each round runs dnsperf over UDP then TCP, the replays (bare Node client, maildns's resolver over UDP then TCP),
maildns check, maildns check --transport tcp, maildns SPF only, then mailauth, against the same Knot serving the same zones.

## Machine

- ${machine.nproc} CPUs (nproc), ${machine.cpuModel}, ${machine.memoryGb} GB memory
- node ${machine.node}, Knot ${machine.knot}, dnsperf ${machine.dnsperf}, maildns CLI from ${input.cli === 'dist' ? 'dist/ (bin/maildns.js)' : 'the TypeScript sources via tsx'}
- load average (1/5/15 min) before: ${machine.loadBefore}; after: ${machine.loadAfter ?? '?'} — a busy machine slows every column

## Results

${header}
${rows.join('\n')}

## Targets (largest N)

Default transport (UDP):

${targets.join('\n')}

With \`--transport tcp\` (every question over one pipelined TCP connection; the qps share is of dnsperf's UDP
ceiling, the issue's definition: of dnsperf's TCP ceiling it is ${pct(lm.tcp.shareOfTcp)}):

${tcpTargets.join('\n')}

## How it was measured

- World (bench/synthetic.ts): \`shop-NNNN.test\` domains in one \`test.\` zone; SPF trees of depth 1–4 sharing
  Google-, Microsoft-, SES-, Mailgun- and SendGrid-style includes and 40 reseller records; three SES DKIM CNAMEs per
  domain into \`dkim.amazonses.com\` (2048-bit RSA keys, a handful reused); DMARC (half reporting to an external
  aggregator, authorised by wildcard); MX at Google, Microsoft (one host per tenant), own hosts with A and AAAA, or SES
  inbound; a custom MAIL FROM subdomain; about 5 % broken. TTLs of an hour, so no answer expires during a run.
${world}
- dnsperf: \`dnsperf -m udp -s 127.0.0.1 -p PORT -d FILE -T 1 -l ${input.dnsperfSeconds}\`, FILE being every distinct question the
  audit run sent — the same query mix as maildns. Over TCP the same with \`-m tcp\`: one client, one connection, up to
  100 queries outstanding on it.
- maildns: \`/usr/bin/time -v node bin/maildns.js check --config CONFIG --format jsonl --stats-file FILE > /dev/null\`,
  --concurrency ${results[0]!.concurrency}, per-domain DKIM selectors from the config. Wall time and peak RSS from time -v; queries,
  cache hits and shared in flight from --stats-file; Knot's count from mod-stats before and after.
- maildns over TCP: the same command with \`--transport tcp\`, right after it in each round. The bench stops unless
  --stats-file shows every question sent once over TCP and none over UDP; Knot's counts (all queries, and those
  that came over TCP, mod-stats request-protocol) must both equal the questions sent for the duplicate target.
- Bare Node client and resolver alone: \`bench/replay-questions.mjs\` sends every distinct question of the audit run once,
  64 in flight, timed inside the script (no process start). \`raw\`: queries encoded before the clock starts, 8
  connected dgram sockets, replies matched by id and not decoded — the least any Node.js tool does per query.
  \`resolver\`: maildns's StubResolver, one lookup per question; over TCP with its option \`transport: 'tcp'\` (one
  pipelined connection). Together with dnsperf and the full check they show where the rate goes: the C client,
  Node's own per-datagram cost, maildns's resolver, then the checks around it.
- Duplicates: a separate audit run with \`--import bench/count-questions.mjs\`, which decodes every question maildns
  puts on the wire (UDP and TCP) and counts (name, type) pairs sent more than once; a second audit run does the same
  with \`--transport tcp\` (the bench stops unless the counter saw every TCP query maildns counted).
- mailauth (npm mailauth, lib/spf): \`bench/mailauth-spf.mjs\`, SPF for each domain with client 192.0.2.1 (authorised by
  none, so the whole tree is walked), through node's dns.Resolver (c-ares, which caches answers) pointed at the same
  Knot, ${results[0]!.concurrency} domains at once.
- maildns SPF only: \`bench/maildns-spf.mjs\`, the same evaluation with maildns's library \`checkHost\` through one
  StubResolver, ${results[0]!.concurrency} domains at once — the like-for-like peer of the mailauth run.

${profile}
`;
}
