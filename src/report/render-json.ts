import type { DomainReport, Report, ReportRecord } from '../engine/types.js';

/** The JSON report (schemas/report.schema.json). Stable key order comes from the report's construction. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The keys of a checked domain's report, in the order checkDomain builds them. */
const LINE_KEYS = ['domain', 'status', 'records', 'findings', 'rulesRun'] as const;

/** rulesRun is one shared array for a whole batch (runRules): its JSON is written once, not per line. */
const rulesRunJson = new WeakMap<readonly string[], string>();

/** Record entries shared between reports (recordsOf freezes them): their JSON, written once. */
const entryJson = new WeakMap<ReportRecord, string>();

/**
 * One domain per line, for streaming batches (`--format jsonl`). Exactly JSON.stringify(domain); a
 * report of the usual shape reuses the JSON of what it shares with other reports, each written once:
 * its rulesRun array (~1.3 KB of each ~14 KB line) and its frozen record entries (a provider's SPF
 * record, an MX host's addresses: a fifth of the line in a batch of SES domains).
 */
export function renderJsonLine(domain: DomainReport): string {
  if (!Object.isFrozen(domain.rulesRun) || !hasLineShape(domain)) return `${JSON.stringify(domain)}\n`;
  let rulesRun = rulesRunJson.get(domain.rulesRun);
  if (rulesRun === undefined) {
    rulesRun = JSON.stringify(domain.rulesRun);
    rulesRunJson.set(domain.rulesRun, rulesRun);
  }
  const records = recordsJson(domain.records);
  if (records === undefined) return `${JSON.stringify(domain)}\n`;
  return `{"domain":${JSON.stringify(domain.domain)},"status":${JSON.stringify(domain.status)},"records":${records},"findings":${JSON.stringify(domain.findings)},"rulesRun":${rulesRun}}\n`;
}

/** JSON.stringify(records), frozen entries from the cache; undefined for an entry that is not a plain object. */
function recordsJson(records: readonly ReportRecord[]): string | undefined {
  if ((records as { toJSON?: unknown }).toJSON !== undefined) return undefined;
  let json = '[';
  for (let i = 0; i < records.length; i++) {
    const entry = records[i]!;
    if (typeof entry !== 'object' || entry === null || Object.getPrototypeOf(entry) !== Object.prototype) return undefined;
    let text = Object.isFrozen(entry) ? entryJson.get(entry) : undefined;
    if (text === undefined) {
      text = JSON.stringify(entry);
      if (Object.isFrozen(entry)) entryJson.set(entry, text);
    }
    json += i === 0 ? text : `,${text}`;
  }
  return `${json}]`;
}

/** A plain object with exactly LINE_KEYS, in that order, and string/array values where JSON.stringify would see them. */
function hasLineShape(domain: DomainReport): boolean {
  if (Object.getPrototypeOf(domain) !== Object.prototype) return false;
  let i = 0;
  for (const key in domain) if (key !== LINE_KEYS[i++]) return false;
  return i === LINE_KEYS.length && typeof domain.domain === 'string' && typeof domain.status === 'string' &&
    Array.isArray(domain.records) && Array.isArray(domain.findings);
}
