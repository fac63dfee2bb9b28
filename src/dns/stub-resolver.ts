// maildns's own stub resolver: asks the configured servers directly over UDP (TCP after truncation,
// or TCP alone with `transport: 'tcp'`),
// follows CNAMEs, and says honestly when it could not find out (timeout, SERVFAIL, …).
//
// Within one run each (name, type) is asked once: concurrent askers share the query in flight, and
// later askers get the cached outcome while its TTL lasts. The server set and RD flag are fixed per
// instance, so they need not be part of the key. The cache is bounded (answer-cache.ts), so a batch
// of any size runs in flat memory while the names domains share stay cached.

import { TcpChannels, TCP_IDLE_MS } from './tcp-transport.js';
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
  /** "IP[:PORT]"; IPv6 as "[::1]:5300" or bare "::1". Default: the nameservers of /etc/resolv.conf. */
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
  /**
   * 'udp' (default): UDP, and TCP only after a truncated reply. 'tcp': every question over TCP, on
   * one connection per server kept open and pipelined (RFC 7766): fewer system calls per query, no
   * UDP loss and no response rate limiting, for large batches (bench/README.md has the figures).
   */
  transport?: Transport;
  /**
   * After this many questions in a row got no reply at all (every try timed out), stop asking: later
   * questions end as timeouts at once, saying so. For resolvers of one authoritative server (check
   * --authoritative, drift's ns: and authoritative sources), where a dead secondary would otherwise
   * hold every domain of a batch for timeout × tries per question. Default: never give up.
   */
  giveUpAfterSilentQuestions?: number;
}

export type Transport = 'udp' | 'tcp';
export const TRANSPORTS: readonly Transport[] = ['udp', 'tcp'];

