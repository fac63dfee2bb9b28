// From findings to statuses and exit codes: the part of maildns that scripts and CI depend on.

import { isIndeterminate, type DnsRecord, type Lookup } from '../dns/types.js';
import { SEVERITY_RANK, type DomainReport, type DomainStatus, type FailOn, type Finding, type Report, type ReportRecord } from './types.js';
import { byCodepoint } from '../order.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INCOMPLETE = 3;

/**
 * `lookups`: the domain's own. A failed lookup makes the domain indeterminate even with no finding
 * that says so (dns-lookup-indeterminate turned off in a config): "ok" would be a guess.
 */
export function domainStatus(findings: readonly Finding[], lookups: readonly Pick<Lookup, 'status'>[] = []): DomainStatus {
  if (findings.some((f) => f.indeterminate) || lookups.some((l) => isIndeterminate(l.status))) return 'indeterminate';
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, SEVERITY_RANK[f.severity]);
  return worst === SEVERITY_RANK.error ? 'error' : worst === SEVERITY_RANK.warning ? 'warning' : worst === SEVERITY_RANK.notice ? 'notice' : 'ok';
}

/** True when the finding is at or above the --fail-on threshold. */
export function failsAt(finding: Pick<Finding, 'severity' | 'indeterminate'>, failOn: FailOn): boolean {
  return failOn !== 'none' && !finding.indeterminate && SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn];
}

/**
 * 3 when anything could not be checked (an "ok" would be a guess), else 1 when a finding is at or
 * above --fail-on, else 0.
 */
export function exitCodeFor(domains: ReadonlyArray<Pick<DomainReport, 'status'> & { findings: ReadonlyArray<Pick<Finding, 'severity' | 'indeterminate'>> }>, failOn: FailOn): number {
  if (domains.some((d) => d.status === 'indeterminate')) return EXIT_INCOMPLETE;
  if (domains.some((d) => d.findings.some((f) => failsAt(f, failOn)))) return EXIT_FINDINGS;
  return EXIT_OK;
}

export function reportExitCode(report: Report): number {
  return exitCodeFor(report.domains, report.failOn);
}

/**
 * Findings in a stable order: by rule id, subject name, subject type, message id, then subject value.
 * Compared field by field: joining the fields into one key per finding (NUL between them) gave the
 * same order but built a long string per finding (a DKIM value is ~400 characters) that every
 * comparison then flattened, ~6 KB per domain of a batch. The two orders differ only when a field
 * itself holds a NUL, which a hostile DNS name can: then the joined keys decide, as they always did.
 */
export function sortFindings(findings: Finding[]): void {
  if (findings.length < 2) return;
  if (findings.some(hasNul)) {
    const keys = new Map<Finding, string>();
    for (const f of findings) keys.set(f, `${f.ruleId}\u0000${f.subject.name}\u0000${f.subject.type ?? ''}\u0000${f.messageId}\u0000${f.subject.value ?? ''}`);
    findings.sort((a, b) => byCodepoint(keys.get(a)!, keys.get(b)!));
    return;
  }
  findings.sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    byCodepoint(a.ruleId, b.ruleId) ||
    byCodepoint(a.subject.name, b.subject.name) ||
    byCodepoint(a.subject.type ?? '', b.subject.type ?? '') ||
    byCodepoint(a.messageId, b.messageId) ||
    byCodepoint(a.subject.value ?? '', b.subject.value ?? '')
  );
}

function hasNul(f: Finding): boolean {
  return f.ruleId.includes('\u0000') || f.subject.name.includes('\u0000') || (f.subject.type ?? '').includes('\u0000') ||
    f.messageId.includes('\u0000') || (f.subject.value ?? '').includes('\u0000');
}

/**
 * One entry per distinct question asked for the domain (the first asked), sorted by name then type.
 * The lookups are sorted (stably) and the first of each run of equal questions kept: no key string
 * and set per lookup. Given the domain, entries for names outside it (a provider's records, which
 * many domains share) are shared between reports; see reportRecordOf.
 */
