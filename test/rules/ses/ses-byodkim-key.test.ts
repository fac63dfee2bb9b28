import rule from '../../../rules/ses/ses-byodkim-key.js';
import { ED25519, RSA_1024, RSA_2048, txt } from '../../dkim/keys.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const byo = [identity({ method: 'byodkim', tokens: ['sel2024'] })];
const at = (record: string): string => `sel2024._domainkey ${txt(record)}`;

runSesRuleCases(rule, {
  valid: [
    { name: 'bare p= as the CDK writes it', zone: at(`p=${RSA_2048}`), identities: byo },
    { name: 'Easy DKIM identities are not this rule\'s business', zone: '', identities: [identity()] },
    { name: 'SERVFAIL is not a missing key', zone: '', identities: byo, faults: { 'sel2024._domainkey.example.com': 'servfail' } },
  ],
  invalid: [
    { name: 'a positive result', zone: at(`v=DKIM1; k=rsa; p=${RSA_2048}`), identities: byo,
      findings: [{ messageId: 'keyOk', severity: 'info', data: { selector: 'sel2024', bits: 2048 } }] },
    { name: 'no key published', zone: '', identities: byo,
      findings: [{ messageId: 'keyMissing', data: { name: 'sel2024._domainkey.example.com', outcome: 'does not exist (NXDOMAIN)' } }] },
    { name: 'revoked', zone: at('v=DKIM1; p='), identities: byo, findings: [{ messageId: 'keyRevoked', data: { selector: 'sel2024' } }] },
    { name: 'garbage in p=', zone: at('v=DKIM1; p=not!base64'), identities: byo, findings: [{ messageId: 'keyUnusable' }] },
    { name: 'an ed25519 key', zone: at(`v=DKIM1; k=ed25519; p=${ED25519}`), identities: byo,
      findings: [{ messageId: 'keyNotRsa', data: { keyType: 'ed25519' } }] },
    { name: '1024-bit', zone: at(`p=${RSA_1024}`), identities: byo,
      findings: [{ messageId: 'keyShort', data: { bits: 1024, recommended: 2048 } }] },
  ],
});
