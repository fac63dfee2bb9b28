// The check pipeline for a list of domains: gather facts, run rules, build one DomainReport each.
// Domains run with bounded concurrency and are handed to `onDomain` as each completes, so a batch
// of thousands can be streamed without holding every report in memory.

import { isIndeterminate, sumStats, type Resolver, type ResolverStats } from '../dns/types.js';
import { allRules } from '../../rules/index.js';
import { gatherDomainFacts, type DomainLimits } from './gather.js';
import type { SesInventory } from '../sources/ses.js';
import type { DriftResolvers } from '../drift/sources.js';
import { runRules, type RuleSettings } from './run-rules.js';
import { domainStatus, recordsOf, sortFindings } from './outcome.js';
import type { DomainReport, DomainStatus, FailOn, Finding, Report, Rule } from './types.js';
import { renderJsonLine } from '../report/render-json.js';
import type { DomainFacts } from './facts.js';
import { VERSION } from '../version.js';
import { byCodepoint } from '../order.js';
import { CheckWorkerPool } from './check-workers.js';

export interface CheckOptions {
  resolver: Resolver;
  /** SES identities (`check --ses`): SES's expectations are checked too, its DKIM tokens used as selectors. */
  ses?: SesInventory;
  /** Also ask each authoritative server on its own and compare their answers (`check --authoritative`). */
  authoritative?: DriftResolvers;
  /** DKIM selectors to look up, for every domain or per domain. */
  dkimSelectors?: readonly string[] | ((domain: string) => readonly string[]);
  rules?: readonly Rule[];
  ruleSettings?: RuleSettings;
  /** Domains in flight at once. */
  concurrency?: number;
  failOn?: FailOn;
  /**
   * Called as each domain completes (in completion order). When it returns a promise (output
   * waiting to drain), this worker takes its next domain only once it settles, so a slow reader
   * slows the run down instead of letting reports pile up in memory.
   */
  onDomain?: (report: DomainReport) => void | Promise<void>;
  /**
   * For streaming callers that print each domain as its JSON line (`--format jsonl`): called instead
   * of onDomain, with the line (renderJsonLine's text) and what an exit code needs. In worker mode
   * the main thread then never parses the reports (~16 KB each) the workers rendered. Same waiting
   * as onDomain when it returns a promise.
   */
  onDomainLine?: (line: string, outcome: DomainOutcome) => void | Promise<void>;
  /** When aborted, domains not yet checked are reported as indeterminate. */
  signal?: AbortSignal;
  /** Per-domain limits (queries, deadline, answer size); defaults in src/limits.ts. */
  limits?: Partial<DomainLimits>;
  /** Keep DomainReports in the returned Report (default true; batch streaming turns it off). */
  collect?: boolean;
  /**
   * Worker threads that run the per-domain pipeline while this thread keeps the resolver (default 0:
   * all in this thread). Ignored, the run staying in this thread, when `ses`, `authoritative` or
   * `rules` are given: those hold state or code that cannot be handed to another thread.
   */
  workers?: number;
}

/**
 * Domains in flight at once. Each has only a few questions out at a time (its SPF tree is walked
 * level by level), so 32 domains keep the resolver's in-flight cap (64 by default) busy.
 */
export const DEFAULT_CONCURRENCY = 32;

/** What a domain's exit code depends on (outcome.ts exitCodeFor), without its records. */
export interface DomainOutcome {
  domain: string;
  status: DomainStatus;
  findings: Array<Pick<Finding, 'severity' | 'indeterminate'>>;
}

/** A checked domain: its report, or (from a worker) its JSON line and outcome, the report parsed only if asked for. */
export type CheckedDomain = { report: DomainReport } | { line: string; outcome: DomainOutcome };

export function outcomeOf(report: DomainReport): DomainOutcome {
  return { domain: report.domain, status: report.status, findings: report.findings.map((f) => ({ severity: f.severity, ...(f.indeterminate ? { indeterminate: true } : {}) })) };
}

function selectorsOf(domain: string, options: CheckOptions): readonly string[] {
  return typeof options.dkimSelectors === 'function' ? options.dkimSelectors(domain) : options.dkimSelectors ?? [];
}

