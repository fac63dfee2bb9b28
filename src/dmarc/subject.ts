import type { Lookup } from '../dns/types.js';
import { evidenceOf } from '../engine/evidence.js';
import type { DomainFacts } from '../engine/facts.js';
import type { Evidence, Subject } from '../engine/types.js';
import type { DmarcProblem, DmarcProblemCode } from './parse-record.js';
import type { DmarcRecordFacts } from './facts.js';

export interface LintedDmarcRecord extends DmarcRecordFacts {
  lookup: Lookup;
  inherited: boolean;
}

/**
 * The DMARC records whose tags the rules check: the policy that applies (the domain's own, or the one
 * the tree walk found), or, when several records make none apply, each of the domain's own.
 */
export function dmarcRecordsToLint(facts: DomainFacts): LintedDmarcRecord[] {
  const { dmarc } = facts;
  if (dmarc.policy) return [dmarc.policy];
  return dmarc.records.filter((r) => r.parsed.isDmarc).map((r) => ({ ...r, lookup: dmarc.lookup, inherited: false }));
}

export function recordSubject(record: { name: string; value: string; lookup: Lookup }): Subject {
  return { name: record.name, type: 'TXT', value: record.value, source: record.lookup.server };
}

export function recordEvidence(record: { lookup: Lookup }): Evidence[] {
  return [evidenceOf(record.lookup)];
}

export function problemsOf(record: DmarcRecordFacts, codes: readonly DmarcProblemCode[]): DmarcProblem[] {
  return record.parsed.problems.filter((p) => codes.includes(p.code));
}
