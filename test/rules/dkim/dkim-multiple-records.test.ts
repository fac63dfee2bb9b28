import rule from '../../../rules/dkim/dkim-multiple-records.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { RSA_1024, RSA_2048, txt } from '../../dkim/keys.js';

runRuleCases(rule, {
  valid: [
    { name: 'one record', zone: `s1._domainkey ${txt(`p=${RSA_2048}`)}`, dkimSelectors: ['s1'] },
    { name: 'one record in two strings is still one record', zone: `s1._domainkey TXT "v=DKIM1; " "p=${RSA_1024}"`, dkimSelectors: ['s1'] },
  ],
  invalid: [
    {
      name: 'two keys at one selector',
      zone: `s1._domainkey ${txt(`p=${RSA_2048}`)}\ns1._domainkey ${txt(`p=${RSA_1024}`)}`,
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'multipleRecords', subjectName: 's1._domainkey.example.com', data: { selector: 's1', count: 2 } }],
    },
    {
      name: 'two records at the end of a CNAME chain: the owner is the target',
      zone: `s1._domainkey CNAME keys.example.net.\nkeys.example.net. TXT "p="\nkeys.example.net. ${txt(`p=${RSA_1024}`)}`,
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'multipleRecords', data: { owner: 'keys.example.net', count: 2 } }],
    },
  ],
});
