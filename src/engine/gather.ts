// Gathering: ask the resolver everything the rules will need for one domain. Each area adds its
// own lookups; the rules never query DNS themselves.
//
// Every lookup goes through one RecordingResolver per domain, which also holds the domain to its
// budget (src/limits.ts): a hostile record can make maildns ask at most MAX_QUERIES_PER_DOMAIN
// questions, wait at most DOMAIN_DEADLINE_MS, and keep at most MAX_RECORDS_PER_ANSWER records or
// MAX_ANSWER_BYTES of data per answer and MAX_DOMAIN_ANSWER_BYTES in all. Past a limit the lookup is indeterminate, with the reason.

import { isIndeterminate, normaliseName, type Lookup, type Resolver, type RRType } from '../dns/types.js';
import type { DomainFacts } from './facts.js';
import type { MxFacts, MxHostFacts } from './mx-facts.js';
import { gatherSpf } from '../spf/gather.js';
import { gatherDmarc } from '../dmarc/gather.js';
import { gatherDkim } from '../dkim/gather.js';
import { sesFactsFor, sesSelectors } from '../sources/gather-ses.js';
import type { SesInventory } from '../sources/ses.js';
import type { DriftResolvers } from '../drift/sources.js';
import { authoritativeCutShort, gatherAuthoritative } from './authoritative.js';
import { DOMAIN_DEADLINE_MS, MAX_ANSWER_BYTES, MAX_DOMAIN_ANSWER_BYTES, MAX_QUERIES_PER_DOMAIN, MAX_RECORDS_PER_ANSWER } from '../limits.js';

/** A domain's budget; the defaults are the constants of src/limits.ts. */
export interface DomainLimits {
  maxQueries: number;
  deadlineMs: number;
  maxRecordsPerAnswer: number;
  maxAnswerBytes: number;
  maxDomainBytes: number;
}

export const DEFAULT_DOMAIN_LIMITS: Readonly<DomainLimits> = {
  maxQueries: MAX_QUERIES_PER_DOMAIN,
  deadlineMs: DOMAIN_DEADLINE_MS,
  maxRecordsPerAnswer: MAX_RECORDS_PER_ANSWER,
  maxAnswerBytes: MAX_ANSWER_BYTES,
  maxDomainBytes: MAX_DOMAIN_ANSWER_BYTES,
};

export interface GatherOptions {
  resolver: Resolver;
  dkimSelectors: readonly string[];
  limits?: Partial<DomainLimits>;
  /** SES identities (`check --ses`): their tokens become DKIM selectors, and SES facts are gathered. */
  ses?: SesInventory;
  /** Ask each authoritative server on its own too (`check --authoritative`). */
  authoritative?: DriftResolvers;
}

type Refusal = 'queries' | 'deadline' | 'bytes';
/** The questions after the first one a limit stopped: the deadline also ends questions already asked, so not "not asked". */
const FATE_OF_THE_REST: Record<Refusal, string> = { deadline: 'left unanswered by it too', queries: 'not asked either', bytes: 'not read either' };

/**
 * A resolver wrapper that remembers every lookup made for one domain, in order, and keeps the domain
 * within its limits. Questions refused by a limit are answered at once as indeterminate; only the
 * first of each kind is recorded (one finding, not thousands), and finish() writes into it how many
 * more were refused.
 */
export class RecordingResolver {
  readonly lookups: Lookup[] = [];
  private readonly limits: DomainLimits;
  private asked = 0;
  private kept = 0;
  private readonly refused = new Map<Refusal, { first: Lookup; more: number }>();
  /** Lookups waiting for an answer: the deadline ends each of them. */
  private readonly waiting = new Set<() => void>();
  private deadlinePassed = false;
  private readonly timer: NodeJS.Timeout;
  /**
   * This domain's failed questions (timeout, SERVFAIL, …), by "name:type". The shared answer cache never
   * keeps a failure, so that another domain gets a fresh try; within one domain, asking again (an MX
   * host's address for the MX check, then for SPF's mx term) would only wait out the same failure twice.
   */
  private failed?: Map<string, Lookup>;

  constructor(private readonly inner: Resolver, limits: Partial<DomainLimits> = {}) {
    this.limits = { ...DEFAULT_DOMAIN_LIMITS, ...limits };
    this.timer = setTimeout(() => {
      this.deadlinePassed = true;
      for (const end of this.waiting) end();
      this.waiting.clear();
    }, this.limits.deadlineMs);
  }

  /**
   * One promise per question, settled by the answer or by the deadline, whichever comes first. An
   * async function around Promise.race([answer, deadline]) did the same with several promises, an
   * iterator and a suspended frame per question, and left a reaction on the deadline's promise for
   * every question of the domain: about 20 KB per domain of a batch's allocation.
   */
  lookup(name: string, type: RRType): Promise<Lookup> {
    if (this.deadlinePassed) return Promise.resolve(this.refuse('deadline', name, type));
    if (this.failed !== undefined) {
      const failure = this.failed.get(`${normaliseName(name)}:${type}`);
      if (failure !== undefined) return Promise.resolve(failure);
    }
    if (this.asked >= this.limits.maxQueries) return Promise.resolve(this.refuse('queries', name, type));
    this.asked += 1;
    return new Promise((resolve, reject) => {
      const onDeadline = (): void => resolve(this.refuse('deadline', name, type));
      this.waiting.add(onDeadline);
      this.inner.lookup(name, type).then(
        (answer) => {
          if (!this.waiting.delete(onDeadline)) return; // the deadline answered first
          try {
            resolve(this.keep(answer, name, type));
          } catch (error) {
            reject(error);
          }
        },
        (error: unknown) => {
          if (this.waiting.delete(onDeadline)) reject(error);
        },
      );
    });
  }

