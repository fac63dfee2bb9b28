import rule from '../../../rules/spf/spf-multiple-records.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'one SPF record beside other TXT', zone: '@ TXT "v=spf1 -all"\n@ TXT "site-verification=x"' },
    { name: 'SPF plus a Sender ID record is still one v=spf1', zone: '@ TXT "v=spf1 -all"\n@ TXT "spf2.0/pra -all"' },
  ],
  invalid: [
    {
      name: 'two v=spf1 records, case-insensitive version',
      zone: '@ TXT "v=spf1 -all"\n@ TXT "V=SPF1 include:amazonses.com ~all"',
      findings: [{ messageId: 'multipleRecords', data: { count: 2 } }],
    },
  ],
});
