// Gathering the SPF tree of a domain: the apex record, then every include and redirect target and the
// address, MX and exists lookups of each term, through the RecordingResolver so that every lookup is
// recorded for the report. Indeterminate answers stay indeterminate: never "void", never "no record".

import type { Lookup, RRType } from '../dns/types.js';
import { isIndeterminate } from '../dns/types.js';
import type { SpfRecord, Term } from './ast.js';
import { LOOKUP_KINDS, isMechanism } from './ast.js';
import { parseSpf } from './parse.js';
import { expandLiterals } from './macro.js';
import { selectSpfRecord } from './select.js';
import { stripTrailingDot } from './domain.js';
import { analyseSpfTree } from './analyse.js';
import { MAX_MX_NAMES } from './result.js';
import { memoiseByText } from '../memo-by-text.js';
import type { LookupSummary, SpfFacts, SpfNode, SpfTermNode, SpfVoid, VoidCounts } from './facts.js';
import { COUNTING_POLICY } from './facts.js';

/** Stop expanding after this many records: a pathological tree must not run away (each is ≥1 query). */
export const MAX_TREE_NODES = 200;
/**
 * Parsed records kept for reuse. In a batch every domain's tree repeats the same provider records
 * (_spf.google.com and its netblocks, amazonses.com); parsing them once per run instead of once per
 * domain saved about 7 % of a 2,000-domain check's CPU (bench/RESULTS.md). parseSpf is pure.
 */
export const PARSED_RECORDS_KEPT = 1000;
const parseSpfOnce: (text: string) => SpfRecord = memoiseByText(parseSpf, PARSED_RECORDS_KEPT);

/**
 * Where the walk asks its questions: the domain's RecordingResolver for the apex tree, or a caller's
 * memo over it (gather-ses walks the MAIL FROM domain's tree through its own, so the SES checks share
 * answers and no question is recorded twice).
 */
export interface SpfLookups {
  lookup(name: string, type: RRType): Promise<Lookup>;
}

interface WalkContext {
  dns: SpfLookups;
  cache: Map<string, Promise<Lookup>>;
  nodes: number;
  /** The terms being walked: each settles once its answers are in and its subtree has been started. */
  pending: Promise<void>[];
  /** The first error a term's walk met (the resolver failed): the tree is not returned, the error is. */
  error?: { value: unknown };
}

/**
 * The tree is built breadth-wise: a record's node, with every term it holds, exists as soon as its TXT
 * answer is in, and each term that queries DNS is one async walk (fillTerm) that fills in its answers
 * and starts its child's node. gatherSpf waits for the walks, in waves, until none is left. Lookups are
 * asked in the same order, at the same turns, as a recursion that awaits each child would ask them;
 * what this saves is that recursion's frames and promises (an async frame per record, another per term,
 * a Promise.all per record): the walk's allocation in a replay of 10,000 domains went from ~160 to
 * ~100 MB.
 */
export async function gatherSpf(domain: string, txt: Lookup, dns: SpfLookups): Promise<SpfFacts | undefined> {
  const selection = selectSpfRecord(txt.records);
  if (isIndeterminate(txt.status) || selection.kind !== 'one') return undefined;
  const ctx: WalkContext = { dns, cache: new Map(), nodes: 0, pending: [] };
  ctx.cache.set(`${domain}:TXT`, Promise.resolve(txt));
  const root = startNode(ctx, domain, txt, undefined, [domain], selection);
  while (ctx.pending.length > 0) {
    const wave = ctx.pending;
    ctx.pending = [];
    await (wave.length === 1 ? wave[0] : Promise.all(wave));
  }
  if (ctx.error) throw ctx.error.value;
  const totals = analyseSpfTree(root);
  return { domain, record: selection.text, root, ...totals, countingPolicy: COUNTING_POLICY };
}

function lookup(ctx: WalkContext, name: string, type: RRType): Promise<Lookup> {
  const key = `${name}:${type}`;
  let pending = ctx.cache.get(key);
  if (!pending) {
    pending = ctx.dns.lookup(name, type);
    ctx.cache.set(key, pending);
  }
  return pending;
}

export function summarise(l: Lookup): LookupSummary {
  const s: LookupSummary = { name: l.name, type: l.type, status: l.status, answers: l.records.length };
  const ttl = l.records[0]?.ttl ?? l.negativeTtl;
  if (ttl !== undefined) s.ttl = ttl;
  if (l.server) s.server = l.server;
  if (l.reason) s.reason = l.reason;
  return s;
}

