import { defineRule } from '../../src/engine/define-rule.js';
import { selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';

// Verifiers read p= as the type k= names (default rsa); a key of the other type fails to load there.
export default defineRule({
  id: 'dkim-key-type-mismatch',
  area: 'dkim',
  meta: {
    docs: {
      description: 'The k= key type of a DKIM record must match the key in p=',
      references: ['RFC 6376 §3.6.1 (k=)', 'RFC 8463 §4.2'],
    },
    messages: {
      keyTypeMismatch: {
        severity: 'error',
        text: 'DKIM key record at "{{name}}" declares k={{declared}} but p= holds an {{actual}} key; verifiers cannot load it.',
        fix: 'Set k={{actual}} in the record at "{{name}}".',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      for (const record of selector.records) {
        const { parsed } = record;
        if (!parsed.problems.some((p) => p.code === 'keyTypeMismatch') || !parsed.key || !parsed.record) continue;
        report({
          messageId: 'keyTypeMismatch',
          subject: selectorSubject(selector, record.value),
          data: { selector: selector.selector, name: selector.name, declared: parsed.record.keyType, actual: parsed.key.type },
          evidence: selectorEvidence(selector),
        });
      }
    }
  },
});
