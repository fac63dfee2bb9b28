// The static SPF analysis of one domain: the evaluation tree a receiver could walk, every include and
// redirect expanded on every path it appears on, with the DNS answers behind each term.

import type { LookupStatus, RRType } from '../dns/types.js';
import type { SpfParseError, Term } from './ast.js';

/** How a lookup ended, trimmed to what reports and rules need. */
export interface LookupSummary {
  name: string;
  type: RRType;
  status: LookupStatus;
  answers: number;
  ttl?: number;
  server?: string;
  reason?: string;
}

/**
 * The two readings of "void lookup" (RFC 7208 §4.6.4) found in receivers: pyspf queries only the client's
 * address family for "a" and "mx" (so the figure depends on whether the client is IPv4 or IPv6);
 * mailauth asks A and AAAA together and counts a name void only when both are empty.
 */
export type VoidReading = 'ipv4Client' | 'ipv6Client' | 'addressPair';

export interface VoidCounts {
  ipv4Client: number;
  ipv6Client: number;
  addressPair: number;
}

export interface SpfVoid {
  name: string;
  /** "A+AAAA" for the address-pair reading. */
  type: RRType | 'A+AAAA';
  status: 'nxdomain' | 'nodata';
  /** The readings under which this answer is a void lookup. */
  readings: VoidReading[];
}

export interface SpfTermNode {
  text: string;
  kind: Term['kind'];
  offset: number;
  /** Counted against the limit of 10 DNS-querying terms (RFC 7208 §4.6.4). */
  counted: boolean;
  /** Why receivers never evaluate this term (RFC 7208 §5.1, §6.1). */
  ignored?: 'after-all' | 'redirect-beside-all';
  /** The term carries macros: it counts 1 but its target depends on the message ("not resolvable statically"). */
  macro?: boolean;
  /** The name the term queries, trailing dot and CIDR suffix stripped. */
  target?: string;
  /** The term's own DNS answers (A/AAAA of "a", MX and exchange addresses of "mx", A of "exists"). */
  queries: LookupSummary[];
  /** mx: the number of MX records at the target. */
  mxExchanges?: number;
  voids: SpfVoid[];
  /** include / redirect: the record reached. */
  child?: SpfNode;
  /** The term itself: 1 when counted, else 0. */
  lookups: number;
  /** The term plus everything below it. */
  subtreeLookups: number;
  /** Void lookups of the term and everything below it. */
  subtreeVoids: VoidCounts;
}

export type SpfNodeStatus = 'ok' | 'no-record' | 'multiple-records' | 'indeterminate' | 'loop' | 'truncated';

export interface SpfNode {
  domain: string;
  /** The include/redirect term that led here; absent at the root. */
  via?: string;
  /** Domains from the root to this node. */
  path: string[];
  status: SpfNodeStatus;
  /** The TXT lookup at `domain`. */
  txt?: LookupSummary;
  /** The selected v=spf1 record, raw, and its character-strings as published. */
  record?: string;
  strings?: string[];
  ttl?: number;
  /** Parse errors of this record (RFC 7208 §4.6: any one is a permerror). */
  errors: SpfParseError[];
  terms: SpfTermNode[];
  /** Worst-case DNS-querying terms of this record and everything it includes or redirects to. */
  lookups: number;
  voidLookups: VoidCounts;
}

export interface SpfFacts {
  domain: string;
  /** The apex v=spf1 record text. */
  record: string;
  root: SpfNode;
  /** Worst case: every counted term on every path evaluated (nothing matches early). */
  lookups: number;
  /** The highest figure of the readings: what the strictest common receiver would count. */
  voidLookups: number;
  voidReadings: VoidCounts;
  /** The counting policy, in words, for reports. */
  countingPolicy: string;
  /** Loops found: each the domain path ending in the repeated domain. */
  loops: string[][];
}

export const COUNTING_POLICY =
  'Worst case: every include/a/mx/ptr/exists term and redirect is counted once on every path it appears on ' +
  '(an include reached twice costs twice); terms after "all" and a redirect beside "all" are not counted; ' +
  'exp is not counted; a term with macros counts 1 and is not resolvable statically. Void lookups ' +
  '(NXDOMAIN or NODATA) are given under two readings: querying only the client\'s address family ' +
  '(A for an IPv4 client, AAAA for IPv6, as pyspf does) and A+AAAA together, void only when both are ' +
  'empty (as mailauth does); voidLookups is the highest.';
