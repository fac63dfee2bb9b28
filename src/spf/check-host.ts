// check_host() of RFC 7208 §4: evaluate the SPF policy of a domain for a client IP.
// DNS comes from an injected Resolver; every query, term and limit is recorded in the result.

import type { Lookup, Resolver, RRType } from '../dns/types.js';
import { isIndeterminate } from '../dns/types.js';
import { StubResolver, type StubResolverOptions } from '../dns/stub-resolver.js';
import type { AddressMechanism, MacroString, Mechanism, PtrMechanism, SpfRecord, Term } from './ast.js';
import { parseSpf } from './parse.js';
import { expandMacroString, parseMacroString, type MacroValues } from './macro.js';
import { dottedIp, equalIps, formatIp, inNetwork, parseIp, parseIpv4, parseIpv6, reverseName, unmapIpv4, type IpAddress } from './ip.js';
import { isAtOrBelow, isCheckableDomain, truncateDomain } from './domain.js';
import { selectSpfRecord } from './select.js';
import {
  DEFAULT_TIME_LIMIT_MS, MAX_MX_NAMES, MAX_PTR_NAMES, MAX_SPF_LOOKUPS, MAX_VOID_LOOKUPS, QUALIFIER_RESULTS,
  type CheckHostResult, type SpfQuery, type SpfResult, type SpfTraceStep,
} from './result.js';

export interface CheckHostInput {
  /** Client IP address, v4 or v6. */
  ip: string;
  /** MAIL FROM address; empty means the HELO identity is checked (postmaster@helo). */
  sender?: string;
  helo?: string;
}

export interface CheckHostOptions {
  /** Resolver to use; when absent, a stub resolver is built from `nameservers`. */
  resolver?: Resolver;
  nameservers?: string[];
  timeoutMs?: number;
  retries?: number;
  /** Explanation for fail when the record has none; a macro string (RFC 7208 §6.2). */
  defaultExplanation?: string;
  /** The receiving host, the "r" macro (RFC 7208 §7.2). */
  receiver?: string;
  /** Overall evaluation limit; exceeding it gives temperror (RFC 7208 §4.6.4). */
  timeLimitMs?: number;
  maxVoidLookups?: number;
  /** Clock for the "t" macro and the time limit (tests). */
  now?: () => number;
  /** false: no exp= lookup after a fail (the result is the same; only its explanation is left out). */
  explain?: boolean;
}

export const DEFAULT_EXPLANATION = 'SPF fail: %{c} is not authorised to send mail for %{o}';

/** A result that ends the whole evaluation (permerror, temperror), thrown up through includes. */
class SpfAbort extends Error {
  constructor(readonly result: 'permerror' | 'temperror', message: string) {
    super(message);
  }
}

interface Outcome {
  result: SpfResult;
  explanation?: string;
  mechanism?: string;
  problem?: string;
}

export async function checkHost(input: CheckHostInput, options: CheckHostOptions = {}): Promise<CheckHostResult> {
  let resolver = options.resolver;
  let owned = false;
  if (!resolver) {
    if (!options.nameservers?.length) throw new Error('checkHost needs options.resolver or options.nameservers');
    resolver = await createStubResolver(options);
    owned = true;
  }
  try {
    return await new Evaluation(resolver, input, options).run();
  } finally {
    if (owned) await resolver.close?.();
  }
}

async function createStubResolver(options: CheckHostOptions): Promise<Resolver> {
  const stubOptions: StubResolverOptions = { nameservers: options.nameservers ?? [] };
  if (options.timeoutMs !== undefined) stubOptions.timeoutMs = options.timeoutMs;
  if (options.retries !== undefined) stubOptions.retries = options.retries;
  return new StubResolver(stubOptions);
}

class Evaluation {
  private lookups = 0;
  private voidLookups = 0;
  private readonly trace: SpfTraceStep[] = [];
  private readonly queries: SpfQuery[] = [];
  private readonly ip: IpAddress | undefined;
  private readonly identity: 'mailfrom' | 'helo';
  private readonly sender: string;
  private readonly localPart: string;
  private readonly senderDomain: string;
  private readonly deadline: number;
  private readonly now: () => number;
  private validatedNames?: Promise<string[]>;

