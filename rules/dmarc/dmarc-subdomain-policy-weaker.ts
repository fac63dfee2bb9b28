import { defineRule } from '../../src/engine/define-rule.js';
import type { DmarcPolicy } from '../../src/dmarc/parse-record.js';
import { dmarcRecordsToLint, recordEvidence, recordSubject } from '../../src/dmarc/subject.js';

const STRENGTH: Record<DmarcPolicy, number> = { none: 0, quarantine: 1, reject: 2 };

export default defineRule({
  id: 'dmarc-subdomain-policy-weaker',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'sp= and np= should not be weaker than p=',
      references: ['RFC 7489 §6.3 (sp)', 'RFC 9989 §4.7 (np)'],
    },
    messages: {
      weakerSubdomainPolicy: {
        severity: 'warning',
        text: 'DMARC at "{{name}}" has p={{p}} but {{tag}}={{weaker}}; {{scope}} can be spoofed more easily than the domain itself.',
        fix: 'Set {{tag}}={{p}}, or remove {{tag}}= so that p= applies.',
      },
    },
  },
  check(facts, { report }) {
    for (const record of dmarcRecordsToLint(facts)) {
      const tags = record.parsed.record;
      if (!tags?.p) continue;
      for (const tag of ['sp', 'np'] as const) {
        const value = tags[tag];
        if (!value || STRENGTH[value] >= STRENGTH[tags.p]) continue;
        report({
          messageId: 'weakerSubdomainPolicy',
          subject: recordSubject(record),
          data: { name: record.name, tag, p: tags.p, weaker: value, scope: tag === 'sp' ? 'mail from its subdomains' : 'mail from its non-existent subdomains' },
          evidence: recordEvidence(record),
        });
      }
    }
  },
});
