import type { DomainReport, Report } from '../engine/types.js';

/** The JSON report (schemas/report.schema.json). Stable key order comes from the report's construction. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The keys of a checked domain's report, in the order checkDomain builds them. */
const LINE_KEYS = ['domain', 'status', 'records', 'findings', 'rulesRun'] as const;

/** rulesRun is one shared array for a whole batch (runRules): its JSON is written once, not per line. */
const rulesRunJson = new WeakMap<readonly string[], string>();

/**
 * One domain per line, for streaming batches (`--format jsonl`). Exactly JSON.stringify(domain); a
 * report of the usual shape reuses the JSON of its shared rulesRun array (~1.3 KB of each ~14 KB line).
 * (Caching the JSON of shared record entries too was measured and dropped: the per-entry calls and
 * weak-map lookups cost what the cache saved, and the GC share rose.)
 */
export function renderJsonLine(domain: DomainReport): string {
  if (!Object.isFrozen(domain.rulesRun) || !hasLineShape(domain)) return `${JSON.stringify(domain)}\n`;
  let rulesRun = rulesRunJson.get(domain.rulesRun);
  if (rulesRun === undefined) {
    rulesRun = JSON.stringify(domain.rulesRun);
    rulesRunJson.set(domain.rulesRun, rulesRun);
  }
  return `{"domain":${JSON.stringify(domain.domain)},"status":${JSON.stringify(domain.status)},"records":${JSON.stringify(domain.records)},"findings":${JSON.stringify(domain.findings)},"rulesRun":${rulesRun}}\n`;
}

/** A plain object with exactly LINE_KEYS, in that order, and string/array values where JSON.stringify would see them. */
function hasLineShape(domain: DomainReport): boolean {
  if (Object.getPrototypeOf(domain) !== Object.prototype) return false;
  let i = 0;
  for (const key in domain) if (key !== LINE_KEYS[i++]) return false;
  return i === LINE_KEYS.length && typeof domain.domain === 'string' && typeof domain.status === 'string' &&
    Array.isArray(domain.records) && Array.isArray(domain.findings);
}
