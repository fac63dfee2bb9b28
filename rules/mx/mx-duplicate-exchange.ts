import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { byCodepoint } from '../../src/order.js';

export default defineRule({
  id: 'mx-duplicate-exchange',
  area: 'mx',
  meta: {
    docs: {
      description: 'Each MX exchange should be listed once',
      references: ['RFC 5321 §5.1'],
    },
    messages: {
      duplicateExchange: {
        severity: 'warning',
        text: '"{{exchange}}" appears {{count}} times in the MX records of "{{domain}}" (preferences {{preferences}}); senders try it once, at the best preference.',
        fix: 'Keep one "MX <preference> {{exchange}}." record.',
      },
    },
  },
  check(facts, { report, domain }) {
    const byExchange = new Map<string, number[]>();
    for (const record of facts.mx.lookup.records) {
      const exchange = record.exchange ?? '';
      if (exchange === '') continue; // null MX: mx-null-mixed
      byExchange.set(exchange, [...(byExchange.get(exchange) ?? []), record.preference ?? 0]);
    }
    for (const [exchange, preferences] of [...byExchange].sort(([a], [b]) => byCodepoint(a, b))) {
      if (preferences.length < 2) continue;
      report({
        messageId: 'duplicateExchange',
        subject: { name: domain, type: 'MX', value: preferences.map((p) => `${p} ${exchange}`).join(', '), source: facts.mx.lookup.server },
        data: { domain, exchange, count: preferences.length, preferences: [...preferences].sort((a, b) => a - b) },
        evidence: [evidenceOf(facts.mx.lookup)],
      });
    }
  },
});
