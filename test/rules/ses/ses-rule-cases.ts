// Table-driven SES rule tests: each case is a zone snippet (what DNS serves) plus the SES identities
// (what SES says). Facts come from the real gatherers over a ZoneResolver; findings are asserted by
// messageId and data subset, never by prose (the rule-tester's contract, with SES facts added).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsForCase, resolverForZone, type ExpectedFinding, type RuleCase } from '../../helpers/rule-tester.js';
import { runRules } from '../../../src/engine/run-rules.js';
import type { Finding, Rule } from '../../../src/engine/types.js';
import { gatherSesFacts } from '../../../src/sources/gather-ses.js';
import { dkimZoneForRegion } from '../../../src/sources/ses-regions.js';
import type { SesIdentity } from '../../../src/sources/ses.js';

export interface SesRuleCase extends RuleCase {
  identities: SesIdentity[];
  notFoundInRegions?: string[];
}

export interface SesRuleCases {
  valid?: SesRuleCase[];
  invalid?: (SesRuleCase & { findings: ExpectedFinding[] })[];
}

export interface IdentityOptions {
  domain?: string;
  region?: string;
  tokens?: string[];
  method?: 'easy' | 'byodkim';
  origin?: string;
  signingHostedZone?: string;
  status?: string;
  signingEnabled?: boolean;
  keyLength?: string;
  mailFrom?: { domain: string; status?: string; behaviorOnMxFailure?: string };
  errorType?: string;
  soa?: { primaryNameServer?: string; serial?: number };
  verificationStatus?: string;
}

/** An identity as loadSesIdentities returns it (SUCCESS, signing, three tokens, no MAIL FROM by default). */
export function identity(o: IdentityOptions = {}): SesIdentity {
  const region = o.region ?? 'us-east-1';
  const method = o.method ?? 'easy';
  const id: SesIdentity = {
    name: o.domain ?? 'example.com',
    region,
    verificationStatus: o.verificationStatus ?? 'SUCCESS',
    verifiedForSending: (o.verificationStatus ?? 'SUCCESS') === 'SUCCESS',
    dkim: {
      method,
      origin: o.origin ?? (method === 'byodkim' ? 'EXTERNAL' : 'AWS_SES'),
      tokens: o.tokens ?? (method === 'byodkim' ? ['sel1'] : ['tok1', 'tok2', 'tok3']),
      status: o.status ?? 'SUCCESS',
      signingEnabled: o.signingEnabled ?? true,
      currentKeyLength: o.keyLength ?? 'RSA_2048_BIT',
    },
  };
  if (method === 'easy') {
    id.dkim.signingHostedZone = o.signingHostedZone ?? dkimZoneForRegion(region)!;
    id.dkim.signingHostedZoneFrom = 'api';
  }
  if (o.mailFrom) {
    id.mailFrom = { status: 'SUCCESS', behaviorOnMxFailure: 'USE_DEFAULT_VALUE', ...o.mailFrom };
  }
  if (o.errorType) id.errorType = o.errorType;
  if (o.soa) id.soa = o.soa;
  return id;
}

async function findingsFor(rule: Rule, c: SesRuleCase): Promise<Finding[]> {
  const facts = await factsForCase(c);
  const domain = c.domain ?? 'example.com';
  facts.ses = await gatherSesFacts(domain, c.identities, resolverForZone(c.zone, domain, c.faults), {
    ...(c.notFoundInRegions ? { notFoundInRegions: c.notFoundInRegions } : {}),
  });
  return runRules([rule], facts, c.setting ? { [rule.id]: c.setting } : {}).findings;
}

function matches(finding: Finding, expected: ExpectedFinding): boolean {
  if (finding.messageId !== expected.messageId) return false;
  if (expected.subjectName !== undefined && finding.subject.name !== expected.subjectName) return false;
  if (expected.severity !== undefined && finding.severity !== expected.severity) return false;
  if (expected.indeterminate !== undefined && Boolean(finding.indeterminate) !== expected.indeterminate) return false;
  return Object.entries(expected.data ?? {}).every(([key, value]) => {
    try {
      assert.deepStrictEqual(finding.data[key], value);
      return true;
    } catch {
      return false;
    }
  });
}

const describe = (findings: Finding[]): string =>
  JSON.stringify(findings.map((f) => ({ messageId: f.messageId, severity: f.severity, subject: f.subject.name, data: f.data })), null, 1);

/** Valid cases: no finding above info. Invalid: every listed finding, and no other above info. */
export function runSesRuleCases(rule: Rule, cases: SesRuleCases): void {
  for (const c of cases.valid ?? []) {
    test(`${rule.id} valid: ${c.name}`, async () => {
      const findings = (await findingsFor(rule, c)).filter((f) => f.severity !== 'info');
      assert.deepEqual(findings, [], `expected no findings above info, got ${describe(findings)}`);
    });
  }
  for (const c of cases.invalid ?? []) {
    test(`${rule.id} invalid: ${c.name}`, async () => {
      const findings = await findingsFor(rule, c);
      const unmatched = [...findings];
      for (const expected of c.findings) {
        const index = unmatched.findIndex((f) => matches(f, expected));
        assert.ok(index >= 0, `expected ${JSON.stringify(expected)} among ${describe(findings)}`);
        unmatched.splice(index, 1);
      }
      const extra = unmatched.filter((f) => f.severity !== 'info');
      assert.deepEqual(extra, [], `unexpected findings ${describe(extra)}`);
    });
  }
}