  constructor(private readonly resolver: Resolver, private readonly input: CheckHostInput, private readonly options: CheckHostOptions) {
    const parsed = parseIp(input.ip.trim());
    this.ip = parsed && unmapIpv4(parsed);
    const helo = input.helo ?? '';
    const mailFrom = input.sender ?? '';
    this.identity = mailFrom === '' ? 'helo' : 'mailfrom';
    const address = mailFrom === '' ? `postmaster@${helo}` : mailFrom;
    const at = address.lastIndexOf('@');
    // RFC 7208 §4.3: a sender without a local-part gets "postmaster".
    this.localPart = at > 0 ? address.slice(0, at) : 'postmaster';
    this.senderDomain = at >= 0 ? address.slice(at + 1) : address;
    this.sender = `${this.localPart}@${this.senderDomain}`;
    this.now = options.now ?? Date.now;
    this.deadline = this.now() + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  }

  async run(): Promise<CheckHostResult> {
    let outcome: Outcome;
    if (!this.ip) outcome = { result: 'none', problem: `"${this.input.ip}" is not an IP address` };
    else if (!isCheckableDomain(this.senderDomain)) {
      outcome = { result: 'none', problem: `"${this.senderDomain}" is not a valid multi-label domain name (RFC 7208 §4.3)` };
    } else {
      try {
        outcome = await this.checkDomain(this.senderDomain.replace(/\.$/, ''), 0, this.options.explain !== false);
      } catch (error) {
        if (!(error instanceof SpfAbort)) throw error;
        outcome = { result: error.result, problem: error.message };
        this.step(0, this.senderDomain, 'error', undefined, error.message);
      }
    }
    const result: CheckHostResult = {
      result: outcome.result, identity: this.identity, domain: this.senderDomain, ip: this.input.ip,
      lookups: this.lookups, voidLookups: this.voidLookups, trace: this.trace, queries: this.queries,
    };
    if (outcome.explanation !== undefined) result.explanation = outcome.explanation;
    if (outcome.mechanism !== undefined) result.mechanism = outcome.mechanism;
    if (outcome.problem !== undefined) result.problem = outcome.problem;
    return result;
  }

  private step(depth: number, domain: string, event: SpfTraceStep['event'], term?: string, detail?: string): void {
    const s: SpfTraceStep = { depth, domain, event };
    if (term !== undefined) s.term = term;
    if (detail !== undefined) s.detail = detail;
    this.trace.push(s);
  }

  /** One DNS query, recorded; resolver exceptions become an indeterminate lookup. */
  private async query(name: string, type: RRType, countVoid: boolean): Promise<Lookup> {
    if (this.now() > this.deadline) throw new SpfAbort('temperror', 'SPF evaluation exceeded its time limit (RFC 7208 §4.6.4)');
    let lookup: Lookup;
    try {
      lookup = await this.resolver.lookup(name, type);
    } catch (error) {
      lookup = { name, type, status: 'error', records: [], cnames: [], server: '', reason: (error as Error).message };
    }
    const isVoid = countVoid && (lookup.status === 'nxdomain' || lookup.status === 'nodata');
    const q: SpfQuery = { name, type, status: lookup.status, answers: lookup.records.length };
    if (isVoid) q.void = true;
    this.queries.push(q);
    if (isVoid) {
      this.voidLookups++;
      const max = this.options.maxVoidLookups ?? MAX_VOID_LOOKUPS;
      if (this.voidLookups > max) throw new SpfAbort('permerror', `more than ${max} void lookups; the last was ${type} ${name} (RFC 7208 §4.6.4)`);
    }
    return lookup;
  }

  /** A query whose failure makes the whole result temperror (RFC 7208 §5). */
  private async queryOrFail(name: string, type: RRType): Promise<Lookup> {
    const lookup = await this.query(name, type, true);
    if (isIndeterminate(lookup.status)) {
      throw new SpfAbort('temperror', `${type} lookup for "${name}" failed: ${lookup.reason ?? lookup.status}`);
    }
    return lookup;
  }

  private countLookup(term: Term): void {
    this.lookups++;
    if (this.lookups > MAX_SPF_LOOKUPS) {
      throw new SpfAbort('permerror', `"${term.text}" is DNS lookup ${this.lookups}; the limit is ${MAX_SPF_LOOKUPS} (RFC 7208 §4.6.4)`);
    }
  }

  private macroValues(domain: string): MacroValues {
    const ip = this.ip as IpAddress;
    return {
      s: this.sender, l: this.localPart, o: this.senderDomain, d: domain, h: this.input.helo ?? '',
      i: dottedIp(ip), c: formatIp(ip), v: ip.family === 4 ? 'in-addr' : 'ip6',
      r: this.options.receiver ?? 'unknown', t: String(Math.floor(this.now() / 1000)),
      p: () => this.validatedName(domain),
    };
  }

