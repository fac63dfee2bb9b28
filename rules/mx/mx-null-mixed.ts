import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { isNullMx } from '../../src/engine/mx-facts.js';

export const NULL_MX_PREFERENCE = 0; // RFC 7505 §3: "0 ."

export default defineRule({
  id: 'mx-null-mixed',
  area: 'mx',
  meta: {
    docs: {
      description: 'A null MX ("0 .") must be the only MX and have preference 0',
      references: ['RFC 7505 §3', 'RFC 7505 §4'],
    },
    messages: {
      nullMxWithOthers: {
        severity: 'error',
        text: '"{{domain}}" publishes a null MX ("accepts no mail") together with {{others}} other MX record(s); RFC 7505 forbids the mix and senders handle it differently.',
        fix: 'Decide: to receive mail, delete the "0 ." record; to receive none, keep only "{{domain}}. MX 0 .".',
      },
      nullMxPreference: {
        severity: 'error',
        text: '"{{domain}}" has an MX to "." with preference {{preference}}; a null MX has preference 0, so this is not one (RFC 7505 §3).',
        fix: 'Publish "{{domain}}. MX 0 ." instead.',
      },
      nullMx: {
        severity: 'info',
        text: '"{{domain}}" publishes a null MX: it accepts no mail (RFC 7505).',
      },
    },
  },
  check(facts, { report, domain }) {
    const { lookup } = facts.mx;
    const nulls = lookup.records.filter(isNullMx);
    if (nulls.length === 0) return;
    const subject = { name: domain, type: 'MX', value: lookup.records.map((r) => r.value).join(', '), source: lookup.server };
    const evidence = [evidenceOf(lookup)];
    const others = lookup.records.length - nulls.length;
    if (others > 0) report({ messageId: 'nullMxWithOthers', subject, data: { domain, others }, evidence });
    for (const record of nulls) {
      if ((record.preference ?? 0) !== NULL_MX_PREFERENCE) {
        report({ messageId: 'nullMxPreference', subject, data: { domain, preference: record.preference ?? 0 }, evidence });
      }
    }
    if (others === 0 && nulls.every((r) => (r.preference ?? 0) === NULL_MX_PREFERENCE)) {
      report({ messageId: 'nullMx', subject, data: { domain }, evidence });
    }
  },
});