export function recordsOf(lookups: readonly Lookup[], domain?: string): ReportRecord[] {
  const sorted = lookups.length > 1 ? sortSmall(lookups.slice(), byQuestion) : lookups;
  const entries: ReportRecord[] = [];
  let previous: Lookup | undefined;
  for (const lookup of sorted) {
    if (previous !== undefined && previous.name === lookup.name && previous.type === lookup.type) continue;
    previous = lookup;
    entries.push(domain !== undefined && !isUnder(lookup.name, domain) ? reportRecordOf(lookup) : newReportRecord(lookup));
  }
  return entries;
}

/** `name` is `domain` or a name below it (its own records: never shared, so not worth a cache entry). */
function isUnder(name: string, domain: string): boolean {
  return name.endsWith(domain) && (name.length === domain.length || name.charCodeAt(name.length - domain.length - 1) === 0x2e);
}

function byQuestion(a: Lookup, b: Lookup): number {
  return a.name === b.name ? byCodepoint(a.type, b.type) : byCodepoint(a.name, b.name);
}

/** Up to this many items (a domain asks 10–30 questions), an insertion sort; past it, Array.prototype.sort. */
const INSERTION_SORT_MAX = 64;

/**
 * Sorts `items` in place, stably, in the order Array.prototype.sort gives with `compare`. For the few
 * dozen lookups of a domain and an answer's values, sort's scratch arrays were ~30 MB of a
 * 10,000-domain run's allocation; an insertion sort needs none.
 */
function sortSmall<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_SORT_MAX) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}

/**
 * Entries of single-record answers, by the record: the resolver hands the same record object to every
 * domain that asks while its answer is cached, so a provider's record (amazonses.com's SPF,
 * _netblocks.google.com, an MX host's address) becomes one entry shared by thousands of reports,
 * frozen, instead of a new entry and arrays per report. What else the entry reads from its lookup is
 * checked before it is reused. Only names outside the domain come here: an entry per record of every
 * domain's own names would fill the WeakMaps with entries used once, and weak maps cost the GC.
 */
const sharedEntries = new WeakMap<DnsRecord, { ttl: number; value: string; strings: string[] | undefined; entry: ReportRecord }>();

function reportRecordOf(lookup: Lookup): ReportRecord {
  const records = lookup.records;
  if (records.length !== 1 || lookup.cnames.length !== 0) return newReportRecord(lookup);
  const record = records[0]!;
  const cached = sharedEntries.get(record);
  if (cached) {
    const { entry } = cached;
    if (entry.name === lookup.name && entry.type === lookup.type && entry.status === lookup.status && entry.source === lookup.server &&
      cached.ttl === record.ttl && cached.value === record.value && cached.strings === record.strings) return entry;
  }
  const entry = newReportRecord(lookup);
  Object.freeze(entry.values);
  if (entry.strings) Object.freeze(entry.strings); // its one element is the record's own array, not ours to freeze
  sharedEntries.set(record, { ttl: record.ttl, value: record.value, strings: record.strings, entry: Object.freeze(entry) });
  return entry;
}

/**
 * TXT records in `values` order; records whose strings join to the same text ("ab" and "a" "b") by
 * their strings, so that the report never depends on the order the server listed them in.
 */
function byTextThenStrings(a: DnsRecord, b: DnsRecord): number {
  const byText = byCodepoint(a.value, b.value);
  if (byText !== 0) return byText;
  const sa = a.strings ?? [a.value];
  const sb = b.strings ?? [b.value];
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const byString = byCodepoint(sa[i]!, sb[i]!);
    if (byString !== 0) return byString;
  }
  return sa.length - sb.length;
}

function newReportRecord(lookup: Lookup): ReportRecord {
  const records = lookup.records;
  // Most answers hold one record: no sorting (and no sort's scratch arrays) for those.
  const values = records.map((r) => r.value);
  if (values.length > 1) sortSmall(values, byCodepoint); // code-unit order, as values.sort() gives
  const entry: ReportRecord = {
    name: lookup.name,
    type: lookup.type,
    ttl: records[0]?.ttl ?? lookup.negativeTtl ?? 0,
    values,
    status: lookup.status,
    source: lookup.server,
  };
  if (lookup.type === 'TXT' || lookup.type === 'SPF') {
    const sorted = records.length > 1 ? [...records].sort(byTextThenStrings) : records;
    entry.strings = sorted.map((r) => r.strings ?? [r.value]);
  }
  if (lookup.cnames.length > 0) entry.cnames = lookup.cnames.map((c) => c.value);
  return entry;
}
