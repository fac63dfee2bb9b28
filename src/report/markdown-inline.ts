// Values from DNS in a Markdown ticket go in code spans. Backslash escapes stop emphasis, links and
// HTML, but not what GitHub and GitLab add to plain text after parsing: a URL, "www.…" or an e-mail
// address becomes a link, "@team" pings a team, "#12" links an issue, ":emoji:" draws a picture. A
// TXT record is attacker-chosen text, and a report pasted into a ticket must not ping or link for it.
// Inside a code span nothing is interpreted, so the value reads exactly as it was served.

import { escapeMarkdown, escapeText, MAX_PRINTED_VALUE } from './escape.js';
import { formatMessage } from '../engine/define-rule.js';

export interface CodeSpanOptions {
  max?: number;
  /** Inside a GFM table cell, where "|" ends the cell even in a code span unless escaped. */
  inTable?: boolean;
}

/** `value` as a code span: controls made visible and the value cut as in text, fenced by enough backticks. */
export function codeSpan(value: string, { max = MAX_PRINTED_VALUE, inTable = false }: CodeSpanOptions = {}): string {
  if (value === '') return '*(empty)*';
  let text = escapeText(value, max);
  if (inTable) text = text.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each end when both ends have one; a backtick at an end would
  // join the fence. A space on each side keeps the value as it is in both cases.
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
/** The same, for split(): no capture group, so the pieces around the placeholder only. */
const PLACEHOLDER_TEXT = /\{\{\s*\w+\s*\}\}/;
/** Template punctuation around a placeholder that stays outside its code span: (…), a full stop. */
const LEADING = /^[(['"]+/;
const TRAILING = /[)\]'".,;:!?]+$/;

/**
 * A finding's message (or fix) from its rule's template: prose escaped as Markdown, what the template
 * quotes ("{{name}}", "v=DMARC1; p=reject") as one code span in place of the quotes, and each other word
 * that holds a string from `data` (s={{selector}}, {{tag}}={{value}}) as a code span too. Numbers stay
 * prose ("2048-bit").
 */
export function markdownMessage(template: string, data: Record<string, unknown>): string {
  return template
    .split(/"([^"]*)"/)
    .map((part, i) => (i % 2 === 1 ? codeSpan(formatMessage(part, data)) : markdownWords(part, data)))
    .join('');
}

function markdownWords(text: string, data: Record<string, unknown>): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      const keys = [...word.matchAll(PLACEHOLDER)].map((m) => m[1]!);
      if (keys.length === 0 || keys.every((key) => !holdsText(data[key]))) return escapeMarkdown(formatMessage(word, data));
      const lead = word.slice(0, word.search(PLACEHOLDER)).match(LEADING)?.[0] ?? '';
      const afterLast = word.slice(word.lastIndexOf('}}') + 2);
      const trail = afterLast.match(TRAILING)?.[0] ?? '';
      const core = word.slice(lead.length, word.length - trail.length);
      const filled = formatMessage(core, data);
      // An unquoted placeholder may hold an optional piece of prose (", the policy of "x" through
      // "redirect=y","): empty, it adds nothing; with quotes inside, its quoted parts become code.
      if (filled === '') return `${escapeMarkdown(lead)}${escapeMarkdown(trail)}`;
      const value = keys.length === 1 ? data[keys[0]!] : undefined;
      if (typeof value === 'string' && value.includes('"')) {
        const [before, after] = word.split(PLACEHOLDER_TEXT);
        return `${escapeMarkdown(before ?? '')}${markdownProse(value)}${escapeMarkdown(after ?? '')}`;
      }
      return `${escapeMarkdown(lead)}${codeSpan(filled)}${escapeMarkdown(trail)}`;
    })
    .join('');
}

function holdsText(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.some((item) => typeof item === 'string'));
}

// What GitHub or GitLab would turn into a link, a ping or a picture in plain text.
const LIVE_TEXT = /@|:\/\/|\bwww\.|\b(?:mailto|xmpp):\S|#\d|\bGH-\d|:[\w+-]+:/i;

/**
 * Prose that has no template (drift notices, an engine error), which quotes its values in "…": each
 * quoted value becomes a code span. If anything outside the quotes could still turn live (a value that
 * was not quoted, or held a quote itself), the whole message goes in one code span instead.
 */
export function markdownProse(message: string): string {
  const parts = message.split(/"([^"\n]*)"/);
  const prose = parts.filter((_, i) => i % 2 === 0);
  if (prose.some((text) => LIVE_TEXT.test(text))) return codeSpan(message);
  return parts.map((part, i) => (i % 2 === 0 ? escapeMarkdown(part) : codeSpan(part))).join('');
}
