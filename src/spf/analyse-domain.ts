// analyseSpf(): the static SPF analysis of one domain as the library and `maildns spf <domain>` give
// it: worst-case lookup figures, the tree, and the findings of the SPF rules.

import type { Lookup, Resolver } from '../dns/types.js';
import { isIndeterminate } from '../dns/types.js';
import type { Finding } from '../engine/types.js';
import { gatherDomainFacts } from '../engine/gather.js';
import { runRules, type RuleSettings } from '../engine/run-rules.js';
import { sortFindings } from '../engine/outcome.js';
import { spfRules } from '../../rules/spf/index.js';
import type { SpfNode, VoidCounts } from './facts.js';
import { COUNTING_POLICY } from './facts.js';
import { MAX_SPF_LOOKUPS, MAX_VOID_LOOKUPS } from './result.js';

export interface SpfAnalysis {
  domain: string;
  /** The apex v=spf1 record, or null when there is not exactly one. */
  record: string | null;
  /** Worst-case DNS-querying terms (RFC 7208 §4.6.4), every path counted. */
  lookups: number;
  lookupLimit: number;
  /** The highest void-lookup figure of the readings in `voidReadings`. */
  voidLookups: number;
  voidLookupLimit: number;
  voidReadings: VoidCounts;
  countingPolicy: string;
  tree: SpfNode | null;
  /** True when a lookup the analysis needed failed (timeout, SERVFAIL, …): the figures are a lower bound. */
  indeterminate: boolean;
  /**
   * How the domain's own TXT lookup ended. When it failed, `record` and `tree` are null because SPF could
   * not be read, not because there is none; the reason says why (a CNAME loop, a timeout, …).
   */
  apexTxt: { status: Lookup['status']; reason?: string };
  findings: Finding[];
}

export interface AnalyseSpfOptions {
  resolver: Resolver;
  ruleSettings?: RuleSettings;
}

export async function analyseSpf(domain: string, options: AnalyseSpfOptions): Promise<SpfAnalysis> {
  const facts = await gatherDomainFacts(domain, { resolver: options.resolver, dkimSelectors: [] });
  const { findings } = runRules(spfRules, facts, options.ruleSettings ?? {});
  sortFindings(findings);
  const spf = facts.spf;
  return {
    domain,
    record: spf?.record ?? null,
    lookups: spf?.lookups ?? 0,
    lookupLimit: MAX_SPF_LOOKUPS,
    voidLookups: spf?.voidLookups ?? 0,
    voidLookupLimit: MAX_VOID_LOOKUPS,
    voidReadings: spf?.voidReadings ?? { ipv4Client: 0, ipv6Client: 0, addressPair: 0 },
    countingPolicy: COUNTING_POLICY,
    tree: spf?.root ?? null,
    indeterminate: isIndeterminate(facts.txt.status) || (spf ? hasIndeterminate(spf.root) : false),
    apexTxt: { status: facts.txt.status, ...(facts.txt.reason !== undefined ? { reason: facts.txt.reason } : {}) },
    findings,
  };
}

function hasIndeterminate(node: SpfNode): boolean {
  if (node.status === 'indeterminate') return true;
  return node.terms.some((t) => t.queries.some((q) => isIndeterminate(q.status)) || (t.child !== undefined && hasIndeterminate(t.child)));
}
