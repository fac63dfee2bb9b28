import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import type { Lookup } from '../../src/dns/types.js';
import { isIpLiteral } from '../../src/engine/mx-facts.js';

const definitelyEmpty = (l: Lookup): boolean => l.status === 'nxdomain' || l.status === 'nodata';

export default defineRule({
  id: 'mx-exchange-no-address',
  area: 'mx',
  meta: {
    docs: {
      description: 'Every MX exchange must have an A or AAAA record',
      references: ['RFC 5321 §5.1'],
    },
    messages: {
      noAddress: {
        severity: 'error',
        text: 'MX exchange "{{exchange}}" of "{{domain}}" has no A or AAAA record (A: {{aStatus}}, AAAA: {{aaaaStatus}}); senders cannot deliver to it.',
        fix: 'Publish A/AAAA records for "{{exchange}}", or remove the MX "{{preference}} {{exchange}}".',
      },
      resolves: {
        severity: 'info',
        text: 'MX exchange "{{exchange}}" of "{{domain}}" resolves to {{addresses}}.',
      },
    },
  },
  check(facts, { report, domain }) {
    for (const host of facts.mx.hosts) {
      if (isIpLiteral(host.exchange)) continue; // mx-exchange-ip-literal reports it
      const subject = { name: domain, type: 'MX', value: `${host.preference} ${host.exchange}`, source: facts.mx.lookup.server };
      const evidence = [evidenceOf(host.a), evidenceOf(host.aaaa)];
      const addresses = [...host.a.records, ...host.aaaa.records].map((r) => r.value);
      if (addresses.length > 0) {
        report({ messageId: 'resolves', subject, data: { domain, exchange: host.exchange, addresses }, evidence });
      } else if (definitelyEmpty(host.a) && definitelyEmpty(host.aaaa)) {
        const status = (l: Lookup): string => (l.status === 'nxdomain' ? 'NXDOMAIN' : 'NODATA');
        report({
          messageId: 'noAddress',
          subject,
          data: { domain, exchange: host.exchange, preference: host.preference, aStatus: status(host.a), aaaaStatus: status(host.aaaa) },
          evidence,
        });
      }
    }
  },
});
