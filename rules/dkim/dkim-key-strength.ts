import { defineRule } from '../../src/engine/define-rule.js';
import { selectorEvidence, selectorSubject } from '../../src/dkim/subject.js';

export const MIN_RSA_BITS = 1024; // RFC 8301 §3.2: signers MUST use at least 1024 bits; verifiers reject less
export const RECOMMENDED_RSA_BITS = 2048; // RFC 8301 §3.2: signers SHOULD use at least 2048 bits
export const MAX_VERIFIER_RSA_BITS = 4096; // RFC 8301 §3.2: verifiers MUST handle 1024-4096 bits, nothing more

export default defineRule({
  id: 'dkim-key-strength',
  area: 'dkim',
  meta: {
    docs: {
      description: 'DKIM RSA keys must have at least 1024 bits, should have 2048, and should not exceed 4096',
      references: ['RFC 8301 §3.2', 'RFC 8463'],
    },
    messages: {
      rsaTooShort: {
        severity: 'error',
        text: 'DKIM selector "{{selector}}" has a {{bits}}-bit RSA key; verifiers reject keys under {{minimum}} bits (RFC 8301), so its signatures fail.',
        fix: 'Generate a 2048-bit RSA key, publish it under a new selector, sign with it, then revoke "{{selector}}" (p=).',
      },
      rsaBelowRecommended: {
        severity: 'warning',
        text: 'DKIM selector "{{selector}}" has a {{bits}}-bit RSA key; RFC 8301 asks for at least {{recommended}} bits.',
        fix: 'Move to a 2048-bit key (SES: PutEmailIdentityDkimSigningAttributes with NextSigningKeyLength RSA_2048_BIT).',
      },
      rsaOverVerifierLimit: {
        severity: 'warning',
        text: 'DKIM selector "{{selector}}" has a {{bits}}-bit RSA key; verifiers are only required to handle RSA keys of up to {{maximum}} bits (RFC 8301), so some may fail its signatures.',
        fix: 'Sign with a 2048-bit RSA key (at most 4096 bits) under a new selector, then revoke "{{selector}}" (p=).',
      },
      keyStrength: {
        severity: 'info',
        text: 'DKIM selector "{{selector}}" has a {{bits}}-bit {{keyLabel}} key.',
      },
    },
  },
  check(facts, { report }) {
    for (const selector of facts.dkim) {
      for (const record of selector.records) {
        const key = record.parsed.key;
        if (!key || record.parsed.problems.length > 0) continue;
        const messageId =
          key.type === 'rsa' && key.bits < MIN_RSA_BITS ? 'rsaTooShort'
          : key.type === 'rsa' && key.bits < RECOMMENDED_RSA_BITS ? 'rsaBelowRecommended'
          : key.type === 'rsa' && key.bits > MAX_VERIFIER_RSA_BITS ? 'rsaOverVerifierLimit'
          : 'keyStrength';
        report({
          messageId,
          subject: selectorSubject(selector, record.value),
          data: {
            selector: selector.selector, name: selector.name, keyType: key.type, keyLabel: key.type === 'rsa' ? 'RSA' : 'Ed25519',
            bits: key.bits, minimum: MIN_RSA_BITS, recommended: RECOMMENDED_RSA_BITS, maximum: MAX_VERIFIER_RSA_BITS,
          },
          evidence: selectorEvidence(selector),
        });
      }
    }
  },
});
