import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, spfNodes } from '../../src/spf/rule-helpers.js';

// RFC 7208 §3.3 joins a TXT record's strings with nothing between them. Splitting inside a term is
// legal, but when a string ends a complete term and the next one starts a new term, the author expected
// a space: "…include:a.com" "include:b.com…" becomes "include:a.cominclude:b.com".
//
// A name ends where a term does: "all", "a", "mx" and "ptr" start a term only when followed by the end,
// a space or their own separator. "\b" also let "." and "-" through, so the label "mx." of
// "include:_spf." "mx.cloudflare.net" read as the mechanism mx.
const TERM_START = /^[+\-~?]?(?:all(?=$|\s)|include:|exists:|ip4:|ip6:|a(?=$|[\s:/])|mx(?=$|[\s:/])|ptr(?=$|[\s:])|redirect=|exp=)/i;
/** The left string stops where a term still waits for its value: "include:" "…", "ip4:192.0.2.0/" "24". */
const VALUE_PENDING = /[:=/]$/;
/** The left string stops inside a host name ("_spf." "mx…", "relay-" "mx-out…"). */
const NAME_PENDING = /[.-]$/;
/** The right string carries on that name: a label, no term separator before its first space. */
const CONTINUES_NAME = /^[A-Za-z0-9_][^\s:=/]*(?:\s|$)/;

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
        if (VALUE_PENDING.test(left) || (NAME_PENDING.test(left) && CONTINUES_NAME.test(right))) continue; // split mid-term: joined as meant
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
