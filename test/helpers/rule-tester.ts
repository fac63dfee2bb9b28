// Table-driven rule tests, ESLint style: each case is a zone-file snippet; the rule runs over the facts
// gathered from it, and the test asserts the findings' ids and data, never their prose.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { Lookup, LookupOptions, LookupStatus, Resolver, RRType } from '../../src/dns/types.js';
import { emptyStats, normaliseName } from '../../src/dns/types.js';
import { gatherDomainFacts } from '../../src/engine/gather.js';
import { runRules, type RuleSetting } from '../../src/engine/run-rules.js';
import type { Finding, Rule, Severity } from '../../src/engine/types.js';
import type { DomainFacts } from '../../src/engine/facts.js';

export interface RuleCase {
  name: string;
  /** Zone-file text; relative names are under `domain`; every name not in it is NXDOMAIN. */
  zone: string;
  domain?: string;
  dkimSelectors?: string[];
  /** Lookups that fail instead of answering: "name:TYPE" (or "name" for every type) -> status. */
  faults?: Record<string, LookupStatus>;
  setting?: RuleSetting;
  /**
   * `check --authoritative`: the zone as each name server serves it, keyed by the server's address
   * (the A record of an NS host in `zone`). A server not listed here refuses.
   */
  servers?: Record<string, string>;
}

export interface ExpectedFinding {
  messageId: string;
  /** Asserted as a subset of the finding's data. */
  data?: Record<string, unknown>;
  subjectName?: string;
  severity?: Severity;
  indeterminate?: boolean;
}

export function resolverForZone(zone: string, domain = 'example.com', faults: RuleCase['faults'] = {}): Resolver {
  const parsed = parseZoneFile(`$TTL 300\n${zone}`, { file: 'case.zone', origin: `${domain}.` });
  // The whole namespace is one zone, so a name the snippet does not mention is NXDOMAIN. A domain with
  // NS records of its own is a zone in it, so that they are its own, not a delegation out of the root
  // (below which a zone file knows nothing).
  const apex = normaliseName(domain);
  const ownZone = parsed.records.some((r) => r.type === 'NS' && r.name === apex);
  const zones = new ZoneResolver([{ ...parsed, apexes: ownZone ? ['', apex] : [''] }]);
  if (Object.keys(faults).length === 0) return zones;
  return {
    stats: () => zones.stats(),
    async lookup(name: string, type: RRType, options?: LookupOptions): Promise<Lookup> {
      const key = normaliseName(name);
      const status = faults[`${key}:${type}`] ?? faults[key];
      if (!status) return zones.lookup(name, type, options);
      return { name: key, type, status, records: [], cnames: [], server: 'test', reason: `injected ${status}` };
    },
  };
}

/** A server that answers nothing useful: every lookup is `refused`. */
function refusingResolver(server: string): Resolver {
  return {
    stats: () => emptyStats(),
    lookup: async (name: string, type: RRType): Promise<Lookup> =>
      ({ name: normaliseName(name), type, status: 'refused', rcode: 'REFUSED', records: [], cnames: [], server, reason: 'REFUSED' }),
  };
}

export async function factsForCase(c: RuleCase): Promise<DomainFacts> {
  const domain = c.domain ?? 'example.com';
  const resolver = resolverForZone(c.zone, domain, c.faults);
  const servers = c.servers;
  return gatherDomainFacts(domain, {
    resolver,
    dkimSelectors: c.dkimSelectors ?? [],
    ...(servers
      ? {
          authoritative: {
            recursive: resolver,
            server: (address: string) => {
              const zone = servers[address.replace(/:53$/, '')];
              return zone !== undefined ? resolverForZone(zone, domain) : refusingResolver(address);
            },
          },
        }
      : {}),
  });
}

export async function findingsForCase(rule: Rule, c: RuleCase): Promise<Finding[]> {
  const facts = await factsForCase(c);
  const settings = c.setting ? { [rule.id]: c.setting } : {};
  return runRules([rule], facts, settings).findings;
}

function matches(finding: Finding, expected: ExpectedFinding): boolean {
  if (finding.messageId !== expected.messageId) return false;
  if (expected.subjectName !== undefined && finding.subject.name !== expected.subjectName) return false;
  if (expected.severity !== undefined && finding.severity !== expected.severity) return false;
  if (expected.indeterminate !== undefined && Boolean(finding.indeterminate) !== expected.indeterminate) return false;
  for (const [key, value] of Object.entries(expected.data ?? {})) {
    try {
      assert.deepStrictEqual(finding.data[key], value);
    } catch {
      return false;
    }
  }
  return true;
}

const describeFindings = (findings: Finding[]): string =>
  JSON.stringify(findings.map((f) => ({ messageId: f.messageId, severity: f.severity, subject: f.subject.name, data: f.data })), null, 1);

/**
 * Registers one node:test per case. `findingsFor` turns a case into findings; areas whose facts come
 * from more than a zone (SES identities) pass their own and reuse the assertions.
 */
export function runRuleCases<C extends RuleCase = RuleCase>(
  rule: Rule,
  cases: { valid?: NoInfer<C>[]; invalid?: Array<NoInfer<C> & { findings: ExpectedFinding[] }> },
  findingsFor: (rule: Rule, c: C) => Promise<Finding[]> = findingsForCase,
): void {
  for (const c of cases.valid ?? []) {
    test(`${rule.id} valid: ${c.name}`, async () => {
      const findings = (await findingsFor(rule, c)).filter((f) => f.severity !== 'info');
      assert.deepEqual(findings, [], `expected no findings above info, got ${describeFindings(findings)}`);
    });
  }
  for (const c of cases.invalid ?? []) {
    test(`${rule.id} invalid: ${c.name}`, async () => {
      const findings = await findingsFor(rule, c);
      const unmatched = [...findings];
      for (const expected of c.findings) {
        const index = unmatched.findIndex((f) => matches(f, expected));
        assert.ok(index >= 0, `expected ${JSON.stringify(expected)} among ${describeFindings(findings)}`);
        unmatched.splice(index, 1);
      }
      const extra = unmatched.filter((f) => f.severity !== 'info');
      assert.deepEqual(extra, [], `unexpected findings ${describeFindings(extra)}`);
    });
  }
}
