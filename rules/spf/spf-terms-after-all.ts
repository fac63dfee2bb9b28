import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfNodes } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-terms-after-all',
  area: 'spf',
  meta: {
    docs: { description: 'Mechanisms after "all" are never evaluated', references: ['RFC 7208 §5.1'] },
    messages: {
      termsAfterAll: {
        severity: 'warning',
        text: 'The SPF record of "{{domain}}" has {{count}} mechanism(s) after "all" ({{terms}}); receivers never evaluate them.',
        fix: 'Move {{terms}} before the "all" mechanism, or delete them.',
      },
    },
  },
  check(facts, { report }) {
    for (const node of spfNodes(facts)) {
      const terms = node.terms.filter((t) => t.ignored === 'after-all').map((t) => t.text);
      if (terms.length === 0) continue;
      report({ messageId: 'termsAfterAll', subject: nodeSubject(node), data: { domain: node.domain, count: terms.length, terms } });
    }
  },
});
