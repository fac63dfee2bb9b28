import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, redirectChain, spfNodes } from '../../src/spf/rule-helpers.js';

// "+all" anywhere in the tree authorises every host on the Internet (an included "+all" makes the
// include match for everyone). "?all" in the apex's policy says nothing about unlisted hosts; that
// policy is the apex record and every record its redirect= chain reaches, whose result is the apex's
// (RFC 7208 §6.1). In an included record "?all" only means "no match".
export default defineRule({
  id: 'spf-permissive-all',
  area: 'spf',
  meta: {
    docs: { description: 'The SPF record ends in "+all" or "?all", authorising or not judging every other host', references: ['RFC 7208 §5.1', 'RFC 7208 §6.1', 'RFC 7208 §8.2'] },
    messages: {
      passAll: {
        severity: 'error',
        text: 'The SPF record of "{{domain}}" has "{{term}}": every host on the Internet passes SPF{{via}}.',
        fix: 'Replace "{{term}}" with "~all" or "-all" once the legitimate senders are listed.',
      },
      neutralAll: {
        severity: 'warning',
        text: 'The SPF record of "{{domain}}"{{via}} ends in "{{term}}": hosts not listed get "neutral", which receivers treat like no SPF.',
        fix: 'Replace "{{term}}" with "~all" (or "-all") once the legitimate senders are listed.',
      },
    },
  },
  check(facts, { report }) {
    const apex = facts.spf?.root;
    // By domain: spfNodes lists a record once, and a redirect target may first appear as an include.
    const chain = redirectChain(facts);
    const policy = new Set(chain.map((n) => n.domain));
    for (const node of spfNodes(facts)) {
      // A record with a syntax error is a permerror as a whole (RFC 7208 §4.6, spf-syntax-error): its
      // "all" never decides anything, so saying what it lets through would contradict that finding.
      if (node.errors.length > 0) continue;
      for (const term of node.terms) {
        if (term.kind !== 'all' || term.ignored) continue;
        const q = term.text[0];
        if (q !== '?' && q !== '+' && term.text.toLowerCase() !== 'all') continue;
        if (q === '?' && !policy.has(node.domain)) continue; // "?all" in someone's include only means "no match"
        // In the policy, the way it got there is the redirect= before it, even where spfNodes first
        // reached the record through an include.
        const at = q === '?' ? chain.findIndex((n) => n.domain === node.domain) : -1;
        const redirect = at > 0 ? chain[at - 1]!.terms.find((t) => t.kind === 'redirect' && !t.ignored)?.text : undefined;
        const through = `"${redirect ?? node.via ?? node.domain}"`;
        const via = node === apex ? '' : q === '?' ? `, the policy of "${apex?.domain ?? ''}" through ${through},` : ` through ${through}`;
        report({
          messageId: q === '?' ? 'neutralAll' : 'passAll',
          subject: nodeSubject(node),
          data: { domain: node.domain, term: term.text, via },
        });
      }
    }
  },
});
