import { defineRule } from '../../src/engine/define-rule.js';
import { forEachSpfTerm, nodeSubject, summaryEvidence } from '../../src/spf/rule-helpers.js';

// include: and redirect= of a domain without exactly one SPF record is a permerror (RFC 7208 §5.2 for
// include's "none", §6.1 for redirect, §4.5 for several records). An indeterminate lookup is no proof.
export default defineRule({
  id: 'spf-include-without-spf',
  area: 'spf',
  meta: {
    docs: { description: 'An include or redirect names a domain without exactly one SPF record', references: ['RFC 7208 §5.2', 'RFC 7208 §6.1', 'RFC 7208 §4.5'] },
    messages: {
      includeWithoutSpf: {
        severity: 'error',
        text: '"{{term}}" in the SPF record of "{{domain}}" names "{{target}}", which has no SPF record ({{status}}); receivers return permerror.',
        fix: 'Remove "{{term}}" or correct the domain name.',
      },
      includeMultipleSpf: {
        severity: 'error',
        text: '"{{term}}" in the SPF record of "{{domain}}" names "{{target}}", which has several SPF records; receivers return permerror.',
        fix: 'Ask the owner of "{{target}}" to publish one SPF record, or remove "{{term}}".',
      },
    },
  },
  check(facts, { report }) {
    forEachSpfTerm(facts, (node, term) => {
      const child = term.child;
      if (!child || (child.status !== 'no-record' && child.status !== 'multiple-records')) return;
      report({
        messageId: child.status === 'no-record' ? 'includeWithoutSpf' : 'includeMultipleSpf',
        subject: nodeSubject(node),
        data: { domain: node.domain, term: term.text, target: child.domain, status: child.txt?.status ?? 'unknown' },
        evidence: summaryEvidence(child.txt),
      });
    });
  },
});
