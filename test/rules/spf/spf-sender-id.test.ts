import rule from '../../../rules/spf/spf-sender-id.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [{ name: 'v=spf1 only', zone: '@ TXT "v=spf1 -all"' }],
  invalid: [
    {
      name: 'spf2.0/pra record',
      zone: '@ TXT "v=spf1 -all"\n@ TXT "spf2.0/pra include:spf.example.net -all"',
      findings: [{ messageId: 'senderIdRecord', data: { record: 'spf2.0/pra include:spf.example.net -all' } }],
    },
  ],
});
