// Drift: what one source declares versus what another serves, for the names mail depends on.

/** One RRset as drift compares it: values normalised (names lower-case without trailing dot, TXT joined). */
export interface RecordSet {
  name: string;
  type: string;
  /** Absent when the source has no TTL to offer (SES says nothing about TTLs). */
  ttl?: number;
  /** Normalised values, sorted, without duplicates. */
  values: string[];
  /** TXT/SPF: the character-strings as published, keyed by the joined value, to tell chunking apart. */
  chunks?: Record<string, string[]>;
  /** The source spec the set came from ("route53:example.com", "zone:db.example", "ses"). */
  source: string;
  /** The server that answered, for DNS sources ("127.0.0.1:5300"). */
  server?: string;
}

export type ChangeKind = 'missing' | 'unexpected' | 'changed' | 'ttl';

export interface DriftSide {
  ttl?: number;
  values: string[];
  source: string;
}

export interface Difference {
  change: ChangeKind;
  name: string;
  type: string;
  /** Absent for `unexpected`. */
  declared?: DriftSide;
  /** Absent for `missing`. */
  observed?: DriftSide;
  /** The servers that gave this observation (several when they agree). Empty for static sources. */
  servers: string[];
}

export type NoticeCode =
  | 'txtChunking' // same joined TXT, different character-string split or quoting: not drift
  | 'serversDisagree' // authoritative servers answered differently for one RRset
  | 'indeterminate' // a lookup timed out, SERVFAIL, REFUSED…: nothing concluded for that RRset
  | 'notAuthoritative' // a server asked with RD=0 answered without AA
  | 'delegationMismatch' // the declared zone's own name servers are not the ones serving the domain
  | 'ttlNotCompared' // a recursive resolver's TTLs count down, so they are not compared
  | 'sourceWarning'; // a source's own warning (routing policy on a mail record, alias to an AWS target…)

export interface DriftNotice {
  code: NoticeCode;
  message: string;
  name?: string;
  type?: string;
  servers?: string[];
}

export interface DomainDrift {
  domain: string;
  declared: string;
  observed: string;
  differences: Difference[];
  notices: DriftNotice[];
  /** Keys ("name:TYPE") compared, sorted; an empty list means nothing was in scope. */
  compared: string[];
  /** Servers asked (DNS sources), sorted. */
  servers: string[];
}

export interface DriftReport {
  /** Version of schemas/drift.schema.json. */
  schemaVersion: 1;
  tool: { name: 'maildns'; version: string };
  declared: string;
  observed: string;
  domains: DomainDrift[];
  summary: { differences: number; byChange: Record<ChangeKind, number>; notices: number };
}
