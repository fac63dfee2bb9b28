import rule from '../../../rules/dkim/dkim-selector-missing.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { RSA_2048, txt } from '../../dkim/keys.js';

runRuleCases(rule, {
  valid: [
    { name: 'key published', zone: `s1._domainkey ${txt(`v=DKIM1; k=rsa; p=${RSA_2048}`)}`, dkimSelectors: ['s1'] },
    {
      name: 'SES Easy DKIM CNAME into a zone that has the key',
      zone: `tok._domainkey CNAME tok.dkim.amazonses.com.\ntok.dkim.amazonses.com. ${txt(`p=${RSA_2048}`)}`,
      dkimSelectors: ['tok'],
    },
    { name: 'a revoked key is present, not missing', zone: 'old._domainkey TXT "v=DKIM1; p="', dkimSelectors: ['old'] },
    { name: 'key published by a wildcard (RFC 4592)', zone: `*._domainkey ${txt(`v=DKIM1; k=rsa; p=${RSA_2048}`)}`, dkimSelectors: ['s1'] },
    { name: 'no selectors configured', zone: '@ TXT "v=spf1 -all"' },
    {
      name: 'timeout is indeterminate, not missing',
      zone: '@ TXT "v=spf1 -all"',
      dkimSelectors: ['s1'],
      faults: { 's1._domainkey.example.com': 'timeout' },
    },
  ],
  invalid: [
    {
      name: 'NXDOMAIN',
      zone: '@ TXT "v=spf1 -all"',
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'selectorMissing', subjectName: 's1._domainkey.example.com', data: { selector: 's1', status: 'NXDOMAIN' } }],
    },
    {
      name: 'NODATA: the name exists with another type only',
      zone: 's1._domainkey A 192.0.2.1',
      dkimSelectors: ['s1'],
      findings: [{ messageId: 'selectorMissing', data: { selector: 's1', status: 'NODATA' } }],
    },
    {
      name: 'Easy DKIM CNAME whose target does not exist',
      zone: 'tok._domainkey CNAME tok.dkim.amazonses.com.\nother.dkim.amazonses.com. TXT "p=x"',
      dkimSelectors: ['tok'],
      findings: [
        {
          messageId: 'cnameTargetMissing',
          data: { selector: 'tok', status: 'NXDOMAIN', chain: 'tok._domainkey.example.com -> tok.dkim.amazonses.com' },
        },
      ],
    },
    {
      name: 'each missing selector once, sorted',
      zone: `b._domainkey ${txt(`p=${RSA_2048}`)}`,
      dkimSelectors: ['c', 'a', 'b', 'a'],
      findings: [
        { messageId: 'selectorMissing', data: { selector: 'a' } },
        { messageId: 'selectorMissing', data: { selector: 'c' } },
      ],
    },
  ],
});
