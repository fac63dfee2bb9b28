import { defineRule } from '../../src/engine/define-rule.js';
import { selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';
import type { DkimProblemCode } from '../../src/dkim/parse-key-record.js';

// keyTypeMismatch has its own rule (dkim-key-type-mismatch); everything else that makes a key record
// unusable is reported here, with the record quoted, one finding per record.
const CODES: readonly DkimProblemCode[] = [
  'empty', 'syntax', 'duplicateTag', 'versionNotFirst', 'badVersion', 'notForEmail', 'missingKey', 'unknownKeyType', 'badKey',
];
const FIX = 'Publish a key record of the form "v=DKIM1; k=rsa; p=<base64 public key>" at "{{name}}".';

export default defineRule({
  id: 'dkim-record-invalid',
  area: 'dkim',
  meta: {
    docs: {
      description: 'A DKIM key record must parse as an RFC 6376 tag-list with a usable p= key',
      references: ['RFC 6376 §3.2', 'RFC 6376 §3.6.1', 'RFC 8463 §4.2'],
    },
    messages: {
      empty: { severity: 'error', text: 'DKIM key record at "{{name}}" is empty; verifiers cannot use it.', fix: FIX },
      syntax: { severity: 'error', text: 'DKIM key record at "{{name}}" is not a valid tag-list ({{detail}}): "{{record}}".', fix: FIX },
      duplicateTag: { severity: 'error', text: 'DKIM key record at "{{name}}" is invalid ({{detail}}): "{{record}}".', fix: 'Remove the repeated tag; RFC 6376 §3.2 makes the whole record invalid.' },
      versionNotFirst: { severity: 'error', text: 'DKIM key record at "{{name}}" has v= but not as the first tag, so verifiers discard it: "{{record}}".', fix: 'Move "v=DKIM1" to the start of the record, or remove it (it is optional).' },
      badVersion: { severity: 'error', text: 'DKIM key record at "{{name}}" has {{detail}}, so verifiers discard it: "{{record}}".', fix: 'Start the record with exactly "v=DKIM1;" (case-sensitive), or drop v= altogether.' },
      notForEmail: { severity: 'error', text: 'DKIM key record at "{{name}}" is not for e-mail ({{detail}}), so e-mail verifiers ignore it: "{{record}}".', fix: 'Remove s= (the default is "*"), or make it "s=email".' },
      missingKey: { severity: 'error', text: 'DKIM key record at "{{name}}" has no p= tag: "{{record}}".', fix: FIX },
      unknownKeyType: { severity: 'error', text: 'DKIM key record at "{{name}}" has {{detail}}; verifiers ignore such keys: "{{record}}".', fix: 'Use k=rsa (the default) or k=ed25519.' },
      badKey: { severity: 'error', text: 'DKIM key record at "{{name}}": {{detail}}: "{{record}}".', fix: 'Publish the public key again, copied whole: base64 of the DER SubjectPublicKeyInfo for RSA, or the raw 32 bytes for ed25519.' },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      for (const record of selector.records) {
        const problem = record.parsed.problems.find((p) => CODES.includes(p.code));
        if (!problem) continue;
        report({
          messageId: problem.code,
          subject: selectorSubject(selector, record.value),
          data: { selector: selector.selector, name: selector.name, record: record.value, detail: problem.detail },
          evidence: selectorEvidence(selector),
        });
      }
    }
  },
});
