import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { txtText } from '../../src/spf/select.js';

// Sender ID (RFC 4406, "spf2.0/pra" and friends) was an experiment, moved to Historic by RFC 6686;
// no major receiver evaluates it. Such a record only adds to the TXT answer size.
export default defineRule({
  id: 'spf-sender-id',
  area: 'spf',
  meta: {
    docs: { description: 'A Sender ID ("spf2.0/…") record is published; Sender ID is obsolete', references: ['RFC 4406', 'RFC 6686'] },
    messages: {
      senderIdRecord: {
        severity: 'notice',
        text: '"{{domain}}" publishes a Sender ID record ("{{record}}"); Sender ID is historic (RFC 6686) and receivers ignore it.',
        fix: 'Delete the "spf2.0/…" TXT record at "{{domain}}"; the v=spf1 record is what receivers use.',
      },
    },
  },
  check(facts, { report }) {
    for (const record of facts.txt.records.map(txtText)) {
      if (!/^spf2\.0\//i.test(record)) continue;
      report({
        messageId: 'senderIdRecord',
        subject: { name: facts.domain, type: 'TXT', value: record, source: facts.txt.server },
        data: { domain: facts.domain, record },
        evidence: [evidenceOf(facts.txt)],
      });
    }
  },
});
