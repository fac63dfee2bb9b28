import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';

export default defineRule({
  id: 'dmarc-multiple-records',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'A domain must publish exactly one DMARC record',
      references: ['RFC 7489 §6.6.3', 'RFC 9989 §4.10'],
    },
    messages: {
      multipleRecords: {
        severity: 'error',
        text: '"{{name}}" has {{count}} DMARC records; receivers discard them all and apply no DMARC policy.',
        fix: 'Keep one record at "{{name}}" (merge the tags you need into it) and delete the others.',
      },
    },
  },
  check(facts, { report }) {
    const { lookup, records } = facts.dmarc;
    const dmarc = records.filter((r) => r.parsed.isDmarc).map((r) => r.value);
    if (dmarc.length < 2) return;
    report({
      messageId: 'multipleRecords',
      subject: { name: lookup.name, type: 'TXT', value: dmarc.join(' | '), source: lookup.server },
      data: { name: lookup.name, count: dmarc.length, records: dmarc },
      evidence: [evidenceOf(lookup)],
    });
  },
});
