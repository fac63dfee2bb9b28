import { defineRule } from '../../src/engine/define-rule.js';
import { forEachSpfTerm, nodeSubject } from '../../src/spf/rule-helpers.js';
import { MAX_MX_NAMES } from '../../src/spf/result.js';

export default defineRule({
  id: 'spf-mx-too-many-exchanges',
  area: 'spf',
  meta: {
    docs: { description: 'An "mx" term names a domain with more than 10 MX records: a permerror', references: ['RFC 7208 §4.6.4'] },
    messages: {
      mxTooManyExchanges: {
        severity: 'error',
        text: '"{{term}}" in the SPF record of "{{domain}}" reaches {{exchanges}} MX records at "{{target}}"; the limit is {{limit}}, beyond it receivers return permerror.',
        fix: 'Replace "{{term}}" with ip4:/ip6: ranges of the hosts that send mail.',
      },
    },
  },
  check(facts, { report }) {
    forEachSpfTerm(facts, (node, term) => {
      if (term.kind !== 'mx' || (term.mxExchanges ?? 0) <= MAX_MX_NAMES) return;
      report({
        messageId: 'mxTooManyExchanges',
        subject: nodeSubject(node),
        data: { domain: node.domain, term: term.text, target: term.target ?? node.domain, exchanges: term.mxExchanges ?? 0, limit: MAX_MX_NAMES },
      });
    });
  },
});
