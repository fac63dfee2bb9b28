import { defineRule } from '../../src/engine/define-rule.js';
import { forEachSpfTerm, nodeSubject } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-ptr-used',
  area: 'spf',
  meta: {
    docs: { description: 'The "ptr" mechanism is slow, unreliable and should not be used', references: ['RFC 7208 §5.5'] },
    messages: {
      ptrUsed: {
        severity: 'warning',
        text: 'The SPF record of "{{domain}}" uses "{{term}}"; RFC 7208 §5.5 says ptr SHOULD NOT be used, and some receivers skip it.',
        fix: 'Replace "{{term}}" with ip4:/ip6: ranges or a:/include: terms for the sending hosts.',
      },
    },
  },
  check(facts, { report }) {
    forEachSpfTerm(facts, (node, term) => {
      if (term.kind !== 'ptr' || term.ignored) return;
      report({ messageId: 'ptrUsed', subject: nodeSubject(node), data: { domain: node.domain, term: term.text } });
    });
  },
});
