import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfTerms } from '../../src/spf/rule-helpers.js';
import { MAX_VOID_LOOKUPS } from '../../src/spf/result.js';

// The figure depends on the receiver (see src/spf/facts.ts VoidReading): over the limit under the
// A+AAAA reading means every common receiver fails; over it only for one address family is a warning.
export default defineRule({
  id: 'spf-too-many-void-lookups',
  area: 'spf',
  meta: {
    docs: { description: 'More than 2 SPF lookups find no records (NXDOMAIN or NODATA)', references: ['RFC 7208 §4.6.4'] },
    messages: {
      tooManyVoidLookups: {
        severity: 'error',
        text: 'SPF for "{{domain}}" makes {{voidLookups}} void lookups ({{voids}}); the limit is {{limit}}, beyond it receivers return permerror.',
        fix: 'Remove the terms that point at names without records: {{voids}}.',
      },
      tooManyVoidLookupsSomeReceivers: {
        severity: 'warning',
        text: 'SPF for "{{domain}}" makes {{voidLookups}} void lookups for an {{family}} client ({{voids}}); receivers that query only the client\'s address family return permerror over {{limit}}.',
        fix: 'Remove the terms that point at names without {{family}} addresses, or give those names addresses: {{voids}}.',
      },
    },
  },
  check(facts, { report }) {
    const spf = facts.spf;
    if (!spf) return;
    const r = spf.voidReadings;
    const voidsFor = (reading: 'ipv4Client' | 'ipv6Client' | 'addressPair'): string[] =>
      spfTerms(facts).flatMap(({ term }) => term.voids.filter((v) => v.readings.includes(reading)).map((v) => `${term.text}: ${v.type} ${v.name} ${v.status}`));
    const base = { domain: facts.domain, limit: MAX_VOID_LOOKUPS, ipv4Client: r.ipv4Client, ipv6Client: r.ipv6Client, addressPair: r.addressPair };
    if (r.addressPair > MAX_VOID_LOOKUPS) {
      report({ messageId: 'tooManyVoidLookups', subject: nodeSubject(spf.root), data: { ...base, voidLookups: r.addressPair, voids: voidsFor('addressPair') } });
      return;
    }
    const worst = r.ipv4Client >= r.ipv6Client ? 'ipv4Client' : 'ipv6Client';
    if (r[worst] <= MAX_VOID_LOOKUPS) return;
    report({
      messageId: 'tooManyVoidLookupsSomeReceivers',
      subject: nodeSubject(spf.root),
      data: { ...base, voidLookups: r[worst], family: worst === 'ipv4Client' ? 'IPv4' : 'IPv6', voids: voidsFor(worst) },
    });
  },
});