  /** Expand a domain-spec (or default to the current domain); undefined when the result is no usable name. */
  private async targetName(spec: { domain?: MacroString }, domain: string): Promise<string | undefined> {
    if (!spec.domain) return domain;
    const expanded = truncateDomain(await expandMacroString(spec.domain, this.macroValues(domain)));
    return isCheckableDomain(expanded) ? expanded : undefined;
  }

  private async checkDomain(domain: string, depth: number, wantExplanation: boolean): Promise<Outcome> {
    const txt = await this.query(domain, 'TXT', depth > 0);
    if (isIndeterminate(txt.status)) {
      throw new SpfAbort('temperror', `TXT lookup for "${domain}" failed: ${txt.reason ?? txt.status}`);
    }
    const selected = selectSpfRecord(txt.records);
    if (selected.kind === 'none') {
      this.step(depth, domain, 'no-record', undefined, txt.status === 'answer' ? 'no v=spf1 TXT record' : txt.status);
      return { result: 'none', problem: `"${domain}" has no SPF record` };
    }
    if (selected.kind === 'multiple') {
      throw new SpfAbort('permerror', `"${domain}" has ${selected.records.length} SPF records; there must be one (RFC 7208 §4.5)`);
    }
    const record = parseSpf(selected.text);
    this.step(depth, domain, 'record', undefined, selected.text);
    const firstError = record.errors[0];
    if (firstError) {
      throw new SpfAbort('permerror', `SPF record of "${domain}": "${firstError.term}" at offset ${firstError.offset}: ${firstError.message}`);
    }
    return this.evaluateRecord(record, domain, depth, wantExplanation);
  }

  private async evaluateRecord(record: SpfRecord, domain: string, depth: number, wantExplanation: boolean): Promise<Outcome> {
    for (const term of record.terms) {
      if (term.kind === 'redirect' || term.kind === 'exp' || term.kind === 'unknown-modifier' || term.kind === 'invalid') continue;
      const matched = await this.matches(term, domain, depth);
      this.step(depth, domain, matched ? 'match' : 'no-match', term.text);
      if (!matched) continue;
      const result = QUALIFIER_RESULTS[term.qualifier];
      const outcome: Outcome = { result, mechanism: term.text };
      if (result === 'fail' && wantExplanation) outcome.explanation = await this.explain(record, domain, depth);
      return outcome;
    }
    const redirect = record.terms.find((t) => t.kind === 'redirect');
    if (redirect && redirect.kind === 'redirect') {
      this.countLookup(redirect);
      const target = await this.targetName(redirect, domain);
      this.step(depth, domain, 'redirect', redirect.text, target);
      const outcome = target ? await this.checkDomain(target, depth + 1, wantExplanation) : undefined;
      if (!outcome || outcome.result === 'none') {
        throw new SpfAbort('permerror', `"${redirect.text}" leads to no SPF record (RFC 7208 §6.1)`);
      }
      return outcome;
    }
    this.step(depth, domain, 'default', undefined, 'no mechanism matched: neutral (RFC 7208 §4.7)');
    return { result: 'neutral' };
  }

  private async matches(term: Mechanism, domain: string, depth: number): Promise<boolean> {
    const ip = this.ip as IpAddress;
    switch (term.kind) {
      case 'all':
        return true;
      case 'ip4':
      case 'ip6': {
        const network = term.kind === 'ip4' ? parseIpv4(term.address) : parseIpv6(term.address);
        if (!network) return false;
        const net = unmapIpv4(network);
        return inNetwork(ip, net, term.prefix ?? (net.family === 4 ? 32 : 128));
      }
      case 'a': {
        this.countLookup(term);
        const target = await this.targetName(term, domain);
        return target !== undefined && this.addressesMatch(await this.queryOrFail(target, addressType(ip)), term);
      }
      case 'mx':
        return this.matchMx(term, domain);
      case 'ptr':
        return this.matchPtr(term, domain);
      case 'exists': {
        this.countLookup(term);
        const target = await this.targetName(term, domain);
        // RFC 7208 §5.7: the lookup type is A even for an IPv6 client.
        return target !== undefined && (await this.queryOrFail(target, 'A')).records.length > 0;
      }
      case 'include': {
        this.countLookup(term);
        const target = await this.targetName(term, domain);
        const outcome = target ? await this.checkDomain(target, depth + 1, false) : undefined;
        if (!outcome || outcome.result === 'none') {
          throw new SpfAbort('permerror', `"${term.text}" leads to no SPF record (RFC 7208 §5.2)`);
        }
        return outcome.result === 'pass';
      }
    }
  }

