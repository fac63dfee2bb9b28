// Table-driven SES rule tests: each case is a zone snippet (what DNS serves) plus the SES identities
// (what SES says). Facts come from the real gatherers over a ZoneResolver; findings are asserted by
// messageId and data subset, never by prose (the rule-tester's contract, with SES facts added).

import { factsForCase, resolverForZone, runRuleCases, type ExpectedFinding, type RuleCase } from '../../helpers/rule-tester.js';
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

/** Valid cases: no finding above info. Invalid: every listed finding, and no other above info. */
export function runSesRuleCases(rule: Rule, cases: SesRuleCases): void {
  runRuleCases(rule, cases, findingsFor);
}
