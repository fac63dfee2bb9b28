import rule from '../../../rules/spf/spf-include-loop.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [{ name: 'the same include twice is not a loop', zone: '@ TXT "v=spf1 include:a.example.com include:a.example.com -all"\na TXT "v=spf1 ip4:192.0.2.1"' }],
  invalid: [
    {
      name: 'include back to the apex',
      zone: '@ TXT "v=spf1 include:a.example.com -all"\na TXT "v=spf1 include:example.com"',
      findings: [{ messageId: 'includeLoop', data: { path: ['example.com', 'a.example.com', 'example.com'] } }],
    },
    {
      name: 'redirect to itself',
      zone: '@ TXT "v=spf1 ip4:192.0.2.1 redirect=example.com"',
      findings: [{ messageId: 'includeLoop', data: { path: ['example.com', 'example.com'] } }],
    },
  ],
});
