import rule from '../../../rules/spf/spf-include-without-spf.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'included domain has SPF', zone: '@ TXT "v=spf1 include:spf.example.com -all"\nspf TXT "v=spf1 ip4:192.0.2.0/24"' },
    { name: 'include lookup timed out: indeterminate, not missing', zone: '@ TXT "v=spf1 include:spf.example.com -all"', faults: { 'spf.example.com:TXT': 'timeout' } },
    { name: 'redirect ignored beside all', zone: '@ TXT "v=spf1 -all redirect=gone.example.com"' },
  ],
  invalid: [
    {
      name: 'include of a name that does not exist',
      zone: '@ TXT "v=spf1 include:gone.example.com -all"',
      findings: [{ messageId: 'includeWithoutSpf', data: { term: 'include:gone.example.com', target: 'gone.example.com', status: 'nxdomain' } }],
    },
    {
      name: 'redirect to a name with TXT but no SPF',
      zone: '@ TXT "v=spf1 redirect=other.example.com"\nother TXT "hello"',
      findings: [{ messageId: 'includeWithoutSpf', data: { term: 'redirect=other.example.com', status: 'answer' } }],
    },
    {
      name: 'include of a name with two SPF records',
      zone: '@ TXT "v=spf1 include:two.example.com -all"\ntwo TXT "v=spf1 -all"\ntwo TXT "v=spf1 ~all"',
      findings: [{ messageId: 'includeMultipleSpf', data: { target: 'two.example.com' } }],
    },
  ],
});
