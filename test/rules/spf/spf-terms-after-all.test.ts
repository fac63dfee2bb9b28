import rule from '../../../rules/spf/spf-terms-after-all.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'all last', zone: '@ TXT "v=spf1 ip4:192.0.2.1 -all"' },
    { name: 'modifiers after all are fine', zone: '@ TXT "v=spf1 -all exp=why.example.com"' },
  ],
  invalid: [
    {
      name: 'mechanisms after all',
      zone: '@ TXT "v=spf1 -all ip4:192.0.2.1 include:i.example.com"',
      findings: [{ messageId: 'termsAfterAll', data: { count: 2, terms: ['ip4:192.0.2.1', 'include:i.example.com'] } }],
    },
  ],
});