/**
 * Figures a node or term holds until analyseSpfTree writes its own: analyse replaces it in every node and
 * counted term of the tree, so nothing reads this one (frozen all the same: domains share it).
 */
const NOT_FIGURED: VoidCounts = Object.freeze({ ipv4Client: 0, ipv6Client: 0, addressPair: 0 });

function newNode(domain: string, via: string | undefined, path: string[], status: SpfNode['status'], errors: SpfNode['errors'], terms: SpfTermNode[]): SpfNode {
  const node: SpfNode = { domain, path, status, errors, terms, lookups: 0, voidLookups: NOT_FIGURED };
  if (via !== undefined) node.via = via;
  return node;
}

function emptyNode(domain: string, via: string | undefined, path: string[], status: SpfNode['status']): SpfNode {
  return newNode(domain, via, path, status, [], []);
}

/**
 * The node of the record at `domain`, its terms in place; the walks of its DNS-querying terms go to ctx.pending.
 * `selection`: the record chosen from `txt`, when the caller has already chosen it (gatherSpf, for the apex).
 */
function startNode(
  ctx: WalkContext, domain: string, txt: Lookup, via: string | undefined, path: string[], selection = selectSpfRecord(txt.records),
): SpfNode {
  ctx.nodes++;
  const status = isIndeterminate(txt.status) ? 'indeterminate' : selection.kind === 'one' ? 'ok' : selection.kind === 'none' ? 'no-record' : 'multiple-records';
  if (selection.kind !== 'one' || status !== 'ok') {
    const node = emptyNode(domain, via, path, status);
    node.txt = summarise(txt);
    return node;
  }
  const record = parseSpfOnce(selection.text);
  const plan = termPlanOf(record);
  // The parsed record and its plan are shared between domains: never hand out their arrays, except the
  // plan's terms when every one of them is a shared static node.
  const terms = (plan.allStatic ? plan.terms : plan.terms.slice()) as SpfTermNode[];
  const node = newNode(domain, via, path, status, [...record.errors], terms);
  node.txt = summarise(txt);
  node.record = selection.text;
  if (selection.record.strings) node.strings = selection.record.strings;
  node.ttl = selection.record.ttl;
  for (const index of plan.walked) {
    const term = record.terms[index]!;
    const t: SpfTermNode = {
      text: term.text, kind: term.kind, offset: term.offset, counted: true, queries: [], voids: [],
      lookups: 0, subtreeLookups: 0, subtreeVoids: NOT_FIGURED,
    };
    terms[index] = t;
    const planned = plan.targets[index];
    if (planned === null) {
      t.macro = true;
      continue;
    }
    t.target = planned ?? domain;
    if (term.kind !== 'ptr') ctx.pending.push(fillTerm(ctx, node, t, t.target));
    // ptr needs the client's address: counted, not resolvable statically
  }
  return node;
}

/**
 * What the tree holds for each term of a parsed record: the term's node when it queries nothing (ip4,
 * ip6, all, exp, terms receivers ignore), undefined for a term to walk. A provider record such as
 * _netblocks.google.com is all ip4: terms and sits in thousands of domains' trees, so its term nodes
 * are built once and shared by every tree: they hold no per-domain or per-path data (their figures are
 * zero). The nodes are frozen, so a rule that tried to change one fails loudly instead of changing
 * another domain's facts; their arrays (always empty) are not, because V8 iterates a frozen array
 * with for…of through a slow path that allocates on every step. Kept per parsed record, so the
 * parse cache bounds them.
 */
interface TermPlan {
  terms: readonly (SpfTermNode | undefined)[];
  /** Indexes of the terms to walk. */
  walked: readonly number[];
  /** For each term walked: the name it queries, null when it carries macros, undefined for the record's own domain. */
  targets: readonly (string | null | undefined)[];
  /** No term queries DNS: the shared array is the node's terms. */
  allStatic: boolean;
}

const termPlans = new WeakMap<SpfRecord, TermPlan>();

