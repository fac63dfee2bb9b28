import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfNodes } from '../../src/spf/rule-helpers.js';

// "+all" anywhere in the tree authorises every host on the Internet (an included "+all" makes the
// include match for everyone). "?all" at the apex says nothing about unlisted hosts.
export default defineRule({
  id: 'spf-permissive-all',
  area: 'spf',
  meta: {
    docs: { description: 'The SPF record ends in "+all" or "?all", authorising or not judging every other host', references: ['RFC 7208 §5.1', 'RFC 7208 §8.2'] },
    messages: {
      passAll: {
        severity: 'error',
        text: 'The SPF record of "{{domain}}" has "{{term}}": every host on the Internet passes SPF{{via}}.',
        fix: 'Replace "{{term}}" with "~all" or "-all" once the legitimate senders are listed.',
      },
      neutralAll: {
        severity: 'warning',
        text: 'The SPF record of "{{domain}}" ends in "{{term}}": hosts not listed get "neutral", which receivers treat like no SPF.',
        fix: 'Replace "{{term}}" with "~all" (or "-all") once the legitimate senders are listed.',
      },
    },
  },
  check(facts, { report }) {
    const apex = facts.spf?.root;
    for (const node of spfNodes(facts)) {
      for (const term of node.terms) {
        if (term.kind !== 'all' || term.ignored) continue;
        const q = term.text[0];
        if (q !== '?' && q !== '+' && term.text.toLowerCase() !== 'all') continue;
        if (q === '?' && node !== apex) continue; // "?all" in someone's include only means "no match"
        const via = node === apex ? '' : ` through "${node.via ?? node.domain}"`;
        report({
          messageId: q === '?' ? 'neutralAll' : 'passAll',
          subject: nodeSubject(node),
          data: { domain: node.domain, term: term.text, via },
        });
      }
    }
  },
});
