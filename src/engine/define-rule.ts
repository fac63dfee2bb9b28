import type { Rule } from './types.js';

/** Identity helper that gives rule files their type without a cast. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Fill {{name}} placeholders from data. Unknown placeholders stay visible, so a typo shows in tests. */
export function formatMessage(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    const value = data[key];
    if (value === undefined || value === null) return whole;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}
