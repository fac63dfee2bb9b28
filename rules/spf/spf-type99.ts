import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { apexSpfTexts } from '../../src/spf/rule-helpers.js';
import { txtText } from '../../src/spf/select.js';

// RR type 99 (SPF) was discontinued by RFC 7208: receivers only read TXT. A type-99 record that differs
// from the TXT one is worse: whoever edits it believes it is in force.
export default defineRule({
  id: 'spf-type99',
  area: 'spf',
  meta: {
    docs: { description: 'SPF is published as DNS RR type 99, which RFC 7208 discontinued', references: ['RFC 7208 §3.1', 'RFC 7208 §14.1'] },
    messages: {
      type99Published: {
        severity: 'warning',
        text: '"{{domain}}" publishes an SPF record as RR type 99 ("{{record}}"); receivers ignore type 99 and read only TXT.',
        fix: 'Delete the type-99 SPF record at "{{domain}}"; keep the policy in one TXT record.',
      },
      type99Differs: {
        severity: 'warning',
        text: 'The type-99 SPF record at "{{domain}}" ("{{record}}") differs from the TXT one ("{{txtRecord}}"); only the TXT record is used.',
        fix: 'Delete the type-99 SPF record at "{{domain}}"; make sure the TXT record says what you intend.',
      },
    },
  },
  check(facts, { report }) {
    const lookup = facts.spfType99;
    if (lookup.status !== 'answer' || lookup.records.length === 0) return;
    const txt = apexSpfTexts(facts);
    for (const record of lookup.records.map(txtText)) {
      const differs = facts.txt.status === 'answer' && !txt.includes(record);
      report({
        messageId: differs ? 'type99Differs' : 'type99Published',
        subject: { name: facts.domain, type: 'SPF', value: record, source: lookup.server },
        data: { domain: facts.domain, record, txtRecord: txt.join(' | ') || '(none)' },
        evidence: [evidenceOf(lookup)],
      });
    }
  },
});
