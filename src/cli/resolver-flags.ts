// Flags shared by every command that asks DNS, and the resolver they build.

import type { Argv } from 'yargs';
import type { Resolver } from '../dns/types.js';
import { ZoneResolver } from '../dns/zone-resolver.js';
import { LayeredResolver } from '../dns/layered-resolver.js';
import { ZoneFileError } from '../dns/zone-file.js';
import { DEFAULT_MAX_IN_FLIGHT, StubResolver, TRANSPORTS, type Transport } from '../dns/stub-resolver.js';
import { NameserverError } from '../dns/nameservers.js';
import type { Config } from '../engine/config.js';
import { UsageError, wholeNumberIn } from './io.js';
import { BOUNDS, rangeProblem } from './bounds.js';
import { repeatable } from './repeatable.js';
import { escapeMessage, escapeText } from '../report/escape.js';

export interface ResolverFlags {
  nameserver?: string[];
  timeout?: number;
  retries?: number;
  'max-in-flight'?: number;
  transport?: Transport;
  'zone-file'?: string[];
}

export function withResolverFlags<T>(yargs: Argv<T>): Argv<T & ResolverFlags> {
  return yargs
    .option('nameserver', {
      ...repeatable,
      description: 'Resolver to ask, IP[:PORT] (IPv4 or IPv6, repeatable; default /etc/resolv.conf)',
    })
    .option('timeout', { type: 'number', description: 'Milliseconds to wait for each DNS answer (default 2000)' })
    .option('retries', { type: 'number', description: 'Retries per question, rotating across nameservers (default 2)' })
    .option('max-in-flight', { type: 'number', description: `Questions outstanding at once, over all domains (default ${DEFAULT_MAX_IN_FLIGHT})` })
    .option('transport', {
      choices: TRANSPORTS,
      description: 'udp: UDP, TCP after truncation (default). tcp: every question over one pipelined TCP connection per server (faster for large batches; the servers must accept TCP)',
    })
    .option('zone-file', {
      ...repeatable,
      description: 'Answer from this RFC 1035 zone file (or every *.zone in this folder): offline, or with --nameserver in front of the network (repeatable)',
    }) as Argv<T & ResolverFlags>;
}

/** CLI defaults: shorter than resolv.conf's 5 s × 2 tries, since a batch waits on its slowest domain. */
export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_RETRIES = 2;

export interface ResolverSettings {
  timeoutMs: number;
  retries: number;
  maxInFlight: number;
  transport: Transport;
}

/** The resolver settings of a run: flags over config over defaults, checked. */
export function resolverSettings(flags: ResolverFlags, config: Config): ResolverSettings {
  const { timeoutMs: t, retries: r, maxInFlight: m } = BOUNDS;
  const timeoutMs = wholeNumberIn(flags.timeout ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS, t.min, t.max, rangeProblem('timeout', t, flags.timeout, 'milliseconds'));
  const retries = wholeNumberIn(flags.retries ?? config.retries ?? DEFAULT_RETRIES, r.min, r.max, rangeProblem('retries', r, flags.retries));
  const maxInFlight = wholeNumberIn(flags['max-in-flight'] ?? DEFAULT_MAX_IN_FLIGHT, m.min, m.max, rangeProblem('max-in-flight', m, flags['max-in-flight']));
  return { timeoutMs, retries, maxInFlight, transport: flags.transport ?? config.transport ?? 'udp' };
}

/** `warn` hears why the servers are not what was configured (no usable nameserver in resolv.conf). */
export async function createResolver(flags: ResolverFlags, config: Config, warn: (message: string) => void = () => {}): Promise<Resolver> {
  const settings = resolverSettings(flags, config);
  const zoneFiles = flags['zone-file'] ?? [];
  const zones = zoneFiles.length > 0 ? await loadZones(zoneFiles) : undefined;
  // Zone files alone: offline. With --nameserver too: zone files first, the network for the rest.
  if (zones && !flags.nameserver?.length) return zones;
  const nameservers = flags.nameserver ?? config.nameservers;
  try {
    const network = new StubResolver({ ...(nameservers?.length ? { nameservers } : {}), ...settings });
    if (network.nameserverNote) warn(`maildns: ${escapeMessage(network.nameserverNote)}\n`); // quotes resolv.conf lines
    return zones ? new LayeredResolver(zones, network) : network;
  } catch (error) {
    if (error instanceof NameserverError) throw new UsageError(`--nameserver: ${error.message}`);
    throw error;
  }
}

async function loadZones(paths: string[]): Promise<ZoneResolver> {
  // A bare `--zone-file` (or '') would otherwise fail as "cannot read  (ENOENT)", naming nothing.
  if (paths.includes('')) throw new UsageError('--zone-file: the path is empty (name a zone file, or a folder of *.zone files)');
  try {
    return await ZoneResolver.fromFiles(paths);
  } catch (error) {
    if (error instanceof ZoneFileError) throw new UsageError(`--zone-file ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOZONES') throw new UsageError(`--zone-file: ${(error as Error).message}`);
    if (code) throw new UsageError(`--zone-file: cannot read "${escapeText((error as NodeJS.ErrnoException).path ?? '?')}" (${code})`);
    throw error;
  }
}
