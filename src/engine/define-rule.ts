import type { Rule } from './types.js';
import { memoiseByText } from '../memo-by-text.js';

/** Identity helper that gives rule files their type without a cast. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Fill {{name}} placeholders from data. Unknown placeholders stay visible, so a typo shows in tests. */
export function formatMessage(template: string, data: Record<string, unknown>): string {
  const { literals, keys, placeholders } = compiledTemplate(template);
  let out = literals[0]!;
  for (let i = 0; i < keys.length; i++) {
    const value = data[keys[i]!];
    out += value === undefined || value === null ? placeholders[i]! : Array.isArray(value) ? value.join(', ') : String(value);
    out += literals[i + 1]!;
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** A template cut at its placeholders: literals[i], placeholder i, literals[i + 1], … */
interface CompiledTemplate {
  literals: string[];
  keys: string[];
  /** Each placeholder as written, for data that lacks it. */
  placeholders: string[];
}

/**
 * Templates are cut once, not matched with a regular expression for every finding: a batch formats a
 * few messages per domain from a few dozen templates (twice as fast per message). The templates are
 * the rules' messages, so the cache stays small; the bound is for callers that pass other text.
 */
export const TEMPLATES_KEPT = 1000;
const compiledTemplate: (template: string) => CompiledTemplate = memoiseByText(compileTemplate, TEMPLATES_KEPT);

function compileTemplate(template: string): CompiledTemplate {
  const compiled: CompiledTemplate = { literals: [], keys: [], placeholders: [] };
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    compiled.literals.push(template.slice(last, match.index));
    compiled.keys.push(match[1]!);
    compiled.placeholders.push(match[0]);
    last = match.index + match[0].length;
  }
  compiled.literals.push(template.slice(last));
  return compiled;
}
