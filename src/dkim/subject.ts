import type { Evidence, Subject } from '../engine/types.js';
import { evidenceOf } from '../engine/evidence.js';
import type { DkimSelectorFacts } from './facts.js';

/** What a DKIM finding is about: the selector's name, and the record quoted when there is one. */
export function selectorSubject(selector: DkimSelectorFacts, value?: string): Subject {
  const subject: Subject = { name: selector.name, type: 'TXT', source: selector.lookup.server };
  if (value !== undefined) subject.value = value;
  return subject;
}

export function selectorEvidence(selector: DkimSelectorFacts): Evidence[] {
  return [evidenceOf(selector.lookup)];
}

/** The CNAME chain as data ("a -> b -> c"), or "" when the name answered directly. */
export function describeChain(selector: DkimSelectorFacts): string {
  if (selector.lookup.cnames.length === 0) return '';
  return [selector.name, ...selector.lookup.cnames.map((c) => c.target ?? c.value)].join(' -> ');
}
