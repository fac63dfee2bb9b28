// The terminal report: findings first, worst first within a domain; colour only when asked
// (the CLI asks on a TTY without NO_COLOR).

import type { ResolverStats } from '../dns/types.js';
import { SEVERITY_RANK, type DomainReport, type Finding, type Report } from '../engine/types.js';
import { escapeText } from './escape.js';
import { byCodepoint } from '../order.js';

export interface TextOptions {
  color?: boolean;
  /** Also print info-level findings and the records looked at. */
  verbose?: boolean;
}

const COLORS = { red: 31, yellow: 33, cyan: 36, green: 32, gray: 90, bold: 1 } as const;
type Color = keyof typeof COLORS;

export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = (color: Color, text: string): string => (options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const domain of report.domains) lines.push(...renderDomain(domain, paint, options.verbose ?? false), '');
  const s = report.stats.byStatus;
  lines.push(
    `${report.stats.domains} domain${report.stats.domains === 1 ? '' : 's'}: ${s.ok} ok, ${s.notice} notice, ${s.warning} warning, ${s.error} error, ${s.indeterminate} indeterminate`,
    `DNS: ${describeStats(report.stats.dns)}`,
  );
  return `${lines.join('\n')}\n`;
}

type Paint = (color: Color, text: string) => string;

const STATUS_COLOR: Record<DomainReport['status'], Color> = {
  ok: 'green', notice: 'cyan', warning: 'yellow', error: 'red', indeterminate: 'red',
};
const SEVERITY_COLOR: Record<Finding['severity'], Color> = { error: 'red', warning: 'yellow', notice: 'cyan', info: 'gray' };

export function renderDomainText(domain: DomainReport, options: TextOptions = {}): string {
  const paint = (color: Color, text: string): string => (options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
  return `${renderDomain(domain, paint, options.verbose ?? false).join('\n')}\n`;
}

function renderDomain(domain: DomainReport, paint: Paint, verbose: boolean): string[] {
  const lines = [`${paint('bold', escapeText(domain.domain))}  ${paint(STATUS_COLOR[domain.status], domain.status.toUpperCase())}`];
  if (domain.error) lines.push(`  ${paint('red', 'not checked:')} ${escapeText(domain.error)}`);
  const shown = domain.findings
    .filter((f) => verbose || f.severity !== 'info')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  for (const f of shown) {
    const label = f.indeterminate ? 'indeterminate' : f.severity;
    lines.push(`  ${paint(SEVERITY_COLOR[f.severity], label.padEnd(8))} ${escapeText(f.message)}  ${paint('gray', `[${f.ruleId}/${f.messageId}]`)}`);
    if (f.subject.value) {
      lines.push(`           ${paint('gray', `${f.subject.type ?? ''} ${escapeText(f.subject.name)}:`)} "${escapeText(f.subject.value)}"`);
    }
    if (f.fix) lines.push(`           ${paint('gray', 'fix:')} ${escapeText(f.fix)}`);
  }
  const hidden = domain.findings.length - shown.length;
  if (hidden > 0) lines.push(paint('gray', `  (${hidden} passing check${hidden === 1 ? '' : 's'} not shown; --verbose shows them)`));
  if (verbose) {
    lines.push('  records:');
    for (const r of domain.records) {
      const values = r.values.length > 0 ? r.values.map((v) => `"${escapeText(v)}"`).join(' ') : `(${r.status})`;
      const via = r.cnames ? ` via CNAME ${r.cnames.map((c) => escapeText(c)).join(' -> ')}` : '';
      lines.push(`    ${r.type.padEnd(5)} ${escapeText(r.name)}${via}  ttl=${r.ttl}  ${values}`);
    }
  }
  return lines;
}

export function describeStats(dns: ResolverStats): string {
  const byType = Object.entries(dns.queriesByType)
    .sort(([a], [b]) => byCodepoint(a, b))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  return `${dns.queries} queries${byType ? ` (${byType})` : ''}; udp ${dns.udp}, tcp ${dns.tcp}, retries ${dns.retries}, timeouts ${dns.timeouts}, cache hits ${dns.cacheHits}, shared in flight ${dns.sharedInFlight}`;
}
