// Gathering the SPF tree of a domain: the apex record, then every include and redirect target and the
// address, MX and exists lookups of each term, through the RecordingResolver so that every lookup is
// recorded for the report. Indeterminate answers stay indeterminate: never "void", never "no record".

import type { Lookup, RRType } from '../dns/types.js';
import { isIndeterminate } from '../dns/types.js';
import type { RecordingResolver } from '../engine/gather.js';
import type { SpfRecord, Term } from './ast.js';
import { LOOKUP_KINDS, isMechanism } from './ast.js';
import { parseSpf } from './parse.js';
import { expandLiterals } from './macro.js';
import { selectSpfRecord } from './select.js';
import { stripTrailingDot } from './domain.js';
import { analyseSpfTree } from './analyse.js';
import { MAX_MX_NAMES } from './result.js';
import type { LookupSummary, SpfFacts, SpfNode, SpfTermNode, SpfVoid } from './facts.js';
import { COUNTING_POLICY } from './facts.js';

/** Stop expanding after this many records: a pathological tree must not run away (each is ≥1 query). */
export const MAX_TREE_NODES = 200;
/**
 * Parsed records kept for reuse. In a batch every domain's tree repeats the same provider records
 * (_spf.google.com and its netblocks, amazonses.com); parsing them once per run instead of once per
 * domain saved about 7 % of a 2,000-domain check's CPU (bench/RESULTS.md). parseSpf is pure.
 */
export const PARSED_RECORDS_KEPT = 1000;
const parsedRecords = new Map<string, SpfRecord>();

function parseSpfOnce(text: string): SpfRecord {
  let record = parsedRecords.get(text);
  if (!record) {
    record = parseSpf(text);
    if (parsedRecords.size >= PARSED_RECORDS_KEPT) parsedRecords.delete(parsedRecords.keys().next().value!);
    parsedRecords.set(text, record);
  }
  return record;
}

interface WalkContext {
  dns: RecordingResolver;
  cache: Map<string, Promise<Lookup>>;
  nodes: number;
}

export async function gatherSpf(domain: string, txt: Lookup, dns: RecordingResolver): Promise<SpfFacts | undefined> {
  const selection = selectSpfRecord(txt.records);
  if (isIndeterminate(txt.status) || selection.kind !== 'one') return undefined;
  const ctx: WalkContext = { dns, cache: new Map(), nodes: 0 };
  ctx.cache.set(`${domain}:TXT`, Promise.resolve(txt));
  const root = await walkNode(ctx, domain, txt, undefined, [domain]);
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

function emptyNode(domain: string, via: string | undefined, path: string[], status: SpfNode['status']): SpfNode {
  const node: SpfNode = { domain, path, status, errors: [], terms: [], lookups: 0, voidLookups: { ipv4Client: 0, ipv6Client: 0, addressPair: 0 } };
  if (via !== undefined) node.via = via;
  return node;
}

async function walkNode(ctx: WalkContext, domain: string, txt: Lookup, via: string | undefined, path: string[]): Promise<SpfNode> {
  ctx.nodes++;
  const selection = selectSpfRecord(txt.records);
  const status = isIndeterminate(txt.status) ? 'indeterminate' : selection.kind === 'one' ? 'ok' : selection.kind === 'none' ? 'no-record' : 'multiple-records';
  const node = emptyNode(domain, via, path, status);
  node.txt = summarise(txt);
  if (selection.kind !== 'one' || status !== 'ok') return node;
  node.record = selection.text;
  if (selection.record.strings) node.strings = selection.record.strings;
  node.ttl = selection.record.ttl;
  const record = parseSpfOnce(selection.text);
  node.errors = [...record.errors]; // the parsed record is shared between domains: never hand out its arrays
  const plan = termPlanOf(record);
  if (plan.allStatic) {
    node.terms = plan.terms as SpfTermNode[];
    return node;
  }
  // Only the terms that query DNS are awaited: Promise.all over the static ones too would wrap each
  // in a promise of its own.
  const terms = plan.terms.slice() as SpfTermNode[];
  await Promise.all(plan.walked.map(async (index) => {
    terms[index] = await walkTerm(ctx, node, record.terms[index]!, plan.targets[index]);
  }));
  node.terms = terms;
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

/** A term that counts against the lookup limit (termPlanOf leaves the others out). */
async function walkTerm(ctx: WalkContext, node: SpfNode, term: Term, planned: string | null | undefined): Promise<SpfTermNode> {
  const t: SpfTermNode = {
    text: term.text, kind: term.kind, offset: term.offset, counted: true, queries: [], voids: [],
    lookups: 0, subtreeLookups: 0, subtreeVoids: { ipv4Client: 0, ipv6Client: 0, addressPair: 0 },
  };
  if (planned === null) {
    t.macro = true;
    return t;
  }
  const target = planned ?? node.domain;
  t.target = target;
  switch (term.kind) {
    case 'a':
      await addressQueries(ctx, t, target);
      break;
    case 'exists': {
      const a = await lookup(ctx, target, 'A');
      t.queries.push(summarise(a));
      if (a.status === 'nxdomain' || a.status === 'nodata') {
        t.voids.push({ name: target, type: 'A', status: a.status, readings: ['ipv4Client', 'ipv6Client', 'addressPair'] });
      }
      break;
    }
    case 'mx': {
      const mx = await lookup(ctx, target, 'MX');
      t.queries.push(summarise(mx));
      if (mx.status === 'nxdomain' || mx.status === 'nodata') {
        t.voids.push({ name: target, type: 'MX', status: mx.status, readings: ['ipv4Client', 'ipv6Client', 'addressPair'] });
      }
      t.mxExchanges = mx.records.length;
      const exchanges = mx.records.map((r) => r.exchange ?? '').filter((e) => e !== '').slice(0, MAX_MX_NAMES);
      for (const exchange of exchanges) await addressQueries(ctx, t, exchange);
      break;
    }
    case 'include':
    case 'redirect': {
      if (node.path.includes(target)) {
        t.child = emptyNode(target, term.text, [...node.path, target], 'loop');
      } else if (ctx.nodes >= MAX_TREE_NODES) {
        t.child = emptyNode(target, term.text, [...node.path, target], 'truncated');
      } else {
        const txt = await lookup(ctx, target, 'TXT');
        if (txt.status === 'nxdomain' || txt.status === 'nodata') {
          t.voids.push({ name: target, type: 'TXT', status: txt.status, readings: ['ipv4Client', 'ipv6Client', 'addressPair'] });
        }
        t.child = await walkNode(ctx, target, txt, term.text, [...node.path, target]);
      }
      break;
    }
    default:
      break; // ptr needs the client's address: counted, not resolvable statically
  }
  return t;
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