  private addressesMatch(lookup: Lookup, term: { cidr4?: number; cidr6?: number }): boolean {
    const ip = this.ip as IpAddress;
    const prefix = ip.family === 4 ? term.cidr4 ?? 32 : term.cidr6 ?? 128;
    return lookup.records.some((r) => {
      const address = parseIp(r.value);
      return address !== undefined && inNetwork(ip, address, prefix);
    });
  }

  private async matchMx(term: AddressMechanism, domain: string): Promise<boolean> {
    this.countLookup(term);
    const target = await this.targetName(term, domain);
    if (target === undefined) return false;
    const mx = await this.queryOrFail(target, 'MX');
    if (mx.records.length > MAX_MX_NAMES) {
      throw new SpfAbort('permerror', `"${term.text}": "${target}" has ${mx.records.length} MX records; the limit is ${MAX_MX_NAMES} (RFC 7208 §4.6.4)`);
    }
    for (const record of mx.records) {
      const exchange = record.exchange ?? record.value.split(' ').pop() ?? '';
      if (exchange === '' || exchange === '.') continue; // the null MX (RFC 7505) names no host
      if (this.addressesMatch(await this.queryOrFail(exchange, addressType(this.ip as IpAddress)), term)) return true;
    }
    return false;
  }

  private async matchPtr(term: PtrMechanism, domain: string): Promise<boolean> {
    this.countLookup(term);
    const target = await this.targetName(term, domain);
    if (target === undefined) return false;
    const names = await this.ptrNames(true);
    // RFC 7208 §5.5: only names ending in the target need validating; lookup errors skip a name.
    for (const name of names.filter((n) => isAtOrBelow(n, target))) {
      if (await this.validates(name)) return true;
    }
    return false;
  }

  /** The first 10 PTR names of the client IP; errors give none (RFC 7208 §5.5). */
  private async ptrNames(countVoid: boolean): Promise<string[]> {
    const lookup = await this.query(reverseName(this.ip as IpAddress), 'PTR', countVoid);
    return lookup.records.slice(0, MAX_PTR_NAMES).map((r) => (r.target ?? r.value).replace(/\.$/, '').toLowerCase());
  }

  private async validates(name: string): Promise<boolean> {
    const ip = this.ip as IpAddress;
    const lookup = await this.query(name, addressType(ip), false);
    return lookup.records.some((r) => {
      const address = parseIp(r.value);
      return address !== undefined && equalIps(unmapIpv4(address), ip);
    });
  }

  /** The "p" macro (RFC 7208 §7.3): a validated name, preferring the domain or a name below it. */
  private async validatedName(domain: string): Promise<string> {
    this.validatedNames ??= (async () => {
      const out: string[] = [];
      for (const name of await this.ptrNames(false)) if (await this.validates(name)) out.push(name);
      return out;
    })();
    const names = await this.validatedNames;
    return names.find((n) => n === domain.toLowerCase()) ?? names.find((n) => isAtOrBelow(n, domain)) ?? names[0] ?? 'unknown';
  }

  /** RFC 7208 §6.2: the explanation for a fail; any problem falls back to the default explanation. */
  private async explain(record: SpfRecord, domain: string, depth: number): Promise<string> {
    const exp = record.terms.find((t) => t.kind === 'exp');
    if (exp && exp.kind === 'exp') {
      const target = await this.targetName(exp, domain);
      // The exp lookup counts against neither limit (OpenSPF suite "exp-void").
      const lookup = target ? await this.query(target, 'TXT', false) : undefined;
      const only = lookup?.status === 'answer' && lookup.records.length === 1 ? lookup.records[0] : undefined;
      if (only) {
        const text = await this.expandExplanation(only.strings ? only.strings.join('') : only.value, domain);
        if (text !== undefined) {
          this.step(depth, domain, 'explanation', exp.text, text);
          return text;
        }
      }
    }
    const fallback = this.options.defaultExplanation ?? DEFAULT_EXPLANATION;
    return (await this.expandExplanation(fallback, domain)) ?? fallback;
  }

  private async expandExplanation(text: string, domain: string): Promise<string | undefined> {
    const parsed = parseMacroString(text, { explanation: true });
    if (parsed.errors.length) return undefined;
    const expanded = await expandMacroString(parsed.value, this.macroValues(domain));
    return /^[\x20-\x7e]*$/.test(expanded) ? expanded : undefined; // RFC 7208 §6.2: US-ASCII only
  }
}

function addressType(ip: IpAddress): RRType {
  return ip.family === 4 ? 'A' : 'AAAA';
}
