import rule from '../../../rules/dkim/dkim-key-strength.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { ED25519, RSA_1024, RSA_2048, RSA_4096, RSA_512, RSA_8192, txt } from '../../dkim/keys.js';

const at = (record: string): string => `s1._domainkey ${txt(record)}`;

runRuleCases(rule, {
  valid: [
    { name: 'ed25519', zone: at(`k=ed25519; p=${ED25519}`), dkimSelectors: ['s1'] },
    { name: 'invalid records are dkim-record-invalid\'s business', zone: at(`p=${RSA_512.slice(0, 40)}`), dkimSelectors: ['s1'] },
  ],
  invalid: [
    {
      name: '2048-bit RSA: a positive result explains the pass',
      zone: at(`v=DKIM1; k=rsa; p=${RSA_2048}`),
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'keyStrength', severity: 'info', data: { selector: 's1', bits: 2048, keyType: 'rsa' } }],
    },
    {
      name: '1024-bit RSA is below the RFC 8301 recommendation',
      zone: at(`v=DKIM1; k=rsa; p=${RSA_1024}`),
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'rsaBelowRecommended', severity: 'warning', data: { bits: 1024, recommended: 2048 } }],
    },
    {
      name: '4096-bit RSA: the largest every verifier must handle',
      zone: at(`v=DKIM1; k=rsa; p=${RSA_4096}`),
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'keyStrength', severity: 'info', data: { bits: 4096 } }],
    },
    {
      name: '8192-bit RSA is more than RFC 8301 requires verifiers to handle',
      zone: at(`v=DKIM1; k=rsa; p=${RSA_8192}`),
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'rsaOverVerifierLimit', severity: 'warning', data: { bits: 8192, maximum: 4096 } }],
    },
    {
      name: '512-bit RSA is rejected by verifiers',
      zone: at(`v=DKIM1; k=rsa; p= ${RSA_512}`),
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'rsaTooShort', severity: 'error', data: { bits: 512, minimum: 1024 } }],
    },
    {
      name: 'via SES Easy DKIM CNAME',
      zone: `tok._domainkey CNAME tok.dkim.amazonses.com.\ntok.dkim.amazonses.com. ${txt(`p=${RSA_1024}`)}`,
      dkimSelectors: ['tok'],
      findings: [{ messageId: 'rsaBelowRecommended', subjectName: 'tok._domainkey.example.com', data: { selector: 'tok', bits: 1024 } }],
    },
  ],
});
