// maildns's own stub resolver: asks the configured servers directly over UDP (TCP after truncation),
// follows CNAMEs, and says honestly when it could not find out (timeout, SERVFAIL, …).
//
// Within one run each (name, type) is asked once: concurrent askers share the query in flight, and
// later askers get the cached outcome while its TTL lasts. The server set and RD flag are fixed per
// instance, so they need not be part of the key. The cache is bounded (answer-cache.ts), so a batch
// of any size runs in flat memory while the names domains share stay cached.

import { setMaxListeners } from 'node:events';
import { TcpChannels } from './tcp-transport.js';
import { UdpTransport } from './udp-transport.js';
import { AnswerCache, type CacheBounds } from './answer-cache.js';
import { classifyReply, type Step } from './classify.js';
import { parseNameserver, readSystemNameservers, type Nameserver } from './nameservers.js';
import { Semaphore } from './semaphore.js';
import { checkQueryName, type Question, type TransportResult } from './message.js';
import {
  emptyStats, isIndeterminate, normaliseName,
  type DnsRecord, type Lookup, type LookupOptions, type Resolver, type ResolverStats, type RRType,
} from './types.js';
import { byCodepoint } from '../order.js';

/** resolv.conf(5): "timeout:n" defaults to 5 seconds per try. */
export const DEFAULT_TIMEOUT_MS = 5000;
/** resolv.conf(5): "attempts:n" defaults to 2, i.e. one retry. */
export const DEFAULT_RETRIES = 1;
/**
 * Questions on the wire at once. No standard sets it; 64 keeps a batch's domains busy through a
 * recursive resolver 20–50 ms away (64 / 30 ms ≈ 2,000 queries/s) while staying well under the
 * per-client rate limits public resolvers document (Google Public DNS: 1,500 queries/s per IP).
 */
export const DEFAULT_MAX_IN_FLIGHT = 64;
/**
 * Cache bounds. A domain's own names (a dozen or two) are asked while it is checked, so `once` must
 * hold those of the domains in flight many times over (32 domains by default: ~600 names), and long
 * enough that a name a few domains share is still there when the next one asks: 12,000 names is the
 * last ~900 domains (8,000 let one such name expire in the 10,000-domain bench). `reused` holds the
 * shared names, far fewer. Together about 20 MB of heap.
 */
export const DEFAULT_CACHE_BOUNDS: CacheBounds = { once: 12_000, reused: 8_000 };
/**
 * CNAMEs followed for one lookup. No RFC sets a number. 8 proved too few in the wild: Unbound's
 * hard-coded 8 restarts failed on a real 9-CNAME chain (logincdn.msauth.net, NLnetLabs/unbound#438)
 * and was made configurable. 16 covers such chains and still stops a runaway one quickly.
 */
export const MAX_CNAME_CHAIN = 16;

export interface StubResolverOptions {
  /** "HOST[:PORT]"; IPv6 as "[::1]:5300" or bare "::1". Default: the nameservers of /etc/resolv.conf. */
  nameservers?: string[];
  /** Per try. */
  timeoutMs?: number;
  /** Tries after the first; each goes to the next server in turn. */
  retries?: number;
  maxInFlight?: number;
  /** Entries the cache keeps (answer-cache.ts). */
  cacheBounds?: CacheBounds;
  /** RD flag (default true). Set false to ask authoritative servers directly. */
  recursionDesired?: boolean;
  /** Clock for cache expiry, in milliseconds (tests inject one). */
  now?: () => number;
}

interface TryOutcome {
  server: string;
  result: TransportResult | { kind: 'step'; step: Step };
}

export class StubResolver implements Resolver {
  readonly nameservers: readonly Nameserver[];
  /** Why the server list is not exactly what was configured (resolv.conf fallback), if it is not. */
  readonly nameserverNote: string | undefined;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly recursionDesired: boolean;
  private readonly now: () => number;
  private readonly semaphore: Semaphore;
  private readonly counters: ResolverStats = emptyStats();
  private readonly cache: AnswerCache<Step>;
  private readonly inFlight = new Map<string, Promise<Step>>();
  private readonly closing = new AbortController();
  private readonly tcpChannels = new TcpChannels();
  private readonly udp = new UdpTransport();

