import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { sesFeedbackRegion } from '../../src/engine/mx-facts.js';

// feedback-smtp.<region>.amazonses.com takes bounces and complaints for a custom MAIL FROM domain. At
// the apex of a domain people write to, it swallows their mail: SES does not deliver it anywhere.
export default defineRule({
  id: 'mx-ses-feedback-at-apex',
  area: 'mx',
  meta: {
    docs: {
      description: 'An SES feedback MX makes the domain a MAIL FROM domain that cannot receive mail',
      references: ['SES developer guide: mail-from', 'RFC 5321 §5.1'],
    },
    messages: {
      feedbackMx: {
        severity: 'warning',
        text: '"{{domain}}" has MX "{{exchange}}", the SES feedback endpoint for a custom MAIL FROM domain; mail sent to addresses at "{{domain}}" is not delivered to anyone.',
        fix: 'Use a subdomain as MAIL FROM (e.g. "mail.{{domain}}. MX 10 {{exchange}}.") and give "{{domain}}" the MX of its mailbox provider; if "{{domain}}" is only a MAIL FROM domain, list it in this rule\'s mailFromDomains option.',
      },
      mailFromDomain: {
        severity: 'info',
        text: '"{{domain}}" is a SES custom MAIL FROM domain (MX "{{exchange}}"); it receives bounces and complaints only.',
      },
    },
    optionsSchema: {
      type: 'object',
      properties: { mailFromDomains: { type: 'array', items: { type: 'string' } } },
      additionalProperties: false,
    },
    defaultOptions: { mailFromDomains: [] },
  },
  check(facts, { report, domain, options }) {
    const mailFrom = new Set(((options.mailFromDomains as string[] | undefined) ?? []).map((d) => d.toLowerCase().replace(/\.$/, '')));
    for (const record of facts.mx.lookup.records) {
      const exchange = record.exchange ?? '';
      const region = sesFeedbackRegion(exchange);
      if (!region) continue;
      report({
        messageId: mailFrom.has(domain) ? 'mailFromDomain' : 'feedbackMx',
        subject: { name: domain, type: 'MX', value: record.value, source: facts.mx.lookup.server },
        data: { domain, exchange, region },
        evidence: [evidenceOf(facts.mx.lookup)],
      });
    }
  },
});