interface TryOutcome {
  server: string;
  /** The try went over TCP: a failure then says so, and the hint to reproduce it is `dig +tcp`. */
  tcp: boolean;
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
  /** Queries on the wire, a Map per type keyed by name (no "name|type" string per lookup; see answer-cache.ts). */
  private readonly inFlight = new Map<RRType, Map<string, Promise<Step>>>();
  /** close() was called (read on every query). */
  private closed = false;
  /**
   * Where each question's tries start: the server that last gave a definite answer. A first server that stopped
   * answering would otherwise cost every question a full timeout before the second is asked; a
   * server that times out while first hands the place to the next one (glibc's resolver keeps its
   * order and pays that wait every time).
   */
  private firstServer = 0;
  private readonly giveUpAfter: number;
  /** Questions in a row that no server replied to; the reason once it reached giveUpAfter. */
  private silentInARow = 0;
  private gaveUp: string | undefined;
  private readonly transport: Transport;
  private readonly tcpChannels: TcpChannels;
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
    this.transport = options.transport ?? 'udp';
    if (!TRANSPORTS.includes(this.transport)) throw new RangeError(`transport must be ${TRANSPORTS.join(' or ')}, got ${String(this.transport)}`);
    this.tcpChannels = new TcpChannels(this.transport === 'tcp' ? TCP_IDLE_MS : 0);
    this.giveUpAfter = options.giveUpAfterSilentQuestions ?? Infinity;
  }

  stats(): ResolverStats {
    return { ...this.counters, tcp: this.counters.tcp + this.tcpChannels.reasked, queriesByType: { ...this.counters.queriesByType } };
  }

  /** Abort queries in flight (they end as `error`, "resolver closed") and forget the cache. */
  close(): void {
    this.closed = true;
    this.udp.close();
    this.tcpChannels.close();
    this.cache.clear();
  }

  lookup(name: string, type: RRType, options?: LookupOptions): Promise<Lookup> {
    try {
      const asked = normaliseName(name);
      const invalid = checkQueryName(asked);
      if (invalid !== undefined) {
        return Promise.resolve({ name: asked, type, status: 'error', records: [], cnames: [], server: this.nameservers[0]!.label, reason: `cannot ask: ${invalid}` });
      }
      return this.walk(new Chain(asked, type, options?.followCnames ?? true), asked);
    } catch (error) {
      return Promise.reject(error); // as an async function would: never throw at the caller
    }
  }

  /**
   * Follow `chain` from `current` through the cached steps; only a step not cached waits, on the
   * network. Not an async function: a cache hit (4 in 10 lookups of a batch) then costs no
   * suspended frame, and a network answer one `.then` instead of a frame and an await.
   */
  private walk(chain: Chain, current: string): Promise<Lookup> {
    for (;;) {
      const step = this.cached(current, chain.type);
      if (step === undefined) {
        const asked = current;
        return this.fetch(asked, chain.type).then((fetched) => {
          const next = chain.advance(asked, fetched);
          return typeof next === 'string' ? this.walk(chain, next) : next;
        });
      }
      const next = chain.advance(current, step);
      if (typeof next !== 'string') return Promise.resolve(next);
      current = next;
    }
  }

  /** The cached outcome of one question, if it is still live. */
  private cached(name: string, type: RRType): Step | undefined {
    const cached = this.cache.get(type, name, this.now());
    if (cached) this.counters.cacheHits += 1;
    return cached;
  }

  /** One question not in the cache: the query already in flight for it, or a new one. */
  private fetch(name: string, type: RRType): Promise<Step> {
    let inFlight = this.inFlight.get(type);
    if (!inFlight) this.inFlight.set(type, (inFlight = new Map()));
    const pending = inFlight.get(name);
    if (pending) {
      this.counters.sharedInFlight += 1;
      return pending;
    }
    const query = this.ask({ name, type, recursionDesired: this.recursionDesired }, inFlight);
    inFlight.set(name, query);
    return query;
  }

  /**
   * One question over the network, in one async frame: wait for a slot, try the servers in turn
   * (exchange()), cache the outcome. Why one frame: this was four nested async
   * functions, each with its frame, promise and await per query (~300 MB of a 10,000-domain run's
   * allocation); only the rare second exchange of a try (plain DNS after FORMERR) has its own.
   */
  private async ask(question: Question, inFlight: Map<string, Promise<Step>>): Promise<Step> {
    if (!this.semaphore.tryAcquire()) await this.semaphore.acquire();
    let step: Step | undefined;
    let outcomes: TryOutcome[] | undefined;
    try {
      this.counters.queries += 1;
      this.counters.queriesByType[question.type] = (this.counters.queriesByType[question.type] ?? 0) + 1;
      if (this.gaveUp !== undefined) return { status: 'timeout', records: [], server: this.nameservers[0]!.label, tcp: false, reason: this.gaveUp };
      const tries = 1 + this.retries;
      const first = this.firstServer;
      for (let attempt = 0; attempt < tries && !this.closed; attempt += 1) {
        const index = (first + attempt) % this.nameservers.length;
        const server = this.nameservers[index]!;
        if (attempt > 0) this.counters.retries += 1;
        const { result, tcp } = await this.exchange(server, question);
        if (result.kind !== 'response') {
          if (result.kind === 'timeout' && this.firstServer === index) this.firstServer = (index + 1) % this.nameservers.length;
          (outcomes ??= []).push({ server: server.label, tcp, result });
          continue;
        }
        let answer = classifyReply(result.reply, server.label, tcp);
        if (answer.rcode === 'FORMERR' && !result.reply.edns && question.edns !== false) {
          // RFC 6891 §7: a server that does not know EDNS answers FORMERR without OPT; ask it plainly.
          this.counters.retries += 1;
          const plain = await this.exchange(server, { ...question, edns: false });
          if (plain.result.kind === 'response') answer = classifyReply(plain.result.reply, server.label, plain.tcp);
        }
        // A server that answers for the zone is where the next question starts; one that answers
        // REFUSED or SERVFAIL while first gives the place up, as a silent one does.
        if (!isIndeterminate(answer.status)) this.firstServer = index;
        else if (this.firstServer === index) this.firstServer = (index + 1) % this.nameservers.length;
        // The server's own word is final unless another server may say better.
        const anotherServer = this.nameservers.length > 1 && attempt + 1 < tries;
        if (!isIndeterminate(answer.status) || !anotherServer) {
          step = answer;
          break;
        }
        (outcomes ??= []).push({ server: server.label, tcp: answer.tcp, result: { kind: 'step', step: answer } });
      }
    } finally {
      this.semaphore.release();
      inFlight.delete(question.name);
    }
    step ??= outcomes === undefined
      ? { status: 'error', records: [], server: this.nameservers[0]!.label, tcp: false, reason: 'resolver closed' }
      : summarise(outcomes);
    if (this.giveUpAfter !== Infinity) this.countSilence(step, outcomes);
    const ttl = cacheTtl(step);
    if (ttl > 0 && !this.closed) this.cache.set(question.type, question.name, step, this.now() + ttl * 1000);
    return step;
  }

  /** giveUpAfterSilentQuestions: any reply resets the count; a question no try got a reply to adds one. */
  private countSilence(step: Step, outcomes: TryOutcome[] | undefined): void {
    const silent = step.status === 'timeout' && (outcomes ?? []).every((o) => o.result.kind === 'timeout');
    if (!silent) {
      this.silentInARow = 0;
      return;
    }
    this.silentInARow += 1;
    if (this.silentInARow >= this.giveUpAfter && this.gaveUp === undefined) {
      const servers = this.nameservers.map((n) => n.label).join(', ');
      this.gaveUp = `${servers} answered none of ${this.silentInARow} questions in a row, so it was not asked again in this run`;
    }
  }

  /** One try at one server: UDP, then TCP when the reply is truncated; or TCP alone. */
  private async exchange(server: Nameserver, question: Question): Promise<{ result: TransportResult; tcp: boolean }> {
    if (this.transport === 'udp') {
      this.counters.udp += 1;
      const result = await this.udp.exchange(server, question, this.timeoutMs);
      // RFC 7766 §5 / RFC 2181 §9: a truncated reply's records are incomplete; ask again over TCP.
      if (result.kind !== 'response' || !result.reply.tc) return this.counted(result, false);
    }
    this.counters.tcp += 1;
    return this.counted(await this.tcpChannels.exchange(server, question, this.timeoutMs), true);
  }

  private counted(result: TransportResult, tcp: boolean): { result: TransportResult; tcp: boolean } {
    if (result.kind === 'timeout') this.counters.timeouts += 1;
    return { result, tcp };
  }
}