  /**
   * `work` (lookups made through other resolvers, as --authoritative's per-server ones are), or `late()`
   * once this domain's deadline passes first: the deadline bounds the whole domain, not only the
   * questions asked through this recorder.
   */
  withinDeadline<T>(work: Promise<T>, late: () => T): Promise<T> {
    if (this.deadlinePassed) return Promise.resolve(late());
    return new Promise((resolve, reject) => {
      const onDeadline = (): void => resolve(late());
      this.waiting.add(onDeadline);
      work.then(
        (value) => { if (this.waiting.delete(onDeadline)) resolve(value); },
        (error: unknown) => { if (this.waiting.delete(onDeadline)) reject(error); },
      );
    });
  }

  /** The reason a lookup the deadline ended gives. */
  get deadlineReason(): string {
    return `not answered within the per-domain deadline of ${this.limits.deadlineMs} ms`;
  }

  /** An answer within the deadline: bounded, counted against the domain's bytes, recorded. */
  private keep(answer: Lookup, name: string, type: RRType): Lookup {
    const bytes = dataBytes(answer);
    const bounded = this.bound(answer, bytes);
    const kept = bounded === answer ? bytes : 0; // a refused answer keeps no records
    if (this.kept + kept > this.limits.maxDomainBytes) return this.refuse('bytes', name, type);
    this.kept += kept;
    this.lookups.push(bounded);
    if (isIndeterminate(bounded.status)) (this.failed ??= new Map()).set(`${bounded.name}:${type}`, bounded);
    return bounded;
  }

  /** Stop the deadline's timer and say how many questions each limit refused after the first. */
  finish(): void {
    clearTimeout(this.timer);
    for (const [kind, { first, more }] of this.refused) {
      if (more > 0) first.reason = `${first.reason}; ${more} more question${more === 1 ? ' was' : 's were'} ${FATE_OF_THE_REST[kind]}`;
    }
  }

  private refuse(kind: Refusal, name: string, type: RRType): Lookup {
    const reason = {
      deadline: this.deadlineReason,
      queries: `not asked: this domain reached maildns's limit of ${this.limits.maxQueries} DNS questions per domain`,
      bytes: `not read: this domain's answers reached maildns's limit of ${this.limits.maxDomainBytes} bytes of record data per domain`,
    }[kind];
    const lookup: Lookup = { name: normaliseName(name), type, status: kind === 'deadline' ? 'timeout' : 'error', records: [], cnames: [], server: 'maildns', reason };
    const seen = this.refused.get(kind);
    if (seen) {
      seen.more += 1;
    } else {
      this.refused.set(kind, { first: lookup, more: 0 });
      this.lookups.push(lookup);
    }
    return { ...lookup };
  }

  /** An answer too large for mail DNS is not kept: the lookup becomes indeterminate, saying why. */
  private bound(lookup: Lookup, bytes: number): Lookup {
    const count = lookup.records.length;
    const tooLarge = (reason: string): Lookup => ({ ...lookup, status: 'error', records: [], reason });
    if (count > this.limits.maxRecordsPerAnswer) {
      return tooLarge(`the answer holds ${count} ${lookup.type} records; maildns reads at most ${this.limits.maxRecordsPerAnswer} per answer`);
    }
    if (bytes > this.limits.maxAnswerBytes) {
      return tooLarge(`the answer holds ${bytes} bytes of ${lookup.type} data; maildns reads at most ${this.limits.maxAnswerBytes} per answer`);
    }
    return lookup;
  }
}

function dataBytes(lookup: Lookup): number {
  let sum = 0;
  for (const record of lookup.records) sum += Buffer.byteLength(record.value);
  return sum;
}

export async function gatherDomainFacts(domain: string, options: GatherOptions): Promise<DomainFacts> {
  const dns = new RecordingResolver(options.resolver, options.limits);
  try {
    const [txt, spfType99, mx, dmarc, dkim] = await Promise.all([
      dns.lookup(domain, 'TXT'),
      dns.lookup(domain, 'SPF'),
      gatherMx(domain, dns),
      gatherDmarc(domain, dns),
      gatherDkim(domain, [...options.dkimSelectors, ...(options.ses ? sesSelectors(domain, options.ses) : [])], dns),
    ]);
    const [spf, ses, authoritative] = await Promise.all([
      gatherSpf(domain, txt, dns),
      options.ses ? sesFactsFor(domain, options.ses, dns) : undefined,
      options.authoritative
        ? dns.withinDeadline(gatherAuthoritative(domain, dkim.map((d) => d.selector), options.authoritative), () => authoritativeCutShort(domain, dns.deadlineReason))
        : undefined,
    ]);
    const facts: DomainFacts = { domain, lookups: dns.lookups, txt, spfType99, mx, dmarc, dkim };
    if (spf) facts.spf = spf;
    if (ses) facts.ses = ses;
    if (authoritative) facts.authoritative = authoritative;
    return facts;
  } finally {
    dns.finish();
  }
}

async function gatherMx(domain: string, dns: RecordingResolver): Promise<MxFacts> {
  const lookup = await dns.lookup(domain, 'MX');
  const seen = new Map<string, number>();
  for (const record of lookup.records) {
    const exchange = record.exchange ?? '';
    if (exchange === '' || seen.has(exchange)) continue; // the null MX has no host to resolve
    seen.set(exchange, record.preference ?? 0);
  }
  const hosts = await Promise.all(
    [...seen].map(async ([exchange, preference]): Promise<MxHostFacts> => {
      const [a, aaaa] = await Promise.all([dns.lookup(exchange, 'A'), dns.lookup(exchange, 'AAAA')]);
      return { exchange, preference, a, aaaa };
    }),
  );
  return { lookup, hosts };
}
