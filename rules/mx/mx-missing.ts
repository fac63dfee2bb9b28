import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';

export default defineRule({
  id: 'mx-missing',
  area: 'mx',
  meta: {
    docs: {
      description: 'A domain without MX records receives mail at its A/AAAA address, if at all',
      references: ['RFC 5321 §5.1', 'RFC 7505 §1'],
    },
    messages: {
      noMx: {
        severity: 'notice',
        text: '"{{domain}}" has no MX records ({{status}}); senders fall back to its A/AAAA address, and bounces to it may be lost.',
        fix: 'Publish the MX records of your mail service, or "{{domain}}. MX 0 ." if the domain receives no mail (RFC 7505).',
      },
    },
  },
  check(facts, { report, domain }) {
    const { lookup } = facts.mx;
    if (lookup.status !== 'nodata' && lookup.status !== 'nxdomain') return;
    report({
      messageId: 'noMx',
      subject: { name: domain, type: 'MX', source: lookup.server },
      data: { domain, status: lookup.status === 'nxdomain' ? 'NXDOMAIN' : 'NODATA' },
      evidence: [evidenceOf(lookup)],
    });
  },
});
