import { defineRule } from '../../src/engine/define-rule.js';
import { selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';

export const REQUIRED_HASH = 'sha256'; // RFC 8301 §3.1: rsa-sha256 is the only RSA algorithm left; RFC 8463 uses sha256 too

export default defineRule({
  id: 'dkim-sha1-only',
  area: 'dkim',
  meta: {
    docs: {
      description: 'A DKIM key record with h= must allow sha256',
      references: ['RFC 8301 §3.1', 'RFC 6376 §3.6.1 (h=)'],
    },
    messages: {
      sha1Only: {
        severity: 'error',
        text: 'DKIM key record at "{{name}}" restricts hashes to h={{hashes}}; sha1 MUST NOT be used (RFC 8301), so no signature with this key verifies.',
        fix: 'Remove h= from the record (the default allows every hash) or set h=sha256, and sign with rsa-sha256.',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      for (const record of selector.records) {
        const hashes = record.parsed.record?.hashes;
        if (record.parsed.problems.length > 0 || !hashes || hashes.includes(REQUIRED_HASH)) continue;
        report({
          messageId: 'sha1Only',
          subject: selectorSubject(selector, record.value),
          data: { selector: selector.selector, name: selector.name, hashes: hashes.join(':') },
          evidence: selectorEvidence(selector),
        });
      }
    }
  },
});
