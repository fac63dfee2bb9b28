import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-missing-all',
  area: 'spf',
  meta: {
    docs: { description: 'The SPF record has neither an "all" mechanism nor a redirect, so unlisted hosts get "neutral"', references: ['RFC 7208 §4.7', 'RFC 7208 §5.1'] },
    messages: {
      noAllNoRedirect: {
        severity: 'warning',
        text: 'The SPF record of "{{domain}}" has no "all" and no "redirect="; hosts it does not list get the default result "neutral".',
        fix: 'End the record with "~all" or "-all", e.g. "{{suggestion}}".',
      },
    },
  },
  check(facts, { report }) {
    const root = facts.spf?.root;
    if (!root || root.errors.length > 0) return;
    if (root.terms.some((t) => t.kind === 'all' || t.kind === 'redirect')) return;
    report({
      messageId: 'noAllNoRedirect',
      subject: nodeSubject(root),
      data: { domain: root.domain, suggestion: `${root.record ?? 'v=spf1'} ~all` },
    });
  },
});
