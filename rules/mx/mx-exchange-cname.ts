import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { isIndeterminate } from '../../src/dns/types.js';
import { isSesManagedHost } from '../../src/engine/mx-facts.js';

export default defineRule({
  id: 'mx-exchange-cname',
  area: 'mx',
  meta: {
    docs: {
      description: 'An MX exchange must not be an alias (CNAME)',
      references: ['RFC 2181 §10.3', 'RFC 5321 §5.1'],
    },
    messages: {
      exchangeIsCname: {
        severity: 'error',
        text: 'MX of "{{domain}}" points at "{{exchange}}", which is a CNAME to "{{target}}"; RFC 2181 §10.3 forbids aliases in MX data and some senders will not deliver.',
        fix: 'Change the MX to "{{preference}} {{target}}." (the canonical name), or replace the CNAME at "{{exchange}}" with A/AAAA records.',
      },
    },
  },
  check(facts, { report, domain }) {
    for (const host of facts.mx.hosts) {
      if (isSesManagedHost(host.exchange)) continue; // AWS-managed; its DNS shape is not ours to judge
      const lookup = [host.a, host.aaaa].find((l) => !isIndeterminate(l.status) && l.cnames.length > 0);
      if (!lookup) continue;
      const last = lookup.cnames.at(-1)!;
      report({
        messageId: 'exchangeIsCname',
        subject: { name: domain, type: 'MX', value: `${host.preference} ${host.exchange}`, source: facts.mx.lookup.server },
        data: { domain, exchange: host.exchange, preference: host.preference, target: last.target ?? last.value, chain: lookup.cnames.map((c) => c.name) },
        evidence: [evidenceOf(facts.mx.lookup), evidenceOf(lookup)],
      });
    }
  },
});
