import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfNodes, summaryEvidence } from '../../src/spf/rule-helpers.js';

// Every parse error of every record in the tree (the apex and what it includes), each with the term
// and its offset. Duplicate redirect=/exp= has its own rule (spf-duplicate-modifier).
export default defineRule({
  id: 'spf-syntax-error',
  area: 'spf',
  meta: {
    docs: { description: 'An SPF record in the evaluation tree does not parse: every check through it is a permerror', references: ['RFC 7208 §4.6', 'RFC 7208 §12'] },
    messages: {
      syntaxError: {
        severity: 'error',
        text: 'SPF record of "{{domain}}": term "{{term}}" at offset {{offset}}: {{detail}}; a syntax error makes SPF a permerror.',
        fix: 'Correct or remove "{{term}}" in the TXT record at "{{domain}}".',
      },
    },
  },
  check(facts, { report }) {
    for (const node of spfNodes(facts)) {
      for (const error of node.errors) {
        if (error.code === 'duplicate-modifier') continue;
        report({
          messageId: 'syntaxError',
          subject: nodeSubject(node),
          data: { domain: node.domain, term: error.term, offset: error.offset, position: error.position, code: error.code, detail: error.message },
          evidence: summaryEvidence(node.txt),
        });
      }
    }
  },
});
