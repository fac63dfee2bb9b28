// Start a real Knot DNS server for interop tests: a temp dir, a free loopback port (retried when
// taken), the zones given, and a wait until every zone's SOA answers authoritatively.
//
// Without knotd the interop tests skip, saying how to install it — unless MAILDNS_REQUIRE_KNOT=1
// (set by .ci/run), which turns the skip into a failure so CI cannot pass without interop.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import * as dnsPacket from 'dns-packet';

const execFileAsync = promisify(execFile);

export const KNOT_INSTALL_HINT = 'knotd not found; install with: apt-get install knot';
export const REQUIRE_KNOT_ENV = 'MAILDNS_REQUIRE_KNOT';
const START_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 10_000;

export const KNOTD_ENV = 'MAILDNS_KNOTD';

/** Path of knotd: $MAILDNS_KNOTD if set, else PATH and the sbin folders a non-root PATH often lacks. */
export function findKnotd(): string | undefined {
  const explicit = process.env[KNOTD_ENV];
  if (explicit !== undefined) return existsSync(explicit) ? explicit : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs.filter((dir) => dir !== '').map((dir) => join(dir, 'knotd')).find((path) => existsSync(path));
}

/**
 * Options for node:test: `{ skip: KNOT_INSTALL_HINT }` when knotd is missing, `{}` when it is there.
 * With MAILDNS_REQUIRE_KNOT=1 a missing knotd is not skipped: startKnot then fails with the hint.
 */
export function knotTestOptions(): { skip?: string } {
  if (findKnotd() || process.env[REQUIRE_KNOT_ENV] === '1') return {};
  return { skip: KNOT_INSTALL_HINT };
}

export interface KnotServer {
  port: number;
  /** "127.0.0.1:PORT", ready for StubResolver's nameservers. */
  nameserver: string;
  /** knot.conf of this server, for `knotc -c FILE stats` when started with modStats. */
  configFile: string;
  stop(): Promise<void>;
}

export interface KnotZones {
  /** Zone name -> master-file text. */
  zones?: Record<string, string>;
  /** Zone files to serve, named "<zone>.zone" (e.g. test/fixtures/knot/other.test.zone). */
  zoneFiles?: string[];
  /** Count queries by protocol and type (mod-stats), readable with `knotc -c configFile stats`. */
  modStats?: boolean;
  /** Port to try first (random otherwise); a taken one is replaced by a random one. */
  firstPort?: number;
}