function termPlanOf(record: SpfRecord): TermPlan {
  let plan = termPlans.get(record);
  if (!plan) {
    const allIndex = record.terms.findIndex((t) => t.kind === 'all');
    const terms = record.terms.map((term, index) => {
      let ignored: SpfTermNode['ignored'];
      if (allIndex >= 0 && index > allIndex && isMechanism(term)) ignored = 'after-all';
      if (allIndex >= 0 && term.kind === 'redirect') ignored = 'redirect-beside-all';
      return LOOKUP_KINDS.has(term.kind) && ignored === undefined ? undefined : staticTermNode(term, ignored);
    });
    const walked = terms.flatMap((t, index) => (t === undefined ? [index] : []));
    const targets = record.terms.map((term) => {
      if (!('domain' in term) || term.domain === undefined) return undefined;
      const literal = expandLiterals(term.domain);
      return literal === undefined ? null : stripTrailingDot(literal).toLowerCase();
    });
    plan = { terms, walked, targets, allStatic: walked.length === 0 };
    termPlans.set(record, plan);
  }
  return plan;
}

function staticTermNode(term: Term, ignored: SpfTermNode['ignored']): SpfTermNode {
  const t: SpfTermNode = {
    text: term.text, kind: term.kind, offset: term.offset, counted: false, queries: [], voids: [],
    lookups: 0, subtreeLookups: 0, subtreeVoids: Object.freeze({ ipv4Client: 0, ipv6Client: 0, addressPair: 0 }),
  };
  if (ignored) t.ignored = ignored;
  return Object.freeze(t);
}

/**
 * The answers of a counted term (termPlanOf leaves the others out), and for include/redirect the child
 * record's node. Never rejects: a failing lookup is kept in ctx.error for gatherSpf to throw.
 */
async function fillTerm(ctx: WalkContext, node: SpfNode, t: SpfTermNode, target: string): Promise<void> {
  try {
    switch (t.kind) {
      case 'a':
        await addressQueries(ctx, t, target);
        break;
      case 'exists': {
        const a = await lookup(ctx, target, 'A');
        t.queries.push(summarise(a));
        noteVoid(t, target, a);
        break;
      }
      case 'mx': {
        const mx = await lookup(ctx, target, 'MX');
        t.queries.push(summarise(mx));
        noteVoid(t, target, mx);
        t.mxExchanges = mx.records.length;
        const exchanges = mx.records.map((r) => r.exchange ?? '').filter((e) => e !== '').slice(0, MAX_MX_NAMES);
        for (const exchange of exchanges) await addressQueries(ctx, t, exchange);
        break;
      }
      case 'include':
      case 'redirect': {
        if (node.path.includes(target)) {
          t.child = emptyNode(target, t.text, [...node.path, target], 'loop');
        } else if (ctx.nodes >= MAX_TREE_NODES) {
          t.child = emptyNode(target, t.text, [...node.path, target], 'truncated');
        } else {
          const txt = await lookup(ctx, target, 'TXT');
          noteVoid(t, target, txt);
          t.child = startNode(ctx, target, txt, t.text, [...node.path, target]);
        }
        break;
      }
      default:
        break;
    }
  } catch (error) {
    ctx.error ??= { value: error };
  }
}

/** A term's own lookup that came back empty is a void lookup however the client address reads (RFC 7208 §4.6.4). */
function noteVoid(t: SpfTermNode, name: string, l: Lookup): void {
  if (l.status === 'nxdomain' || l.status === 'nodata') {
    t.voids.push({ name, type: l.type, status: l.status, readings: ['ipv4Client', 'ipv6Client', 'addressPair'] });
  }
}

/** A and AAAA of one name, with the voids each reading sees. */
async function addressQueries(ctx: WalkContext, t: SpfTermNode, name: string): Promise<void> {
  const [a, aaaa] = await Promise.all([lookup(ctx, name, 'A'), lookup(ctx, name, 'AAAA')]);
  t.queries.push(summarise(a), summarise(aaaa));
  const isVoid = (l: Lookup): l is Lookup & { status: 'nxdomain' | 'nodata' } => l.status === 'nxdomain' || l.status === 'nodata';
  if (isVoid(a)) t.voids.push({ name, type: 'A', status: a.status, readings: ['ipv4Client'] });
  if (isVoid(aaaa)) t.voids.push({ name, type: 'AAAA', status: aaaa.status, readings: ['ipv6Client'] });
  if (isVoid(a) && isVoid(aaaa)) {
    const pair: SpfVoid = { name, type: 'A+AAAA', status: a.status === 'nxdomain' ? 'nxdomain' : aaaa.status, readings: ['addressPair'] };
    t.voids.push(pair);
  }
}
