import { defineRule } from '../../src/engine/define-rule.js';
import { dmarcRecordsToLint, recordEvidence, recordSubject } from '../../src/dmarc/subject.js';

// SES sends with a MAIL FROM of amazonses.com or a custom MAIL FROM *subdomain* of the From domain;
// strict SPF alignment needs the two to be identical, so SPF can never align for SES mail.
export default defineRule({
  id: 'dmarc-aspf-strict',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'aspf=s means SPF never aligns for mail sent through SES; only DKIM can',
      references: ['RFC 7489 §3.1.2', 'SES developer guide: mail-from, send-email-authentication-dmarc'],
    },
    messages: {
      strictSpfAlignment: {
        severity: 'warning',
        text: 'DMARC at "{{name}}" has aspf=s; SES mail uses a MAIL FROM that is a subdomain (or amazonses.com), so SPF never aligns and only DKIM can pass DMARC.',
        fix: 'Remove aspf=s (relaxed is the default) so a custom MAIL FROM such as "mail.{{domain}}" aligns, or make sure every SES identity signs with Easy DKIM.',
      },
    },
  },
  check(facts, { report, domain }) {
    for (const record of dmarcRecordsToLint(facts)) {
      if (record.parsed.record?.aspf !== 's') continue;
      report({ messageId: 'strictSpfAlignment', subject: recordSubject(record), data: { name: record.name, domain }, evidence: recordEvidence(record) });
    }
  },
});