  constructor(options: StubResolverOptions = {}) {
    if (options.nameservers && options.nameservers.length > 0) {
      this.nameservers = options.nameservers.map(parseNameserver);
      this.nameserverNote = undefined;
    } else {
      const system = readSystemNameservers();
      this.nameservers = system.nameservers;
      this.nameserverNote = system.note;
    }
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = options.retries ?? DEFAULT_RETRIES;
    if (!(this.timeoutMs > 0)) throw new RangeError(`timeout must be a positive number of milliseconds, got ${this.timeoutMs}`);
    if (!Number.isInteger(this.retries) || this.retries < 0) throw new RangeError(`retries must be 0 or more, got ${this.retries}`);
    this.recursionDesired = options.recursionDesired ?? true;
    this.now = options.now ?? Date.now;
    const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.semaphore = new Semaphore(maxInFlight);
    this.cache = new AnswerCache(options.cacheBounds ?? DEFAULT_CACHE_BOUNDS);
    // Each question on the wire listens for close(); that many listeners are expected, not a leak.
    setMaxListeners(maxInFlight + 1, this.closing.signal);
  }

  stats(): ResolverStats {
    return { ...this.counters, queriesByType: { ...this.counters.queriesByType } };
  }

  /** Abort queries in flight (they end as `error`, "resolver closed") and forget the cache. */
  close(): void {
    this.closing.abort();
    this.udp.close();
    this.cache.clear();
  }

  async lookup(name: string, type: RRType, options: LookupOptions = {}): Promise<Lookup> {
    const asked = normaliseName(name);
    const invalid = checkQueryName(asked);
    if (invalid !== undefined) {
      return { name: asked, type, status: 'error', records: [], cnames: [], server: this.nameservers[0]!.label, reason: `cannot ask: ${invalid}` };
    }
    const follow = options.followCnames ?? true;
    const cnames: DnsRecord[] = [];
    const seen = new Set([asked]);
    let current = asked;
    for (;;) {
      const step = await this.ask(current, type);
      const result = (status: Lookup['status'], records: DnsRecord[], extra: Partial<Lookup> = {}): Lookup =>
        toLookup(asked, type, status, records, cnames, step, extra);
      if (isIndeterminate(step.status)) return result(step.status, []);

      // Walk the chain as far as this message answers it.
      let owner = current;
      for (;;) {
        const own = step.records.filter((r) => r.name === owner && r.type === type);
        if (own.length > 0 && step.status === 'answer') return result('answer', own);
        const cname = step.records
          .filter((r) => r.name === owner && r.type === 'CNAME')
          .sort((a, b) => byCodepoint(a.value, b.value))[0];
        if (!cname) break;
        if (!follow) return result('answer', [cname]);
        cnames.push(cname);
        const target = cname.target ?? cname.value;
        if (seen.has(target)) return result('error', [], { reason: `CNAME loop at "${target}"` });
        if (cnames.length > MAX_CNAME_CHAIN) {
          return result('error', [], { reason: `CNAME chain from "${asked}" longer than ${MAX_CNAME_CHAIN} at "${target}"` });
        }
        seen.add(target);
        owner = target;
      }
      // The message's rcode speaks for the name it was asked about. When it only gave us CNAMEs
      // (Knot and BIND send a CNAME into another zone alone), ask again for the target.
      if (owner === current) {
        const status = step.status === 'answer' ? 'nodata' : step.status;
        return result(status, [], step.negativeTtl === undefined ? {} : { negativeTtl: step.negativeTtl });
      }
      current = owner;
    }
  }

