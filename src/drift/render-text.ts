// Drift as text, in dnscontrol's verbs: "- missing", "+ unexpected", "± changed", "± ttl ttl=(300->3600)".

import type { Difference, DriftReport } from './types.js';
import { escapeText } from '../report/escape.js';

// Observed values and names come from whatever a server answered: escaped (control, bidi and
// invisible characters made visible) and shortened before they reach a terminal, as in the check reports.

const MARK: Record<Difference['change'], string> = { missing: '-', unexpected: '+', changed: '±', ttl: '±' };

export function renderDriftText(report: DriftReport): string {
  const lines: string[] = [`Declared: ${report.declared}`, `Observed: ${report.observed}`, ''];
  for (const domain of report.domains) {
    const servers = domain.servers.length > 0 ? ` (${escapeText(domain.servers.join(', '))})` : '';
    lines.push(`${escapeText(domain.domain)}${servers}`);
    if (domain.differences.length === 0) lines.push(`  no drift in ${domain.compared.length} record set(s) compared`);
    for (const d of domain.differences) lines.push(`  ${formatDifference(d)}`);
    for (const n of domain.notices) lines.push(`  notice ${n.code}: ${escapeText(n.message)}`);
    lines.push('');
  }
  const { differences, byChange, notices } = report.summary;
  const parts = (Object.keys(byChange) as Difference['change'][]).filter((k) => byChange[k] > 0).map((k) => `${byChange[k]} ${k}`);
  lines.push(`${differences} difference(s)${parts.length ? ` (${parts.join(', ')})` : ''}, ${notices} notice(s)`);
  return `${lines.join('\n')}\n`;
}

export function formatDifference(d: Difference): string {
  const subject = `${escapeText(d.name)} ${d.type}`;
  const at = d.servers.length > 0 ? `  [${escapeText(d.servers.join(', '))}]` : '';
  switch (d.change) {
    case 'missing':
      return `${MARK.missing} missing    ${subject} ${values(d.declared?.values)}${at}`;
    case 'unexpected':
      return `${MARK.unexpected} unexpected ${subject} ${values(d.observed?.values)}${at}`;
    case 'changed':
      return `${MARK.changed} changed    ${subject} ${values(d.declared?.values)} -> ${values(d.observed?.values)}${ttlChange(d)}${at}`;
    case 'ttl':
      return `${MARK.ttl} ttl        ${subject} ttl=(${d.declared?.ttl}->${d.observed?.ttl})${at}`;
  }
}

function ttlChange(d: Difference): string {
  const a = d.declared?.ttl;
  const b = d.observed?.ttl;
  return a !== undefined && b !== undefined && a !== b ? ` ttl=(${a}->${b})` : '';
}

/** Values as a zone file would show them: TXT quoted, several joined by a space, none as "(none)". */
export function values(list: readonly string[] | undefined, type?: string): string {
  if (!list || list.length === 0) return '(none)';
  return list.map((v) => (type === undefined || type === 'TXT' || type === 'SPF' ? quoteIfText(v) : escapeText(v))).join(' ');
}

function quoteIfText(value: string): string {
  // JSON quoting shows C0 controls as \u001b; escapeText then catches C1 controls and bidi and
  // invisible characters, and cuts.
  return escapeText(/^\d+ [a-z0-9._-]+$|^[a-z0-9._-]+$/i.test(value) ? value : JSON.stringify(value));
}
