// Findings, rules and reports: the data that flows from the rule engine to the reporters.

import type { AnswerSource, DnsRecord, Lookup, RRType, ResolverStats } from '../dns/types.js';
import type { DomainFacts } from './facts.js';

/**
 * How much a finding matters. `info` records a positive result or a plain fact ("DKIM selector s1 has
 * a 2048-bit RSA key") so a report can explain a pass; it never changes a domain's status.
 */
export type Severity = 'error' | 'warning' | 'notice' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, notice: 1, warning: 2, error: 3 };

/** `indeterminate` wins over every severity: some check could not be completed. */
export type DomainStatus = 'ok' | 'notice' | 'warning' | 'error' | 'indeterminate';

/** What a finding is about: one name, one type, and the value we looked at (quoted verbatim). */
export interface Subject {
  name: string;
  type?: RRType | string;
  value?: string;
  /** "dns", "zone:<file>", "ses", "route53:<zone>", "config". */
  source?: string;
}

/** The DNS answer behind a finding. */
export interface Evidence extends AnswerSource {
  name?: string;
  type?: RRType;
  status?: Lookup['status'];
  ttl?: number;
  reason?: string;
}

export type FindingData = Record<string, string | number | boolean | null | string[] | number[]>;

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  subject: Subject;
  data: FindingData;
  fix?: string;
  evidence: Evidence[];
  /** True when the finding says "could not check", not "checked and found". */
  indeterminate?: boolean;
}

export interface RuleMessage {
  severity: Severity;
  /** Prose with {{placeholders}} filled from the finding's data. Wording may change; the id may not. */
  text: string;
  fix?: string;
}

export type RuleArea = 'dns' | 'spf' | 'dkim' | 'dmarc' | 'mx' | 'ses';

export interface RuleMeta {
  docs: { description: string; references: string[] };
  messages: Record<string, RuleMessage>;
  /** JSON schema of the rule's options object (config: ["warning", { ... }]). */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
}

export interface ReportInput {
  messageId: string;
  subject: Subject;
  data?: FindingData;
  evidence?: Evidence[];
  indeterminate?: boolean;
}

export interface RuleContext {
  domain: string;
  options: Record<string, unknown>;
  report(finding: ReportInput): void;
}

export interface Rule {
  id: string;
  area: RuleArea;
  meta: RuleMeta;
  /** Pure: reads facts, calls ctx.report(). No I/O. */
  check(facts: DomainFacts, ctx: RuleContext): void;
}

/** A record as a report lists it: the records maildns looked at for the domain. */
export interface ReportRecord {
  name: string;
  type: RRType;
  ttl: number;
  values: string[];
  /** TXT/SPF: the character-strings of each record, in the same order as values. */
  strings?: string[][];
  status: Lookup['status'];
  source: string;
  /** CNAMEs followed from `name` to the records, in order. */
  cnames?: string[];
}

export interface DomainReport {
  domain: string;
  status: DomainStatus;
  records: ReportRecord[];
  findings: Finding[];
  /** Rules that ran for this domain (sorted), so junit can list passing test cases. Shared between domains. */
  rulesRun: readonly string[];
  /**
   * Set when gathering failed as a whole (e.g. an unexpected error; findings may then be partial), or
   * when lookups failed and no finding reports them (dns-lookup-indeterminate turned off).
   */
  error?: string;
}

export interface RunStats {
  domains: number;
  byStatus: Record<DomainStatus, number>;
  dns: ResolverStats;
}

export interface Report {
  /** Version of the JSON report format (schemas/report.schema.json). */
  schemaVersion: 1;
  tool: { name: 'maildns'; version: string };
  failOn: FailOn;
  domains: DomainReport[];
  stats: RunStats;
}

export type FailOn = Severity | 'none';

export type { DnsRecord, Lookup };
