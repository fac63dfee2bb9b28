import { defineRule } from '../../src/engine/define-rule.js';
import { selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';

export default defineRule({
  id: 'dkim-testing-mode',
  area: 'dkim',
  meta: {
    docs: {
      description: 'A DKIM key in production should not carry the testing flag t=y',
      references: ['RFC 6376 §3.6.1 (t=)'],
    },
    messages: {
      testingMode: {
        severity: 'warning',
        text: 'DKIM key record at "{{name}}" has t=y (testing); verifiers MUST NOT treat its signatures differently from unsigned mail.',
        fix: 'Remove "y" from t= once signing works: publish the record without t=y.',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      for (const record of selector.records) {
        if (record.parsed.problems.length > 0 || !record.parsed.record?.flags.includes('y')) continue;
        report({
          messageId: 'testingMode',
          subject: selectorSubject(selector, record.value),
          data: { selector: selector.selector, name: selector.name, flags: record.parsed.record.flags },
          evidence: selectorEvidence(selector),
        });
      }
    }
  },
});
