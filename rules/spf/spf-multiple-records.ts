import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { apexSpfTexts } from '../../src/spf/rule-helpers.js';

export default defineRule({
  id: 'spf-multiple-records',
  area: 'spf',
  meta: {
    docs: { description: 'More than one TXT record starts "v=spf1": SPF evaluation is a permerror', references: ['RFC 7208 §3.2', 'RFC 7208 §4.5'] },
    messages: {
      multipleRecords: {
        severity: 'error',
        text: '"{{domain}}" has {{count}} SPF records; there must be exactly one, so every SPF check is a permerror.',
        fix: 'Merge the records into one TXT record starting "v=spf1" and delete the others.',
      },
    },
  },
  check(facts, { report }) {
    const records = apexSpfTexts(facts);
    if (records.length < 2) return;
    report({
      messageId: 'multipleRecords',
      subject: { name: facts.domain, type: 'TXT', value: records.join(' | '), source: facts.txt.server },
      data: { domain: facts.domain, count: records.length, records },
      evidence: [evidenceOf(facts.txt)],
    });
  },
});
