// Small helpers the SPF rules share: walking the gathered tree, subjects and evidence for findings.

import type { Evidence, Subject } from '../engine/types.js';
import type { DomainFacts } from '../engine/facts.js';
import type { LookupSummary, SpfNode, SpfTermNode } from './facts.js';
import { isSpfRecordText } from './parse.js';
import { txtText } from './select.js';

/** Every record of the tree once (first occurrence by domain), the apex first, depth-first. */
export function spfNodes(facts: DomainFacts): SpfNode[] {
  const out: SpfNode[] = [];
  const seen = new Set<string>();
  const visit = (node: SpfNode): void => {
    if (seen.has(node.domain) && node.status !== 'loop') return;
    seen.add(node.domain);
    out.push(node);
    for (const term of node.terms) if (term.child) visit(term.child);
  };
  if (facts.spf) visit(facts.spf.root);
  return out;
}

/** Every (record, term) pair of the tree once, records as in spfNodes. */
export function spfTerms(facts: DomainFacts): { node: SpfNode; term: SpfTermNode }[] {
  return spfNodes(facts).filter((n) => n.status === 'ok').flatMap((node) => node.terms.map((term) => ({ node, term })));
}

export function nodeSubject(node: SpfNode): Subject {
  const subject: Subject = { name: node.domain, type: 'TXT', source: node.txt?.server ?? 'dns' };
  if (node.record !== undefined) subject.value = node.record;
  return subject;
}

export function summaryEvidence(s: LookupSummary | undefined): Evidence[] {
  if (!s) return [];
  const e: Evidence = { name: s.name, type: s.type, status: s.status, server: s.server ?? '' };
  if (s.ttl !== undefined) e.ttl = s.ttl;
  if (s.reason !== undefined) e.reason = s.reason;
  return [e];
}

/** The apex TXT records that select as SPF (RFC 7208 §4.5). */
export function apexSpfTexts(facts: DomainFacts): string[] {
  return facts.txt.records.map(txtText).filter(isSpfRecordText);
}
