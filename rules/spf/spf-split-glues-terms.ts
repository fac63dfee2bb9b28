import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfNodes } from '../../src/spf/rule-helpers.js';

// RFC 7208 §3.3 joins a TXT record's strings with nothing between them. Splitting inside a term is
// legal, but when a string ends mid-term and the next one starts like a new term, the author expected
// a space: "…include:a.com" "include:b.com…" becomes "include:a.cominclude:b.com".
const TERM_START = /^[+\-~?]?(?:all\b|include:|exists:|ip4:|ip6:|a[:/]|a\b|mx[:/]|mx\b|ptr\b|redirect=|exp=)/i;

export default defineRule({
  id: 'spf-split-glues-terms',
  area: 'spf',
  meta: {
    docs: { description: 'The TXT strings of an SPF record join two terms without a space', references: ['RFC 7208 §3.3'] },
    messages: {
      stringsGlueTerms: {
        severity: 'error',
        text: 'The SPF record of "{{domain}}" is split so that "{{before}}" and "{{after}}" join into "{{glued}}"; TXT strings are joined without spaces.',
        fix: 'End string {{index}} with a space (or start the next one with one), so the record reads "… {{before}} {{after}} …".',
      },
    },
  },
  check(facts, { report }) {
    for (const node of spfNodes(facts)) {
      const strings = node.strings ?? [];
      for (let i = 0; i + 1 < strings.length; i++) {
        const left = strings[i] ?? '';
        const right = strings[i + 1] ?? '';
        if (left === '' || left.endsWith(' ') || right.startsWith(' ') || !TERM_START.test(right)) continue;
        const before = left.split(' ').pop() ?? '';
        const after = right.split(' ')[0] ?? '';
        if (before === '') continue;
        report({
          messageId: 'stringsGlueTerms',
          subject: nodeSubject(node),
          data: { domain: node.domain, index: i + 1, before, after, glued: before + after },
        });
      }
    }
  },
});
