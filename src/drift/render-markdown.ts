// Drift as a Markdown table, for pasting into a ticket (octodns's plan table, with the server column
// that authoritative drift needs).

import type { Difference, DriftReport } from './types.js';
import { escapeMarkdown, escapeText } from '../report/escape.js';

// Observed values and names come from whatever a server answered. In code spans they are shown
// escaped (control characters visible, shortened) with backticks and pipes neutralised; elsewhere
// they go through escapeMarkdown so they cannot add HTML, links or emphasis.

export function renderDriftMarkdown(report: DriftReport): string {
  const out: string[] = [`## maildns drift: \`${report.declared}\` vs \`${report.observed}\``, ''];
  for (const domain of report.domains) {
    out.push(`### ${escapeMarkdown(domain.domain)}`, '');
    if (domain.differences.length === 0) {
      out.push(`No drift in ${domain.compared.length} record set(s) compared.`, '');
    } else {
      out.push('| Change | Name | Type | TTL | Declared | Observed | Server |', '|---|---|---|---|---|---|---|');
      for (const d of domain.differences) out.push(row(d));
      out.push('');
    }
    if (domain.notices.length > 0) {
      out.push('Notices:', '');
      for (const n of domain.notices) out.push(`- **${n.code}**: ${escapeMarkdown(n.message)}`);
      out.push('');
    }
  }
  const { differences, byChange } = report.summary;
  out.push(`**${differences} difference(s)**: ${byChange.missing} missing, ${byChange.unexpected} unexpected, ${byChange.changed} changed, ${byChange.ttl} TTL only.`);
  return `${out.join('\n')}\n`;
}

function row(d: Difference): string {
  return `| ${d.change} | ${code(d.name)} | ${d.type} | ${ttl(d)} | ${side(d.declared?.values)} | ${side(d.observed?.values)} | ${escapeMarkdown(d.servers.join(', ')) || '—'} |`;
}

function ttl(d: Difference): string {
  const a = d.declared?.ttl;
  const b = d.observed?.ttl;
  if (a !== undefined && b !== undefined && a !== b) return `${a} → ${b}`;
  return String(a ?? b ?? '—');
}

function side(values: readonly string[] | undefined): string {
  if (!values || values.length === 0) return '—';
  return values.map(code).join('<br>');
}

function code(text: string): string {
  return `\`${cell(escapeText(text)).replace(/`/g, "'")}\``;
}

/** Pipes end a cell and newlines end a row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
