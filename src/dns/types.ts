// The DNS data model every source fills and every rule reads.
//
// Names are normalised like dnscontrol's record model: lower-case, absolute, no trailing dot
// ("example.com", "" is the root). Record sets are keyed "name:TYPE".

export type RRType =
  | 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'SPF' | 'NS' | 'SOA' | 'PTR' | 'CAA' | 'SRV';

/** One resource record as maildns sees it: decoded, normalised, with a stable presentation `value`. */
export interface DnsRecord {
  name: string;
  type: RRType;
  ttl: number;
  /**
   * Presentation value, normalised so that two sources can be compared:
   * A/AAAA the address; CNAME/NS/PTR the target name; MX "10 mx.example.com";
   * TXT/SPF the character-strings joined with nothing between them (RFC 7208 §3.3);
   * SOA "mname rname serial refresh retry expire minimum".
   */
  value: string;
  /** TXT and SPF only: the character-strings as published (UTF-8 decoded). */
  strings?: string[];
  /** MX only. */
  preference?: number;
  /** MX only: the exchange, normalised ("." for the null MX becomes ""). */
  exchange?: string;
  /** CNAME, NS, PTR only: the target name. */
  target?: string;
  /** SOA only. */
  serial?: number;
}

/**
 * How a lookup ended. Only `answer`, `nodata` and `nxdomain` are facts about the zone;
 * everything else is indeterminate: the name may well exist.
 */
export type LookupStatus =
  | 'answer'
  | 'nodata'
  | 'nxdomain'
  | 'servfail'
  | 'refused'
  | 'timeout'
  | 'malformed'
  | 'error';

export const DEFINITE_STATUSES: ReadonlySet<LookupStatus> = new Set(['answer', 'nodata', 'nxdomain']);

export function isIndeterminate(status: LookupStatus): boolean {
  return !DEFINITE_STATUSES.has(status);
}

/** Where an answer came from, for the evidence attached to findings. */
export interface AnswerSource {
  /** "127.0.0.1:53", "[::1]:5300", or "zone:examples/example.zone". */
  server: string;
  rcode?: string;
  /** Authoritative Answer flag. */
  aa?: boolean;
  /** True when the answer came over TCP (after a truncated UDP reply, or by choice); for a lookup that failed, when the try that decided it did. */
  tcp?: boolean;
}

/** The outcome of asking one question, CNAMEs followed. */
export interface Lookup extends AnswerSource {
  /** The name as asked (normalised). */
  name: string;
  type: RRType;
  status: LookupStatus;
  /** Records of the asked type at the end of the CNAME chain (empty unless status is `answer`). */
  records: DnsRecord[];
  /** CNAME records followed, in order, from `name` to the final owner name. */
  cnames: DnsRecord[];
  /** Why the lookup is indeterminate: "timeout after 3 tries", "CNAME loop at x.example", … */
  reason?: string;
  /** Negative-answer TTL (SOA minimum) for nodata/nxdomain, when known. */
  negativeTtl?: number;
}

export interface LookupOptions {
  /** Follow CNAMEs (default true). With false a CNAME answer comes back as records of type CNAME. */
  followCnames?: boolean;
}

/** Counters a resolver keeps for the run; reports print them. */
export interface ResolverStats {
  queries: number;
  queriesByType: Record<string, number>;
  udp: number;
  tcp: number;
  retries: number;
  timeouts: number;
  cacheHits: number;
  /** Concurrent askers that joined a query already in flight. */
  sharedInFlight: number;
}

/** Anything that can answer DNS questions: the stub resolver, a zone file, a test fixture. */
export interface Resolver {
  lookup(name: string, type: RRType, options?: LookupOptions): Promise<Lookup>;
  stats(): ResolverStats;
  /** Release sockets and timers. */
  close?(): Promise<void> | void;
}

export function emptyStats(): ResolverStats {
  return {
    queries: 0, queriesByType: {}, udp: 0, tcp: 0, retries: 0, timeouts: 0, cacheHits: 0, sharedInFlight: 0,
  };
}

/** The counters of several resolvers as one (--authoritative asks through one resolver per server). */
export function sumStats(all: readonly ResolverStats[]): ResolverStats {
  const sum = emptyStats();
  for (const s of all) {
    sum.queries += s.queries;
    sum.udp += s.udp;
    sum.tcp += s.tcp;
    sum.retries += s.retries;
    sum.timeouts += s.timeouts;
    sum.cacheHits += s.cacheHits;
    sum.sharedInFlight += s.sharedInFlight;
    for (const [type, n] of Object.entries(s.queriesByType)) sum.queriesByType[type as RRType] = (sum.queriesByType[type as RRType] ?? 0) + (n ?? 0);
  }
  return sum;
}

/** Lower-case, strip one trailing dot. The root is "". */
export function normaliseName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export function recordSetKey(name: string, type: RRType): string {
  return `${normaliseName(name)}:${type}`;
}
