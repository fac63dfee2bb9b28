import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject } from '../../src/spf/rule-helpers.js';
import { costliestIncludes } from '../../src/spf/analyse.js';
import { MAX_SPF_LOOKUPS } from '../../src/spf/result.js';

export default defineRule({
  id: 'spf-too-many-lookups',
  area: 'spf',
  meta: {
    docs: { description: 'SPF evaluation must stay within 10 DNS-querying terms, includes and redirects included', references: ['RFC 7208 §4.6.4'] },
    messages: {
      tooManyLookups: {
        severity: 'error',
        text: 'SPF for "{{domain}}" needs up to {{lookups}} DNS lookups; the limit is {{limit}}, beyond it receivers return permerror.',
        fix: 'Remove unused include: terms or replace the costliest ({{largest}}) with ip4:/ip6: ranges.',
      },
    },
  },
  check(facts, { report }) {
    const spf = facts.spf;
    if (!spf || spf.lookups <= MAX_SPF_LOOKUPS) return;
    const costliest = costliestIncludes(spf.root);
    report({
      messageId: 'tooManyLookups',
      subject: nodeSubject(spf.root),
      data: {
        domain: facts.domain, lookups: spf.lookups, limit: MAX_SPF_LOOKUPS,
        largest: costliest.map((c) => `${c.term} (${c.lookups})`), costliest: costliest.map((c) => c.term),
      },
    });
  },
});
