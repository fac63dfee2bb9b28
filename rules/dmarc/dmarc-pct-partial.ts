import { defineRule } from '../../src/engine/define-rule.js';
import { dmarcRecordsToLint, recordEvidence, recordSubject } from '../../src/dmarc/subject.js';

export const FULL_PERCENTAGE = 100; // RFC 7489 §6.3: pct defaults to 100

export default defineRule({
  id: 'dmarc-pct-partial',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'pct= below 100 applies the policy to part of the failing mail, and only at RFC 7489 receivers',
      references: ['RFC 7489 §6.3 (pct)', 'RFC 9989 Appendix A.6'],
    },
    messages: {
      partialPolicy: {
        severity: 'warning',
        text: 'DMARC at "{{name}}" has pct={{pct}}: RFC 7489 receivers apply p={{policy}} to {{pct}}% of failing mail, while RFC 9989 receivers ignore pct and apply it to all.',
        fix: 'Remove pct= (or set pct=100); to stage a change use p=quarantine first, or t=y (RFC 9989).',
      },
    },
  },
  check(facts, { report }) {
    for (const record of dmarcRecordsToLint(facts)) {
      const tags = record.parsed.record;
      if (tags?.pct === undefined || tags.pct >= FULL_PERCENTAGE) continue;
      report({
        messageId: 'partialPolicy',
        subject: recordSubject(record),
        data: { name: record.name, pct: tags.pct, policy: tags.p ?? 'none' },
        evidence: recordEvidence(record),
      });
    }
  },
});
