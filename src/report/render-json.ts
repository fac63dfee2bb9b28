import type { DomainReport, Report } from '../engine/types.js';

/** The JSON report (schemas/report.schema.json). Stable key order comes from the report's construction. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One domain per line, for streaming batches (`--format jsonl`). */
export function renderJsonLine(domain: DomainReport): string {
  return `${JSON.stringify(domain)}\n`;
}