/** Worker threads for this run, or undefined to run in this thread (see CheckOptions.workers). */
function startPool(domainCount: number, options: CheckOptions): CheckWorkerPool | undefined {
  const count = Math.min(options.workers ?? 0, domainCount);
  if (count < 1 || options.ses || options.authoritative || options.rules) return undefined;
  return new CheckWorkerPool(count, {
    ...(options.ruleSettings ? { ruleSettings: options.ruleSettings } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  }, options.resolver);
}

export async function checkDomain(domain: string, options: CheckOptions): Promise<DomainReport> {
  const selectors = selectorsOf(domain, options);
  let facts: DomainFacts;
  try {
    facts = await gatherDomainFacts(domain, {
      resolver: options.resolver,
      dkimSelectors: selectors,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.ses ? { ses: options.ses } : {}),
      ...(options.authoritative ? { authoritative: options.authoritative } : {}),
    });
  } catch (error) {
    return failedDomain(domain, `gathering failed: ${(error as Error).message}`);
  }
  const { findings, rulesRun } = runRules(options.rules ?? allRules, facts, options.ruleSettings);
  sortFindings(findings);
  const status = domainStatus(findings, facts.lookups);
  const report: DomainReport = { domain, status, records: recordsOf(facts.lookups, domain), findings, rulesRun };
  if (status === 'indeterminate' && !findings.some((f) => f.indeterminate)) report.error = unreportedFailures(facts.lookups);
  return report;
}

/**
 * Why a domain is indeterminate when no finding says so (dns-lookup-indeterminate turned off): every
 * format shows a domain's `error`, and JUnit counts it as one, so a CI page does not go green on exit 3.
 */
function unreportedFailures(lookups: DomainFacts['lookups']): string {
  const failed = lookups.filter((l) => isIndeterminate(l.status));
  const listed = failed.slice(0, 5).map((l) => `${l.type} ${l.name} (${l.status})`).join(', ');
  const more = failed.length > 5 ? `, and ${failed.length - 5} more` : '';
  return `lookups failed and no finding reports them (dns-lookup-indeterminate is off): ${listed}${more}`;
}

export function failedDomain(domain: string, error: string): DomainReport {
  return { domain, status: 'indeterminate', records: [], findings: [], rulesRun: [], error };
}

export async function checkDomains(domains: readonly string[], options: CheckOptions): Promise<Report> {
  const collect = options.collect ?? true;
  const reports: DomainReport[] = [];
  const byStatus: Record<DomainStatus, number> = { ok: 0, notice: 0, warning: 0, error: 0, indeterminate: 0 };
  const finish = async (checked: CheckedDomain): Promise<void> => {
    const needReport = collect || !options.onDomainLine;
    const report = 'report' in checked ? checked.report : needReport ? (JSON.parse(checked.line) as DomainReport) : undefined;
    byStatus['report' in checked ? checked.report.status : checked.outcome.status]++;
    if (collect) reports.push(report!);
    if (options.onDomainLine) {
      await ('line' in checked ? options.onDomainLine(checked.line, checked.outcome) : options.onDomainLine(renderJsonLine(report!), outcomeOf(report!)));
    } else {
      await options.onDomain?.(report!);
    }
  };
  const pool = startPool(domains.length, options);
  const check = pool
    ? (domain: string) => pool.check(domain, selectorsOf(domain, options))
    : async (domain: string): Promise<CheckedDomain> => ({ report: await checkDomain(domain, options) });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < domains.length) {
      const domain = domains[next++]!;
      if (options.signal?.aborted) {
        await finish({ report: failedDomain(domain, 'not checked: the run was interrupted') });
        continue;
      }
      await finish(await check(domain));
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, domains.length));
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await pool?.close();
  }
  reports.sort((a, b) => byCodepoint(a.domain, b.domain));
  return {
    schemaVersion: 1,
    tool: { name: 'maildns', version: VERSION },
    failOn: options.failOn ?? 'error',
    domains: reports,
    stats: { domains: domains.length, byStatus, dns: runStats(options) },
  };
}

/** The run's DNS counters: the resolver's, and those of --authoritative's own resolvers when they keep them. */
function runStats(options: Pick<CheckOptions, 'resolver' | 'authoritative'>): ResolverStats {
  const own = options.resolver.stats();
  const authoritative = options.authoritative?.stats?.();
  return authoritative ? sumStats([own, authoritative]) : own;
}
