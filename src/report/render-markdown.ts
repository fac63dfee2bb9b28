// The ticket report: a summary table, then each domain's findings with the record quoted and the fix.
// Everything that came from DNS or the user is in code spans (markdown-inline.ts says why).

import { SEVERITY_RANK, type Finding, type Report, type Rule, type RuleMessage } from '../engine/types.js';
import { allRules } from '../../rules/index.js';
import { escapeMarkdown } from './escape.js';
import { codeSpan, markdownMessage, markdownProse } from './markdown-inline.js';
import { describeStats } from './render-text.js';
import { formatMessage } from '../engine/define-rule.js';

const ICON: Record<string, string> = { ok: '✅', notice: 'ℹ️', warning: '⚠️', error: '❌', indeterminate: '❔' };

export interface MarkdownOptions {
  /** The rules whose message templates the findings came from (default: maildns's own). */
  rules?: readonly Rule[];
}

export function renderMarkdown(report: Report, { rules = allRules }: MarkdownOptions = {}): string {
  const messages = messagesOf(rules);
  const out: string[] = ['# maildns report', '', '| Domain | Status | Errors | Warnings | Notices | Not checked |', '|---|---|---:|---:|---:|---:|'];
  for (const d of report.domains) {
    const count = (s: string): number => d.findings.filter((f) => f.severity === s && !f.indeterminate).length;
    const unchecked = d.findings.filter((f) => f.indeterminate).length + (d.error ? 1 : 0);
    out.push(`| ${codeSpan(d.domain, { inTable: true })} | ${ICON[d.status]} ${d.status} | ${count('error')} | ${count('warning')} | ${count('notice')} | ${unchecked} |`);
  }
  for (const d of report.domains) {
    out.push('', `## ${codeSpan(d.domain)} — ${d.status}`, '');
    if (d.error) out.push(`Not checked: ${markdownProse(d.error)}`, '');
    const findings = d.findings
      .filter((f) => f.severity !== 'info')
      .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
    if (findings.length === 0 && !d.error) out.push('No problems found.');
    for (const f of findings) {
      const label = f.indeterminate ? 'indeterminate' : f.severity;
      const message = messages.get(`${f.ruleId}/${f.messageId}`);
      out.push(`- **${label}** ${inMarkdown(f.message, message?.text, f)} (${codeSpan(`${f.ruleId}/${f.messageId}`)})`);
      if (f.subject.value) {
        out.push(`  - Record: ${escapeMarkdown(String(f.subject.type ?? ''))} ${codeSpan(f.subject.name)}: ${codeSpan(f.subject.value)}`);
      }
      if (f.fix) out.push(`  - Fix: ${inMarkdown(f.fix, message?.fix, f)}`);
    }
    const passes = d.findings.filter((f) => f.severity === 'info');
    if (passes.length > 0) {
      out.push('', '<details><summary>Passing checks</summary>', '');
      for (const f of passes) out.push(`- ${inMarkdown(f.message, messages.get(`${f.ruleId}/${f.messageId}`)?.text, f)}`);
      out.push('', '</details>');
    }
  }
  out.push('', `DNS: ${escapeMarkdown(describeStats(report.stats.dns))}`, '');
  return out.join('\n');
}

/**
 * `text` from its template, values in code spans — when the template with the finding's data gives
 * exactly `text`. A finding from elsewhere (another rule set, a crashed rule) is rendered as prose.
 */
function inMarkdown(text: string, template: string | undefined, f: Finding): string {
  if (template !== undefined && formatMessage(template, f.data) === text) return markdownMessage(template, f.data);
  return markdownProse(text);
}

const messagesByRules = new WeakMap<readonly Rule[], Map<string, RuleMessage>>();

function messagesOf(rules: readonly Rule[]): Map<string, RuleMessage> {
  let messages = messagesByRules.get(rules);
  if (!messages) {
    messages = new Map();
    for (const rule of rules) for (const [id, message] of Object.entries(rule.meta.messages)) messages.set(`${rule.id}/${id}`, message);
    messagesByRules.set(rules, messages);
  }
  return messages;
}
