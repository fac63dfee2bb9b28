import rule from '../../../rules/spf/spf-type99.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [{ name: 'TXT only', zone: '@ TXT "v=spf1 -all"' }],
  invalid: [
    {
      name: 'type 99 equal to the TXT record',
      zone: '@ TXT "v=spf1 -all"\n@ SPF "v=spf1 -all"',
      findings: [{ messageId: 'type99Published', data: { record: 'v=spf1 -all' } }],
    },
    {
      name: 'type 99 different from the TXT record',
      zone: '@ TXT "v=spf1 include:amazonses.com ~all"\n@ SPF "v=spf1 -all"',
      findings: [{ messageId: 'type99Differs', data: { record: 'v=spf1 -all', txtRecord: 'v=spf1 include:amazonses.com ~all' } }],
    },
    {
      name: 'type 99 only: differs from the missing TXT record',
      zone: '@ SPF "v=spf1 -all"\n@ TXT "other"',
      findings: [{ messageId: 'type99Differs', data: { txtRecord: '(none)' } }],
    },
  ],
});
