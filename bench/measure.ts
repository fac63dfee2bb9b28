// Running the things the benchmark measures: a child process under /usr/bin/time -v (wall time and
// peak RSS), dnsperf's single-thread ceiling over UDP or TCP, and Knot's own query counters.

import { execFile, spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const GNU_TIME = '/usr/bin/time';

export interface TimedRun {
  exitCode: number;
  wallSeconds: number;
  peakRssMb: number;
  /** User + system CPU seconds of the process and its threads: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  stderr: string;
}

/** "0:09.22" or "1:02:03.5" (h:mm:ss or m:ss) -> seconds. */
export function parseElapsed(text: string): number {
  return text.split(':').map(Number).reduce((total, part) => total * 60 + part, 0);
}

/** Wall time and peak RSS from the report `time -v` appends to stderr. */
export function parseTimeReport(stderr: string): { wallSeconds: number; peakRssMb: number; cpuSeconds: number; exitCode: number } {
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const status = /Exit status: (\d+)/.exec(stderr);
  if (!wall || !rss) throw new Error(`no /usr/bin/time -v report in:\n${stderr.slice(-2000)}`);
  const cpuSeconds = Number(user?.[1] ?? NaN) + Number(system?.[1] ?? NaN);
  return { wallSeconds: parseElapsed(wall[1]!), peakRssMb: Number(rss[1]) / 1024, cpuSeconds, exitCode: Number(status?.[1] ?? 0) };
}

/** Runs `command args` under `time -v`, stdout to `stdoutFile` (default /dev/null). */
export async function runTimed(command: string, args: string[], options: { cwd: string; stdoutFile?: string; env?: NodeJS.ProcessEnv }): Promise<TimedRun> {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} not found; install it with: apt-get install time`);
  const out = openSync(options.stdoutFile ?? '/dev/null', 'w');
  try {
    const child = spawn(GNU_TIME, ['-v', command, ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', () => resolve());
    });
    return { ...parseTimeReport(stderr), stderr };
  } finally {
    closeSync(out);
  }
}

/**
 * dnsperf with one client thread against `port`, replaying `queryFile` for `seconds` -> queries/s.
 * `mode` 'tcp': every query over one TCP connection (one client), up to 100 outstanding on it.
 */
export async function runDnsperf(port: number, queryFile: string, seconds: number, mode: 'udp' | 'tcp' = 'udp'): Promise<{ qps: number; lostPercent: number }> {
  const { stdout } = await exec('dnsperf', ['-m', mode, '-s', '127.0.0.1', '-p', String(port), '-d', queryFile, '-T', '1', '-l', String(seconds)], { maxBuffer: 1 << 20 });
  const qps = /Queries per second:\s+([\d.]+)/.exec(stdout);
  const lost = /Queries lost:\s+\d+ \(([\d.]+)%\)/.exec(stdout);
  if (!qps) throw new Error(`dnsperf printed no "Queries per second":\n${stdout}`);
  return { qps: Number(qps[1]), lostPercent: Number(lost?.[1] ?? 0) };
}

/** Queries Knot has answered since it started (mod-stats), in all and by transport; the tests count them the same way. */
export { knotQueryCount, knotQueriesByProtocol } from '../test/helpers/knot.js';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
