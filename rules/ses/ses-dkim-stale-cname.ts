import { defineRule } from '../../src/engine/define-rule.js';
import { evidence, SES_REFERENCES } from './_shared.js';

/** <token>.dkim.amazonses.com or <token>.dkim.<region>.amazonses.com: a name in one of SES's DKIM zones. */
const SES_DKIM_TARGET = /^[^.]+\.dkim(\.[a-z0-9-]+)?\.amazonses\.com$/;

// Selectors maildns was told about (--dkim-selector, config) whose CNAME still points into SES's DKIM
// zones although no current SES token uses them: left over from a deleted or re-created identity.
// Harmless while SES keeps the old key, but it is clutter nobody can explain later, so a notice.
export default defineRule({
  id: 'ses-dkim-stale-cname',
  area: 'ses',
  meta: {
    docs: {
      description: "A _domainkey CNAME into SES's DKIM zone that no current SES token uses is left over",
      references: [SES_REFERENCES.easyDkim, SES_REFERENCES.api],
    },
    messages: {
      staleCname: {
        severity: 'notice',
        text: '"{{name}}" is a CNAME to "{{target}}" in SES\'s DKIM zone, but no SES identity of "{{domain}}" ({{regions}}) uses token "{{selector}}".',
        fix: 'If nothing else signs with selector "{{selector}}", delete {{name}}.',
      },
    },
  },
  check(facts, { report }) {
    const identities = facts.ses?.identities ?? [];
    if (identities.length === 0) return; // without SES's tokens, nothing is known to be stale
    const tokens = new Set(identities.flatMap((i) => i.identity.dkim.tokens));
    const regions = identities.map((i) => i.identity.region);
    for (const selector of facts.dkim) {
      const first = selector.lookup.cnames[0];
      const target = first ? first.target ?? first.value : undefined;
      if (!target || !SES_DKIM_TARGET.test(target) || tokens.has(selector.selector.toLowerCase())) continue;
      report({
        messageId: 'staleCname',
        subject: { name: selector.name, type: 'CNAME', value: target, source: selector.lookup.server },
        data: { domain: facts.domain, name: selector.name, selector: selector.selector, target, regions },
        evidence: evidence(selector.lookup),
      });
    }
  },
});
