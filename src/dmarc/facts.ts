import type { Lookup } from '../dns/types.js';
import type { DmarcParseResult } from './parse-record.js';

export interface DmarcRecordFacts {
  /** The owner name, "_dmarc.<domain>". */
  name: string;
  /** The TXT record, character-strings joined. */
  value: string;
  parsed: DmarcParseResult;
}

/** The one DMARC record that applies to the domain, and where it was found. */
export interface DmarcPolicyFacts extends DmarcRecordFacts {
  /** The domain the record was retrieved for (the "policy domain" of RFC 7489 §7.1). */
  domain: string;
  /** True when it came from a parent by the tree walk, not from _dmarc.<domain> itself. */
  inherited: boolean;
  lookup: Lookup;
}

/** An external rua/ruf destination and its authorisation record (RFC 7489 §7.1, RFC 9990 §4). */
export interface DmarcReportDestination {
  tags: Array<'rua' | 'ruf'>;
  uris: string[];
  /** The destination host, lower-cased. */
  host: string;
  /** "<policy domain>._report._dmarc.<host>" */
  name: string;
  lookup: Lookup;
  /** A TXT there starts with v=DMARC1. */
  authorised: boolean;
}

export interface DmarcFacts {
  /** TXT at _dmarc.<domain>. */
  lookup: Lookup;
  /** Every TXT record at _dmarc.<domain>, parsed (DMARC or not). */
  records: DmarcRecordFacts[];
  /** Absent when no single DMARC record applies, or when that could not be decided. */
  policy?: DmarcPolicyFacts;
  /** Lookups of the RFC 9989 tree walk above the domain, in order. */
  walk: Lookup[];
  /** A lookup the answer depended on failed: absence and the organisational domain are unknown. */
  indeterminate: boolean;
  /** RFC 9989 §4.10.2 organisational domain, when the walk ran to its end. */
  orgDomain?: string;
  /** rua/ruf hosts outside the organisational domain, with their authorisation lookups. */
  reportDestinations: DmarcReportDestination[];
}
