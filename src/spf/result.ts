// check_host() results and what an evaluation reports (RFC 7208 §2.6, §4).

import type { LookupStatus, RRType } from '../dns/types.js';

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export const QUALIFIER_RESULTS = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' } as const;

export const MAX_SPF_LOOKUPS = 10; // RFC 7208 §4.6.4: DNS-querying terms per evaluation
export const MAX_VOID_LOOKUPS = 2; // RFC 7208 §4.6.4: SHOULD allow at most 2 void lookups
export const MAX_MX_NAMES = 10; // RFC 7208 §4.6.4: address lookups per "mx"; more is permerror
export const MAX_PTR_NAMES = 10; // RFC 7208 §4.6.4: names per "ptr"; the rest are ignored
export const DEFAULT_TIME_LIMIT_MS = 20_000; // RFC 7208 §4.6.4: SHOULD allow at least 20 seconds

/** One step of the evaluation, in order, for the trace a human reads. */
export interface SpfTraceStep {
  /** 0 for the checked domain, +1 per include or redirect. */
  depth: number;
  domain: string;
  event: 'record' | 'no-record' | 'match' | 'no-match' | 'redirect' | 'default' | 'error' | 'explanation';
  term?: string;
  detail?: string;
}

/** One DNS query made during the evaluation. */
export interface SpfQuery {
  name: string;
  type: RRType;
  status: LookupStatus;
  answers: number;
  /** Counted against the void-lookup limit. */
  void?: boolean;
}

export interface CheckHostResult {
  result: SpfResult;
  /** Which identity was checked: MAIL FROM, or HELO when MAIL FROM was empty (RFC 7208 §2.4). */
  identity: 'mailfrom' | 'helo';
  /** The domain whose record was checked first. */
  domain: string;
  ip: string;
  /** The explanation (RFC 7208 §6.2), on fail only. */
  explanation?: string;
  /** The term that decided the result, as written (absent for the default result). */
  mechanism?: string;
  /** Why the result is permerror, temperror or none. */
  problem?: string;
  /** DNS-querying terms evaluated (RFC 7208 §4.6.4). */
  lookups: number;
  voidLookups: number;
  trace: SpfTraceStep[];
  queries: SpfQuery[];
}
