import { defineRule } from '../../src/engine/define-rule.js';
import { definite, describeAbsence, evidence, SES_REFERENCES } from './_shared.js';

/** RFC 8301 §3.2: signers SHOULD use RSA keys of at least 2048 bits. */
export const RECOMMENDED_RSA_BITS = 2048;

// BYODKIM: SES signs with the user's private key under the selector in Tokens, and looks for the public
// key as a TXT at <selector>._domainkey.<domain>. maildns cannot check that the pair matches (SES can);
// it checks that a usable RSA key is there.
export default defineRule({
  id: 'ses-byodkim-key',
  area: 'ses',
  meta: {
    docs: {
      description: 'A BYODKIM identity needs a usable RSA public key at its selector',
      references: [SES_REFERENCES.byodkim, 'RFC 6376 §3.6.1', 'RFC 8301 §3.2'],
    },
    messages: {
      keyMissing: {
        severity: 'error',
        text: 'SES ({{region}}) signs "{{domain}}" with your key under selector "{{selector}}", but "{{name}}" {{outcome}}.',
        fix: 'Publish the public key: {{name}}. TXT "p=<base64 of the public key>".',
      },
      keyUnusable: {
        severity: 'error',
        text: 'The key record at "{{name}}" cannot be used: {{problem}}.',
        fix: 'Publish the key again as {{name}}. TXT "v=DKIM1; k=rsa; p=<base64 of the public key>".',
      },
      keyRevoked: {
        severity: 'error',
        text: 'The key at "{{name}}" has an empty p= (revoked), yet SES ({{region}}) still signs with selector "{{selector}}".',
        fix: 'Publish the current public key, or switch "{{domain}}" to another selector in SES first.',
      },
      keyNotRsa: {
        severity: 'error',
        text: 'The key at "{{name}}" is {{keyType}}; SES BYODKIM signs with RSA only, so its signatures cannot verify against it.',
        fix: 'Publish the RSA public key that pairs with the private key given to SES.',
      },
      keyShort: {
        severity: 'warning',
        text: 'The key at "{{name}}" is {{bits}}-bit RSA; RFC 8301 recommends at least {{recommended}} bits.',
        fix: 'Generate a 2048-bit key pair, publish it under a new selector, then give SES the new private key and selector.',
      },
      keyOk: { severity: 'info', text: 'Selector "{{selector}}" of "{{domain}}" has a {{bits}}-bit RSA key for SES BYODKIM.' },
    },
  },
  check(facts, { report }) {
    for (const { identity, byodkimKeys } of facts.ses?.identities ?? []) {
      for (const k of byodkimKeys) {
        const data = { domain: identity.name, region: identity.region, selector: k.selector, name: k.name };
        const subject = { name: k.name, type: 'TXT', source: k.lookup.server };
        const ev = evidence(k.lookup);
        if (!definite(k.lookup)) continue;
        if (k.lookup.status !== 'answer' || k.keys.length === 0) {
          report({ messageId: 'keyMissing', subject, data: { ...data, outcome: describeAbsence(k.lookup) }, evidence: ev });
          continue;
        }
        // Several records at one selector are dkim-multiple-records's business; judge the best one.
        const best = k.keys.find((r) => r.problems.length === 0 && !r.revoked) ?? k.keys.find((r) => r.revoked) ?? k.keys[0]!;
        if (best.revoked) report({ messageId: 'keyRevoked', subject, data, evidence: ev });
        else if (best.problems.length > 0) report({ messageId: 'keyUnusable', subject, data: { ...data, problem: best.problems[0]!.detail }, evidence: ev });
        else if (best.key?.type !== 'rsa') report({ messageId: 'keyNotRsa', subject, data: { ...data, keyType: best.key?.type ?? 'unknown' }, evidence: ev });
        else if (best.key.bits < RECOMMENDED_RSA_BITS) {
          report({ messageId: 'keyShort', subject, data: { ...data, bits: best.key.bits, recommended: RECOMMENDED_RSA_BITS }, evidence: ev });
        } else report({ messageId: 'keyOk', subject, data: { ...data, bits: best.key.bits }, evidence: ev });
      }
    }
  },
});
