// Small helpers the SPF rules share: walking the gathered tree, subjects and evidence for findings.

import type { Evidence, Subject } from '../engine/types.js';
import type { DomainFacts } from '../engine/facts.js';
import type { LookupSummary, SpfFacts, SpfNode, SpfTermNode } from './facts.js';
import { isSpfRecordText } from './parse.js';
import { txtText } from './select.js';

/**
 * The records and (record, term) pairs of a tree, worked out once per tree: a dozen SPF rules walk
 * them for every domain. Keyed by the SpfFacts object, so an entry goes when the facts do.
 */
interface TreeWalk {
  nodes: readonly SpfNode[];
  /** Built on the first spfTerms call: most rules use forEachSpfTerm, without a pair per term. */
  terms?: readonly SpfTermPair[];
}

export interface SpfTermPair {
  node: SpfNode;
  term: SpfTermNode;
}

const walks = new WeakMap<SpfFacts, TreeWalk>();
const NO_WALK: TreeWalk = { nodes: [], terms: [] };

function walkOf(facts: DomainFacts): TreeWalk {
  const spf = facts.spf;
  if (!spf) return NO_WALK;
  let walk = walks.get(spf);
  if (!walk) {
    const nodes: SpfNode[] = [];
    const seen = new Set<string>();
    const visit = (node: SpfNode): void => {
      if (seen.has(node.domain) && node.status !== 'loop') return;
      seen.add(node.domain);
      nodes.push(node);
      for (const term of node.terms) if (term.child) visit(term.child);
    };
    visit(spf.root);
    walk = { nodes };
    walks.set(spf, walk);
  }
  return walk;
}

/** Every record of the tree once (first occurrence by domain), the apex first, depth-first. Read only: rules share it. */
export function spfNodes(facts: DomainFacts): readonly SpfNode[] {
  return walkOf(facts).nodes;
}

/**
 * `visit(node, term)` for every term of every record of the tree once, records as in spfNodes (those
 * with one parsed record): the rules' usual loop, without a pair object per term.
 */
export function forEachSpfTerm(facts: DomainFacts, visit: (node: SpfNode, term: SpfTermNode) => void): void {
  for (const node of walkOf(facts).nodes) if (node.status === 'ok') for (const term of node.terms) visit(node, term);
}

/** Every (record, term) pair of the tree once, as forEachSpfTerm visits them. Read only: rules share it. */
export function spfTerms(facts: DomainFacts): readonly SpfTermPair[] {
  const walk = walkOf(facts);
  if (!walk.terms) {
    const terms: SpfTermPair[] = [];
    forEachSpfTerm(facts, (node, term) => terms.push({ node, term }));
    walk.terms = terms;
  }
  return walk.terms;
}

/**
 * The records that make up the apex's own policy: the apex, then each record its redirect= reaches
 * (RFC 7208 §6.1: the target's result is the domain's result), in order. An include's record only
 * decides whether the include matches, so it is not here. The chain stops at a redirect that is never
 * evaluated (beside "all"), carries macros, or reaches no usable record (loop, no record, lookup failed).
 */
export function redirectChain(facts: DomainFacts): SpfNode[] {
  const chain: SpfNode[] = [];
  let node = facts.spf?.root;
  while (node && node.status === 'ok') {
    chain.push(node);
    const redirect = node.terms.find((t) => t.kind === 'redirect' && !t.ignored);
    node = redirect?.child;
  }
  return chain;
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
