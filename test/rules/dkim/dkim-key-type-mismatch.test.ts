import rule from '../../../rules/dkim/dkim-key-type-mismatch.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { ED25519, RSA_1024, txt } from '../../dkim/keys.js';

const at = (record: string): string => `s1._domainkey ${txt(record)}`;

runRuleCases(rule, {
  valid: [
    { name: 'k=rsa with RSA', zone: at(`k=rsa; p=${RSA_1024}`), dkimSelectors: ['s1'] },
    { name: 'k=ed25519 with ed25519', zone: at(`k=ed25519; p=${ED25519}`), dkimSelectors: ['s1'] },
  ],
  invalid: [
    { name: 'default k=rsa, ed25519 key', zone: at(`v=DKIM1; p=${ED25519}`), dkimSelectors: ['s1'], findings: [{ messageId: 'keyTypeMismatch', data: { declared: 'rsa', actual: 'ed25519' } }] },
    { name: 'k=ed25519, RSA key', zone: at(`v=DKIM1; k=ed25519; p=${RSA_1024}`), dkimSelectors: ['s1'], findings: [{ messageId: 'keyTypeMismatch', data: { declared: 'ed25519', actual: 'rsa' } }] },
  ],
});
