import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfNodes, summaryEvidence } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-duplicate-modifier',
  area: 'spf',
  meta: {
    docs: { description: '"redirect=" or "exp=" appears more than once: a permerror', references: ['RFC 7208 §6'] },
    messages: {
      duplicateModifier: {
        severity: 'error',
        text: 'The SPF record of "{{domain}}" has "{{modifier}}=" more than once (again at offset {{offset}}: "{{term}}"); receivers return permerror.',
        fix: 'Keep one "{{modifier}}=" in the record at "{{domain}}".',
      },
    },
  },
  check(facts, { report }) {
    for (const node of spfNodes(facts)) {
      for (const error of node.errors) {
        if (error.code !== 'duplicate-modifier') continue;
        const modifier = error.term.split('=')[0]?.toLowerCase() ?? '';
        report({
          messageId: 'duplicateModifier',
          subject: nodeSubject(node),
          data: { domain: node.domain, modifier, term: error.term, offset: error.offset },
          evidence: summaryEvidence(node.txt),
        });
      }
    }
  },
});
