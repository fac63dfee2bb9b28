import rule from '../../../rules/dkim/dkim-key-revoked.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { RSA_2048, txt } from '../../dkim/keys.js';

runRuleCases(rule, {
  valid: [
    { name: 'key present', zone: `s1._domainkey ${txt(`v=DKIM1; p=${RSA_2048}`)}`, dkimSelectors: ['s1'] },
    { name: 'an unusable record is not "revoked"', zone: 's1._domainkey TXT "v=DKIM1; k=unknown; p="', dkimSelectors: ['s1'] },
  ],
  invalid: [
    {
      name: 'empty p=',
      zone: 'old._domainkey TXT "v=DKIM1; p="',
      dkimSelectors: ['old'],
      findings: [{ messageId: 'keyRevoked', subjectName: 'old._domainkey.example.com', data: { selector: 'old', record: 'v=DKIM1; p=' } }],
    },
    { name: 'p= with only spaces', zone: 'old._domainkey TXT "k=rsa; p= ;"', dkimSelectors: ['old'], findings: [{ messageId: 'keyRevoked' }] },
  ],
});
