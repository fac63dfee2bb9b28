import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { txtText } from '../../src/spf/select.js';

// "v=spf10" or "v=spf1include:…" is not an SPF record: the version must be followed by a space or the
// end (RFC 7208 §4.5). Receivers ignore it silently, so the domain looks as if it had no SPF.
export default defineRule({
  id: 'spf-version-glued',
  area: 'spf',
  meta: {
    docs: { description: 'A TXT record starts "v=spf1" glued to more text, so receivers do not see it as SPF', references: ['RFC 7208 §4.5'] },
    messages: {
      versionGlued: {
        severity: 'error',
        text: 'TXT record "{{record}}" at "{{domain}}" starts "{{start}}"; "v=spf1" must be followed by a space, so receivers ignore this record.',
        fix: 'Put a space after "v=spf1" (check that the TXT strings are not joined without one).',
      },
    },
  },
  check(facts, { report }) {
    for (const record of facts.txt.records) {
      const text = txtText(record);
      if (!/^v=spf1[^ ]/i.test(text)) continue;
      report({
        messageId: 'versionGlued',
        subject: { name: facts.domain, type: 'TXT', value: text, source: facts.txt.server },
        data: { domain: facts.domain, record: text, start: text.split(' ')[0] ?? text },
        evidence: [evidenceOf(facts.txt)],
      });
    }
  },
});
