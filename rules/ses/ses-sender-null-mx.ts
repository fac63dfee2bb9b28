import { defineRule } from '../../src/engine/define-rule.js';
import { isNullMx } from '../../src/engine/mx-facts.js';
import { evidence, SES_REFERENCES } from './_shared.js';

// RFC 7505 §4.2: a domain used in MAIL FROM or From SHOULD NOT publish a null MX, and receivers MAY
// reject such mail (550 5.7.27). An SES identity verified for sending is a domain used in From, so the
// null MX that mx-null-mixed reports as a mere fact (info) is, here, mail that may be refused.
// The custom MAIL FROM domain's null MX is ses-mail-from-mx's (nullMx): not reported twice.
export default defineRule({
  id: 'ses-sender-null-mx',
  area: 'ses',
  meta: {
    docs: {
      description: 'A domain SES sends as must not publish a null MX',
      references: ['RFC 7505 §4.2', SES_REFERENCES.api],
    },
    messages: {
      nullMxOnSender: {
        severity: 'error',
        text: '"{{domain}}" publishes a null MX ("0 .": it accepts no mail) but is an SES identity verified for sending in {{regions}}; receivers may reject mail from a domain with a null MX (RFC 7505 §4.2), and replies to it bounce.',
        fix: 'If "{{domain}}" sends mail, replace "{{domain}}. MX 0 ." with the MX of a server that receives its mail; if it sends none, delete its SES identity.',
      },
    },
  },
  check(facts, { report, domain }) {
    const { lookup } = facts.mx;
    if (lookup.status !== 'answer' || !lookup.records.some(isNullMx)) return;
    const sending = (facts.ses?.identities ?? []).filter(({ identity }) => identity.name === domain && identity.verifiedForSending === true);
    if (sending.length === 0) return;
    const regions = [...new Set(sending.map(({ identity }) => identity.region))].sort();
    report({
      messageId: 'nullMxOnSender',
      subject: { name: domain, type: 'MX', value: lookup.records.map((r) => r.value).join(', '), source: lookup.server },
      data: { domain, regions },
      evidence: evidence(lookup),
    });
  },
});