  /** One question, answered from the cache, by the query already in flight, or by the network. */
  private ask(name: string, type: RRType): Promise<Step> {
    const key = `${name}|${type}`;
    const cached = this.cache.get(key, this.now());
    if (cached) {
      this.counters.cacheHits += 1;
      return Promise.resolve(cached);
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.counters.sharedInFlight += 1;
      return pending;
    }
    const query = this.semaphore
      .run(() => this.resolve({ name, type, recursionDesired: this.recursionDesired }))
      .then((step) => {
        const ttl = cacheTtl(step);
        if (ttl > 0 && !this.closing.signal.aborted) this.cache.set(key, step, this.now() + ttl * 1000);
        return step;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, query);
    return query;
  }

  /** One try at one server: UDP, then TCP when the reply is truncated. */
  private async exchange(server: Nameserver, question: Question): Promise<{ result: TransportResult; tcp: boolean }> {
    const signal = this.closing.signal;
    this.counters.udp += 1;
    let result = await this.udp.exchange(server, question, this.timeoutMs);
    let tcp = false;
    if (result.kind === 'response' && result.reply.tc) {
      // RFC 7766 §5 / RFC 2181 §9: a truncated reply's records are incomplete; ask again over TCP.
      this.counters.tcp += 1;
      tcp = true;
      result = await this.tcpChannels.exchange(server, question, this.timeoutMs, signal);
    }
    if (result.kind === 'timeout') this.counters.timeouts += 1;
    return { result, tcp };
  }

  /** Ask over the network: UDP, TCP after truncation, retries rotating through the servers. */
  private async resolve(question: Question): Promise<Step> {
    const signal = this.closing.signal;
    this.counters.queries += 1;
    this.counters.queriesByType[question.type] = (this.counters.queriesByType[question.type] ?? 0) + 1;
    const tries = 1 + this.retries;
    const outcomes: TryOutcome[] = [];
    for (let attempt = 0; attempt < tries && !signal.aborted; attempt += 1) {
      const server = this.nameservers[attempt % this.nameservers.length]!;
      if (attempt > 0) this.counters.retries += 1;
      const { result, tcp } = await this.exchange(server, question);
      if (result.kind !== 'response') {
        outcomes.push({ server: server.label, result });
        continue;
      }
      let step = classifyReply(result.reply, server.label, tcp);
      if (step.rcode === 'FORMERR' && !result.reply.edns && question.edns !== false) {
        // RFC 6891 §7: a server that does not know EDNS answers FORMERR without OPT; ask it plainly.
        this.counters.retries += 1;
        const plain = await this.exchange(server, { ...question, edns: false });
        if (plain.result.kind === 'response') step = classifyReply(plain.result.reply, server.label, plain.tcp);
      }
      // The server's own word is final unless another server may say better.
      const anotherServer = this.nameservers.length > 1 && attempt + 1 < tries;
      if (!isIndeterminate(step.status) || !anotherServer) return step;
      outcomes.push({ server: server.label, result: { kind: 'step', step } });
    }
    if (outcomes.length === 0) return { status: 'error', records: [], server: this.nameservers[0]!.label, tcp: false, reason: 'resolver closed' };
    return summarise(outcomes);
  }
}

/** Seconds an outcome may be reused: positive by the smallest record TTL, negative by the SOA. */
function cacheTtl(step: Step): number {
  if (step.status === 'answer') return Math.min(...step.records.map((r) => r.ttl));
  if (step.status === 'nodata' || step.status === 'nxdomain') return step.negativeTtl ?? 0;
  return 0; // never cache timeouts, SERVFAIL and the like: the next asker deserves a fresh try
}

/** Indeterminate after every try: report the most telling failure and list all tries. */
function summarise(outcomes: TryOutcome[]): Step {
  const rank = (o: TryOutcome): number =>
    o.result.kind === 'step' ? 3 : o.result.kind === 'malformed' ? 2 : o.result.kind === 'error' ? 1 : 0;
  const best = outcomes.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  const what = ({ result: r }: TryOutcome): string => {
    if (r.kind === 'step') return r.step.status === 'servfail' || r.step.status === 'refused' ? r.step.rcode! : r.step.reason ?? r.step.status;
    return r.kind === 'timeout' || r.kind === 'response' ? r.kind : r.reason;
  };
  const tries = outcomes.length;
  const whats = outcomes.map(what);
  const servers = [...new Set(outcomes.map((o) => o.server))].join(', ');
  const reason = whats.every((w) => w === whats[0])
    ? tries === 1 && whats[0] !== 'timeout' ? whats[0]! : `${whats[0]} after ${tries} ${tries === 1 ? 'try' : 'tries'} (${servers})`
    : outcomes.map((o, i) => `${o.server}: ${whats[i]}`).join('; ');
  const r = best.result;
  if (r.kind === 'step') return { ...r.step, reason };
  const status = r.kind === 'malformed' ? 'malformed' : r.kind === 'error' ? 'error' : 'timeout';
  return { status, records: [], server: best.server, tcp: false, reason };
}

function toLookup(
  name: string, type: RRType, status: Lookup['status'], records: DnsRecord[], cnames: DnsRecord[], step: Step,
  extra: Partial<Lookup>,
): Lookup {
  const lookup: Lookup = { name, type, status, records: [...records], cnames: [...cnames], server: step.server };
  if (step.rcode !== undefined) lookup.rcode = step.rcode;
  if (step.aa !== undefined) lookup.aa = step.aa;
  if (step.tcp) lookup.tcp = true;
  const reason = extra.reason ?? (isIndeterminate(status) ? step.reason : undefined);
  if (reason !== undefined) lookup.reason = reason;
  if (extra.negativeTtl !== undefined) lookup.negativeTtl = extra.negativeTtl;
  return lookup;
}
