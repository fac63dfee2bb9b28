import { defineRule } from '../../src/engine/define-rule.js';
import { selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';

export default defineRule({
  id: 'dkim-key-revoked',
  area: 'dkim',
  meta: {
    docs: {
      description: 'A DKIM selector in use must not publish a revoked key (empty p=)',
      references: ['RFC 6376 §3.6.1'],
    },
    messages: {
      keyRevoked: {
        severity: 'error',
        text: 'DKIM selector "{{selector}}" publishes a revoked key (empty p=) at "{{name}}"; every signature with s={{selector}} fails.',
        fix: 'If mail is still signed with "{{selector}}", publish its public key again; otherwise remove "{{selector}}" from the selectors checked.',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      for (const record of selector.records) {
        if (!record.parsed.revoked || record.parsed.problems.length > 0) continue;
        report({
          messageId: 'keyRevoked',
          subject: selectorSubject(selector, record.value),
          data: { selector: selector.selector, name: selector.name, record: record.value },
          evidence: selectorEvidence(selector),
        });
      }
    }
  },
});
