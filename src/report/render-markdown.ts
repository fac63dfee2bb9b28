// The ticket report: a summary table, then each domain's findings with the record quoted and the fix.

import { SEVERITY_RANK, type Report } from '../engine/types.js';
import { escapeMarkdown } from './escape.js';
import { describeStats } from './render-text.js';

const ICON: Record<string, string> = { ok: '✅', notice: 'ℹ️', warning: '⚠️', error: '❌', indeterminate: '❔' };

export function renderMarkdown(report: Report): string {
  const out: string[] = ['# maildns report', '', '| Domain | Status | Errors | Warnings | Notices | Not checked |', '|---|---|---:|---:|---:|---:|'];
  for (const d of report.domains) {
    const count = (s: string): number => d.findings.filter((f) => f.severity === s && !f.indeterminate).length;
    const unchecked = d.findings.filter((f) => f.indeterminate).length + (d.error ? 1 : 0);
    out.push(`| ${escapeMarkdown(d.domain)} | ${ICON[d.status]} ${d.status} | ${count('error')} | ${count('warning')} | ${count('notice')} | ${unchecked} |`);
  }
  for (const d of report.domains) {
    out.push('', `## ${escapeMarkdown(d.domain)} — ${d.status}`, '');
    if (d.error) out.push(`Not checked: ${escapeMarkdown(d.error)}`, '');
    const findings = d.findings
      .filter((f) => f.severity !== 'info')
      .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
    if (findings.length === 0 && !d.error) out.push('No problems found.');
    for (const f of findings) {
      const label = f.indeterminate ? 'indeterminate' : f.severity;
      out.push(`- **${label}** ${escapeMarkdown(f.message)} (\`${f.ruleId}/${f.messageId}\`)`);
      if (f.subject.value) {
        out.push(`  - Record: ${escapeMarkdown(String(f.subject.type ?? ''))} ${escapeMarkdown(f.subject.name)}: ${escapeMarkdown(f.subject.value)}`);
      }
      if (f.fix) out.push(`  - Fix: ${escapeMarkdown(f.fix)}`);
    }
    const passes = d.findings.filter((f) => f.severity === 'info');
    if (passes.length > 0) {
      out.push('', '<details><summary>Passing checks</summary>', '');
      for (const f of passes) out.push(`- ${escapeMarkdown(f.message)}`);
      out.push('', '</details>');
    }
  }
  out.push('', `DNS: ${escapeMarkdown(describeStats(report.stats.dns))}`, '');
  return out.join('\n');
}
