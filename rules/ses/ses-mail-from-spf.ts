import { defineRule } from '../../src/engine/define-rule.js';
import { parseSpf } from '../../src/spf/parse.js';
import { definite, describeAbsence, evidence, includesSes, SES_REFERENCES } from './_shared.js';

// SES checks only the MX of a custom MAIL FROM domain; receivers check SPF against that domain. Without
// an SPF record there that lets SES's servers pass, custom MAIL FROM buys nothing: SPF fails, and so
// does SPF alignment.
export default defineRule({
  id: 'ses-mail-from-spf',
  area: 'ses',
  meta: {
    docs: {
      description: 'A custom MAIL FROM domain needs one SPF record that authorises SES (include:amazonses.com)',
      references: [SES_REFERENCES.mailFrom, 'RFC 7208 §4.5', 'RFC 7208 §5.2'],
    },
    messages: {
      spfMissing: {
        severity: 'error',
        text: 'The MAIL FROM domain "{{mailFrom}}" {{outcome}}: no SPF record, so SPF for mail SES sends from "{{domain}}" is "none".',
        fix: 'Publish: {{mailFrom}}. TXT "v=spf1 include:amazonses.com ~all"',
      },
      spfMultiple: {
        severity: 'error',
        text: 'The MAIL FROM domain "{{mailFrom}}" has {{count}} SPF records; receivers treat that as permerror (RFC 7208 §4.5).',
        fix: 'Merge them into one: {{mailFrom}}. TXT "v=spf1 include:amazonses.com ~all"',
      },
      spfWithoutSes: {
        severity: 'error',
        text: 'The SPF record of the MAIL FROM domain "{{mailFrom}}" does not include "amazonses.com": "{{record}}"; mail SES sends fails SPF.',
        fix: 'Add include:amazonses.com before the "all" term, e.g. {{mailFrom}}. TXT "v=spf1 include:amazonses.com ~all"',
      },
      spfSesIndirect: {
        severity: 'notice',
        text: 'The SPF record of "{{mailFrom}}" has no include:amazonses.com but a redirect to "{{redirect}}"; maildns does not confirm that it authorises SES.',
        fix: 'If SES is not authorised there, publish: {{mailFrom}}. TXT "v=spf1 include:amazonses.com ~all"',
      },
      spfOk: { severity: 'info', text: 'The MAIL FROM domain "{{mailFrom}}" authorises SES in SPF: "{{record}}".' },
    },
  },
  check(facts, { report }) {
    const seen = new Set<string>(); // one MAIL FROM domain may serve several regions
    for (const { identity, mailFrom } of facts.ses?.identities ?? []) {
      if (!mailFrom || seen.has(mailFrom.domain) || !definite(mailFrom.txt)) continue;
      seen.add(mailFrom.domain);
      const data = { domain: identity.name, mailFrom: mailFrom.domain };
      const subject = { name: mailFrom.domain, type: 'TXT', source: mailFrom.txt.server };
      const ev = evidence(mailFrom.txt);
      const { spf } = mailFrom;
      if (spf.kind === 'none') {
        const outcome = mailFrom.txt.status === 'answer' ? 'has TXT records but none starts "v=spf1"' : describeAbsence(mailFrom.txt);
        report({ messageId: 'spfMissing', subject, data: { ...data, outcome }, evidence: ev });
        continue;
      }
      if (spf.kind === 'multiple') {
        report({ messageId: 'spfMultiple', subject, data: { ...data, count: spf.records.length }, evidence: ev });
        continue;
      }
      const redirect = parseSpf(spf.text).terms.find((t) => t.kind === 'redirect');
      const withRecord = { ...data, record: spf.text };
      if (includesSes(spf.text)) report({ messageId: 'spfOk', subject: { ...subject, value: spf.text }, data: withRecord, evidence: ev });
      else if (redirect?.kind === 'redirect') {
        report({ messageId: 'spfSesIndirect', subject: { ...subject, value: spf.text }, data: { ...withRecord, redirect: redirect.domain.text }, evidence: ev });
      } else report({ messageId: 'spfWithoutSes', subject: { ...subject, value: spf.text }, data: withRecord, evidence: ev });
    }
  },
});
