import { defineRule } from '../../src/engine/define-rule.js';
import { forEachSpfTerm, nodeSubject } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-unknown-modifier',
  area: 'spf',
  meta: {
    docs: { description: 'The SPF record has a modifier receivers do not know; it is ignored', references: ['RFC 7208 §6'] },
    messages: {
      unknownModifier: {
        severity: 'notice',
        text: 'The SPF record of "{{domain}}" has the unknown modifier "{{term}}"; receivers ignore it.',
        fix: 'Remove "{{term}}" unless a tool of yours reads it (a misspelt "redirect=" or "exp=" is a common cause).',
      },
    },
  },
  check(facts, { report }) {
    forEachSpfTerm(facts, (node, term) => {
      if (term.kind !== 'unknown-modifier') return;
      report({ messageId: 'unknownModifier', subject: nodeSubject(node), data: { domain: node.domain, term: term.text } });
    });
  },
});
