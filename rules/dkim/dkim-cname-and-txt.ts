import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { selectorSubject } from '../../src/dkim/subject.js';

// A CNAME owns its name alone (RFC 1034 §3.6.2, RFC 2181 §10.1). Which of the two a resolver hands a
// verifier depends on the server and the cache, so signing works for some receivers only.
export default defineRule({
  id: 'dkim-cname-and-txt',
  area: 'dkim',
  meta: {
    docs: {
      description: 'A DKIM selector name must not hold a CNAME and a TXT record at once',
      references: ['RFC 1034 §3.6.2', 'RFC 2181 §10.1'],
    },
    messages: {
      cnameAndTxt: {
        severity: 'error',
        text: '"{{name}}" has both a CNAME (to "{{target}}") and TXT records; a CNAME must be the only record at its name, so receivers see one or the other.',
        fix: 'Keep the CNAME (SES Easy DKIM) and delete the TXT at "{{name}}", or the reverse for a key you publish yourself.',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      const cname = selector.cname?.status === 'answer' ? selector.cname.records.find((r) => r.type === 'CNAME') : undefined;
      const ownTxt = selector.records.length > 0 && selector.lookup.cnames.length === 0;
      if (!cname || !ownTxt) continue;
      report({
        messageId: 'cnameAndTxt',
        subject: selectorSubject(selector, selector.records.map((r) => r.value).join(' | ')),
        data: { selector: selector.selector, name: selector.name, target: cname.target ?? cname.value },
        evidence: [evidenceOf(selector.lookup), evidenceOf(selector.cname!)],
      });
    }
  },
});