export async function startKnot(config: KnotZones): Promise<KnotServer> {
  const knotd = findKnotd();
  if (!knotd) throw new Error(`${KNOT_INSTALL_HINT} (${REQUIRE_KNOT_ENV}=1 forbids skipping the interop tests)`);
  const zones = new Map(Object.entries(config.zones ?? {}));
  for (const file of config.zoneFiles ?? []) {
    const zone = file.split('/').at(-1)!.replace(/\.zone$/, '');
    zones.set(zone, await readFile(file, 'utf8'));
  }
  const dir = await mkdtemp(join(tmpdir(), 'maildns-knot-'));
  await Promise.all(['run', 'db', 'zones'].map((d) => mkdir(join(dir, d))));
  for (const [zone, text] of zones) await writeFile(join(dir, 'zones', `${zone}.zone`), text);

  const failures: string[] = [];
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    const port = attempt === 0 && config.firstPort ? config.firstPort : 20000 + Math.floor(Math.random() * 40000);
    const confPath = join(dir, 'knot.conf');
    await writeFile(confPath, knotConfig(dir, port, [...zones.keys()], config.modStats ?? false));
    const child = spawn(knotd, ['-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = await waitUntilServing(port, [...zones.keys()], exited, () => stderr);
    if (ready === true) {
      return { port, nameserver: `127.0.0.1:${port}`, configFile: confPath, stop: () => stopKnot(child, exited, dir) };
    }
    failures.push(`port ${port}: ${ready} ${stderr.trim()}`.trim());
    await stopKnot(child, exited, undefined);
    // knotd exits at once when the port is taken; a zone that never loads is not worth retrying.
    if (!ready.startsWith('knotd exited')) break;
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`knotd did not start: ${failures.join(' | ')}`);
}

function knotConfig(dir: string, port: number, zones: string[], modStats: boolean): string {
  const stats = ['mod-stats:', '  - id: default', '    request-protocol: on', '    query-type: on'];
  return [
    'server:',
    `    rundir: "${join(dir, 'run')}"`,
    `    listen: 127.0.0.1@${port}`,
    'log:',
    '  - target: stderr',
    '    any: warning',
    'database:',
    `    storage: "${join(dir, 'db')}"`,
    ...(modStats ? stats : []),
    'template:',
    '  - id: default',
    `    storage: "${join(dir, 'zones')}"`,
    '    file: "%s.zone"',
    '    zonefile-sync: -1',
    '    zonefile-load: whole',
    '    journal-content: none',
    ...(modStats ? ['    global-module: mod-stats/default'] : []),
    'zone:',
    ...zones.map((z) => `  - domain: ${z}`),
    '',
  ].join('\n');
}

/** true once every zone's SOA answers NOERROR with AA; otherwise why not. */
async function waitUntilServing(
  port: number, zones: string[], exited: Promise<number | null>, log: () => string,
): Promise<true | string> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const waiting = new Set(zones);
  while (Date.now() < deadline) {
    await sleep(25);
    if (exitCode !== undefined) return `knotd exited with status ${exitCode}`;
    // Knot keeps running with a zone that failed to load (it answers SERVFAIL): stop waiting at once.
    if (/zone loader|failed to load zone/.test(log())) return 'a zone file did not load:';
    for (const zone of [...waiting]) {
      if (await soaAnswers(port, zone)) waiting.delete(zone);
    }
    if (waiting.size === 0) return true;
  }
  return `zones not served after ${READY_TIMEOUT_MS} ms (broken zone file?): ${[...waiting].join(', ')}`;
}

/** A bare dns-packet probe, independent of the resolver under test. */
function soaAnswers(port: number, zone: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 200);
    socket.on('error', () => done(false));
    socket.on('message', (message) => {
      try {
        const reply = dnsPacket.decode(message);
        done(reply.id === 7 && reply.flag_aa && (reply as { rcode?: string }).rcode === 'NOERROR' && (reply.answers ?? []).some((a) => a.type === 'SOA'));
      } catch {
        done(false);
      }
    });
    socket.send(dnsPacket.encode({ type: 'query', id: 7, questions: [{ name: zone, type: 'SOA' }] }), port, '127.0.0.1');
  });
}

async function stopKnot(child: ChildProcess, exited: Promise<number | null>, dir: string | undefined): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Queries a Knot started with `modStats` has answered so far (mod-stats' server-operation counter). */
export async function knotQueryCount(configFile: string): Promise<number> {
  const { stdout } = await execFileAsync('knotc', ['-c', configFile, 'stats', 'mod-stats.server-operation']);
  return Number(/\[query\] = (\d+)/.exec(stdout)?.[1] ?? 0);
}

/** Queries a Knot started with `modStats` has received so far, by transport (mod-stats request-protocol: udp4/udp6, tcp4/tcp6). */
export async function knotQueriesByProtocol(configFile: string): Promise<{ udp: number; tcp: number }> {
  const { stdout } = await execFileAsync('knotc', ['-c', configFile, 'stats', 'mod-stats.request-protocol']);
  const byProtocol = { udp: 0, tcp: 0 };
  for (const [, protocol, count] of stdout.matchAll(/\[(udp|tcp)[46]\] = (\d+)/g)) byProtocol[protocol as 'udp' | 'tcp'] += Number(count);
  return byProtocol;
}
