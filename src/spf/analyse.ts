// Static SPF analysis (issue 3 §3): the worst-case figures of a gathered tree. Pure: it reads the tree
// and fills in per-term and per-record figures.
//
// - Every counted term counts on every path it appears on: a subtree included twice costs twice.
// - "redirect" beside "all" and mechanisms after "all" are never evaluated, so never counted.
// - "exp" is not a lookup term (RFC 7208 §4.6.4).
// - A term with macros counts 1; what it reaches is unknown.
// - Void lookups are summed under each reading (see VoidReading).

import type { SpfNode, SpfTermNode, VoidCounts } from './facts.js';
import { byCodepoint } from '../order.js';

export interface SpfTotals {
  lookups: number;
  voidLookups: number;
  voidReadings: VoidCounts;
  loops: string[][];
}

function zero(): VoidCounts {
  return { ipv4Client: 0, ipv6Client: 0, addressPair: 0 };
}

function add(into: VoidCounts, from: VoidCounts): void {
  into.ipv4Client += from.ipv4Client;
  into.ipv6Client += from.ipv6Client;
  into.addressPair += from.addressPair;
}

export function analyseSpfTree(root: SpfNode): SpfTotals {
  const loops: string[][] = [];
  figureNode(root, loops);
  const v = root.voidLookups;
  return { lookups: root.lookups, voidLookups: Math.max(v.ipv4Client, v.ipv6Client, v.addressPair), voidReadings: { ...v }, loops };
}

function figureNode(node: SpfNode, loops: string[][]): void {
  if (node.status === 'loop') loops.push(node.path);
  node.lookups = 0;
  node.voidLookups = zero();
  for (const term of node.terms) {
    figureTerm(term, loops);
    node.lookups += term.subtreeLookups;
    add(node.voidLookups, term.subtreeVoids);
  }
}

function figureTerm(term: SpfTermNode, loops: string[][]): void {
  // A term that is not counted queries nothing and has nothing below it: its figures are the zeros it
  // was built with, and gather shares such nodes between trees (frozen), so they are not rewritten.
  if (!term.counted && term.child === undefined && term.voids.length === 0) return;
  term.lookups = term.counted ? 1 : 0;
  term.subtreeLookups = term.lookups;
  term.subtreeVoids = zero();
  for (const v of term.voids) for (const reading of v.readings) term.subtreeVoids[reading]++;
  if (term.child) {
    figureNode(term.child, loops);
    term.subtreeLookups += term.child.lookups;
    add(term.subtreeVoids, term.child.voidLookups);
  }
}

/** The counted include/redirect terms of the tree, most expensive first (for "which includes cost most"). */
export function costliestIncludes(root: SpfNode, limit = 3): { term: string; domain: string; lookups: number }[] {
  const out: { term: string; domain: string; lookups: number }[] = [];
  for (const term of root.terms) {
    if (term.counted && term.child && (term.kind === 'include' || term.kind === 'redirect')) {
      out.push({ term: term.text, domain: term.child.domain, lookups: term.subtreeLookups });
    }
  }
  return out.sort((a, b) => b.lookups - a.lookups || byCodepoint(a.term, b.term)).slice(0, limit);
}
