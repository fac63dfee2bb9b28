// Drift as a Markdown table, for pasting into a ticket (octodns's plan table, with the server column
// that authoritative drift needs).

import type { Difference, DriftReport } from './types.js';
import { codeSpan, markdownProse } from '../report/markdown-inline.js';

// Observed values and names come from whatever a server answered: they go in code spans, shown
// escaped (control characters visible, shortened), where nothing can turn into a link, a ping or HTML.

export function renderDriftMarkdown(report: DriftReport): string {
  const out: string[] = [`## maildns drift: ${codeSpan(report.declared)} vs ${codeSpan(report.observed)}`, ''];
  for (const domain of report.domains) {
    out.push(`### ${codeSpan(domain.domain)}`, '');
    if (domain.differences.length === 0) {
      out.push(`No drift in ${domain.compared.length} record set(s) compared.`, '');
    } else {
      out.push('| Change | Name | Type | TTL | Declared | Observed | Server |', '|---|---|---|---|---|---|---|');
      for (const d of domain.differences) out.push(row(d));
      out.push('');
    }
    if (domain.notices.length > 0) {
      out.push('Notices:', '');
      for (const n of domain.notices) out.push(`- **${n.code}**: ${markdownProse(n.message)}`);
      out.push('');
    }
  }
  const { differences, byChange } = report.summary;
  out.push(`**${differences} difference(s)**: ${byChange.missing} missing, ${byChange.unexpected} unexpected, ${byChange.changed} changed, ${byChange.ttl} TTL only.`);
  return `${out.join('\n')}\n`;
}

function row(d: Difference): string {
  return `| ${d.change} | ${code(d.name)} | ${d.type} | ${ttl(d)} | ${side(d.declared?.values)} | ${side(d.observed?.values)} | ${d.servers.length > 0 ? d.servers.map(code).join(', ') : '—'} |`;
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
  return codeSpan(text, { inTable: true });
}
