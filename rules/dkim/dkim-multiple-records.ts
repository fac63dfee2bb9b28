import { defineRule } from '../../src/engine/define-rule.js';
import { selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';

// RFC 6376 §6.1.2 leaves the choice among several key records to the verifier ("the order of the key
// records is unspecified"), so the outcome differs from receiver to receiver.
export default defineRule({
  id: 'dkim-multiple-records',
  area: 'dkim',
  meta: {
    docs: {
      description: 'A DKIM selector should publish exactly one TXT record',
      references: ['RFC 6376 §6.1.2', 'RFC 6376 §3.6.2.2'],
    },
    messages: {
      multipleRecords: {
        severity: 'warning',
        text: 'DKIM selector "{{selector}}" has {{count}} TXT records at "{{owner}}"; verifiers pick one in no defined order, so results vary by receiver.',
        fix: 'Keep one key record at "{{owner}}" and delete the others; rotate keys with a new selector instead.',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      if (selector.records.length < 2) continue;
      const values = selector.records.map((r) => r.value);
      report({
        messageId: 'multipleRecords',
        subject: selectorSubject(selector, values.join(' | ')),
        data: { selector: selector.selector, owner: selector.lookup.records[0]?.name ?? selector.name, count: values.length, records: values },
        evidence: selectorEvidence(selector),
      });
    }
  },
});
