import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { isIpLiteral } from '../../src/engine/mx-facts.js';

export default defineRule({
  id: 'mx-exchange-ip-literal',
  area: 'mx',
  meta: {
    docs: {
      description: 'An MX exchange must be a host name, not an IP address',
      references: ['RFC 1035 §3.3.9', 'RFC 5321 §5.1'],
    },
    messages: {
      ipLiteral: {
        severity: 'error',
        text: 'MX of "{{domain}}" names "{{exchange}}", an IP address; MX data is a domain name, so senders look up "{{exchange}}" as a name and fail.',
        fix: 'Publish a name for the server, e.g. "mx.{{domain}}. A {{exchange}}", and use "MX {{preference}} mx.{{domain}}.".',
      },
    },
  },
  check(facts, { report, domain }) {
    for (const record of facts.mx.lookup.records) {
      const exchange = record.exchange ?? '';
      if (exchange === '' || !isIpLiteral(exchange)) continue;
      report({
        messageId: 'ipLiteral',
        subject: { name: domain, type: 'MX', value: record.value, source: facts.mx.lookup.server },
        data: { domain, exchange, preference: record.preference ?? 0 },
        evidence: [evidenceOf(facts.mx.lookup)],
      });
    }
  },
});