/** One lookup's walk along a CNAME chain: what was asked, and the CNAMEs followed so far. */
class Chain {
  /** The Lookup's own array (never a cached step's). */
  readonly cnames: DnsRecord[] = [];
  /** Names of the chain so far, made when the first CNAME is followed. */
  private seen: Set<string> | undefined;

  constructor(readonly asked: string, readonly type: RRType, private readonly follow: boolean) {}

  /** What `step`, the answer about `current`, says: the Lookup, or the name to ask about next. */
  advance(current: string, step: Step): Lookup | string {
    const { asked, type, cnames } = this;
    if (isIndeterminate(step.status)) return toLookup(asked, type, step.status, [], cnames, step);
    // Walk the chain as far as this message answers it.
    let owner = current;
    for (;;) {
      let own: DnsRecord[] | undefined;
      let cname: DnsRecord | undefined; // the first of the owner's CNAMEs in codepoint order
      for (const record of step.records) {
        if (record.name !== owner) continue;
        if (record.type === type) (own ??= []).push(record);
        if (record.type === 'CNAME' && (cname === undefined || byCodepoint(record.value, cname.value) < 0)) cname = record;
      }
      if (own !== undefined && step.status === 'answer') return toLookup(asked, type, 'answer', own, cnames, step);
      if (!cname) break;
      if (!this.follow) return toLookup(asked, type, 'answer', [cname], cnames, step);
      cnames.push(cname);
      const target = cname.target ?? cname.value;
      this.seen ??= new Set([asked]);
      if (this.seen.has(target)) return toLookup(asked, type, 'error', [], cnames, step, `CNAME loop at "${target}"`);
      if (cnames.length > MAX_CNAME_CHAIN) {
        return toLookup(asked, type, 'error', [], cnames, step, `CNAME chain from "${asked}" longer than ${MAX_CNAME_CHAIN} at "${target}"`);
      }
      this.seen.add(target);
      owner = target;
    }
    // The message's rcode speaks for the name it was asked about. When it only gave us CNAMEs
    // (Knot and BIND send a CNAME into another zone alone), ask again for the target.
    if (owner === current) {
      if (step.status === 'answer') {
        // NOERROR with answers, none of them for the name and type asked: not a NODATA (that has an
        // empty answer section), but a reply that does not answer. Calling it "no record" would be a lie.
        const reason = `${step.server} answered ${type} "${current}" with records for other names or types only`;
        return toLookup(asked, type, 'malformed', [], cnames, step, reason);
      }
      return toLookup(asked, type, step.status, [], cnames, step, undefined, step.negativeTtl);
    }
    return owner;
  }
}

function cacheTtl(step: Step): number {
  if (step.status === 'answer') {
    let ttl = Infinity;
    for (const record of step.records) if (record.ttl < ttl) ttl = record.ttl;
    return ttl;
  }
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
  return { status, records: [], server: best.server, tcp: best.tcp, reason };
}

/** The Lookup for the asker; `records` and `cnames` are its own arrays (never a cached step's). */
function toLookup(
  name: string, type: RRType, status: Lookup['status'], records: DnsRecord[], cnames: DnsRecord[], step: Step,
  reason?: string, negativeTtl?: number,
): Lookup {
  const lookup: Lookup = { name, type, status, records, cnames, server: step.server };
  if (step.rcode !== undefined) lookup.rcode = step.rcode;
  if (step.aa !== undefined) lookup.aa = step.aa;
  if (step.tcp) lookup.tcp = true;
  const why = reason ?? (isIndeterminate(status) ? step.reason : undefined);
  if (why !== undefined) lookup.reason = why;
  if (negativeTtl !== undefined) lookup.negativeTtl = negativeTtl;
  return lookup;
}
