import { defineRule } from '../../src/engine/define-rule.js';
import { nodeSubject, redirectChain } from '../../src/spf/rule-helpers.js';
import { parseSpf } from '../../src/spf/parse.js';

// The apex's policy is its record and the records its redirect= chain reaches (RFC 7208 §6.1): the
// record at the end of the chain decides what unlisted hosts get, so that is where "all" is missing.
// An included record without "all" is normal: it only decides whether the include matches.
export default defineRule({
  id: 'spf-missing-all',
  area: 'spf',
  meta: {
    docs: { description: 'The SPF record has neither an "all" mechanism nor a redirect, so unlisted hosts get "neutral"', references: ['RFC 7208 §4.7', 'RFC 7208 §5.1', 'RFC 7208 §6.1'] },
    messages: {
      noAllNoRedirect: {
        severity: 'warning',
        text: 'The SPF record of "{{domain}}"{{via}} has no "all" and no "redirect="; hosts it does not list get the default result "neutral".',
        fix: 'End the record with "~all" or "-all", e.g. "{{suggestion}}".',
      },
    },
  },
  check(facts, { report }) {
    const chain = redirectChain(facts);
    const last = chain.at(-1);
    // A record with a syntax error is a permerror (spf-syntax-error), whatever it ends in.
    if (!last || chain.some((n) => n.errors.length > 0)) return;
    // A redirect the chain could not follow (macros, a loop, no record, a failed lookup) is another rule's finding.
    if (last.terms.some((t) => t.kind === 'all' || t.kind === 'redirect')) return;
    const via = last === chain[0] ? '' : `, which "${chain[0]!.domain}" redirects to,`;
    report({
      messageId: 'noAllNoRedirect',
      subject: nodeSubject(last),
      data: { domain: last.domain, via, suggestion: suggestion(last.record, last.strings) },
    });
  },
});

/**
 * The record with "~all" added; but when its strings, joined with a space, already end in an "all"
 * (`"v=spf1 include:_spf.example.com" "-all"` joins into "…example.com-all": spf-split-glues-terms),
 * the repaired record, not "…example.com-all ~all", which would keep the glued name.
 */
function suggestion(record: string | undefined, strings: string[] | undefined): string {
  if (strings && strings.length > 1) {
    const spaced = strings.join(' ').replace(/\s+/g, ' ').trim();
    if (parseSpf(spaced).terms.some((t) => t.kind === 'all')) return spaced;
  }
  return `${record ?? 'v=spf1'} ~all`;
}
