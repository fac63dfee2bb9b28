import { defineRule } from '../../src/engine/define-rule.js';
import { definite, describeAbsence, evidence, SES_REFERENCES } from './_shared.js';

// SES checks only the MX of a custom MAIL FROM domain; receivers check SPF against that domain. Without
// an SPF record there that lets SES's servers pass, custom MAIL FROM buys nothing: SPF fails, and so
// does SPF alignment. "Lets SES pass" is check_host() for SES's addresses over the gathered tree
// (src/sources/ses-spf.ts), not the text "include:amazonses.com": a nested include counts, an include
// after "all" or in a record that is a permerror does not.
export default defineRule({
  id: 'ses-mail-from-spf',
  area: 'ses',
  meta: {
    docs: {
      description: 'A custom MAIL FROM domain needs one SPF record whose evaluation lets SES\'s addresses pass (include:amazonses.com)',
      references: [SES_REFERENCES.mailFrom, 'RFC 7208 §4.5', 'RFC 7208 §4.6', 'RFC 7208 §5.1', 'RFC 7208 §5.2', 'RFC 7208 §6.1'],
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
        text: 'The SPF policy of the MAIL FROM domain "{{mailFrom}}" does not let SES pass: SES\'s address {{address}} gets "{{result}}" ({{decidedBy}}); record "{{record}}". Mail SES sends fails SPF.',
        fix: 'Add include:amazonses.com before the "all" term, e.g. {{mailFrom}}. TXT "v=spf1 include:amazonses.com ~all"',
      },
      spfPermerror: {
        severity: 'error',
        text: 'The SPF policy of the MAIL FROM domain "{{mailFrom}}" is a permerror for SES\'s address {{address}}: {{problem}}. Receivers treat mail SES sends as failing SPF or reject it.',
        fix: 'Fix the record so that it evaluates, e.g. {{mailFrom}}. TXT "v=spf1 include:amazonses.com ~all"',
      },
      spfSesUnconfirmed: {
        severity: 'notice',
        text: 'maildns could not evaluate the SPF policy of the MAIL FROM domain "{{mailFrom}}" for SES\'s addresses: {{reason}}; it does not confirm that SES is authorised.',
        fix: 'If SES is not authorised there, publish: {{mailFrom}}. TXT "v=spf1 include:amazonses.com ~all"',
      },
      spfOk: { severity: 'info', text: 'The SPF policy of the MAIL FROM domain "{{mailFrom}}" lets SES pass ({{addresses}}): "{{record}}".' },
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
      const verdict = mailFrom.sesSpf;
      const withRecord = { ...data, record: spf.text };
      const on = { ...subject, value: spf.text };
      switch (verdict?.kind) {
        case 'pass':
          report({ messageId: 'spfOk', subject: on, data: { ...withRecord, addresses: verdict.addresses }, evidence: ev });
          break;
        case 'permerror':
          report({ messageId: 'spfPermerror', subject: on, data: { ...withRecord, address: verdict.address, problem: verdict.problem }, evidence: ev });
          break;
        case 'not-authorised': {
          const decidedBy = verdict.mechanism !== undefined ? `"${verdict.mechanism}" matched` : 'no term matched';
          const found = { address: verdict.address, result: verdict.result, decidedBy, ...(verdict.mechanism !== undefined ? { mechanism: verdict.mechanism } : {}) };
          report({ messageId: 'spfWithoutSes', subject: on, data: { ...withRecord, ...found }, evidence: ev });
          break;
        }
        case 'indeterminate':
          // A failed lookup is dns-lookup-indeterminate's finding; here it would only be a guess.
          if (verdict.unevaluated) report({ messageId: 'spfSesUnconfirmed', subject: on, data: { ...withRecord, reason: verdict.reason }, evidence: ev });
          break;
        default:
          break;
      }
    }
  },
});
