import rule from '../../../rules/mx/mx-duplicate-exchange.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [{ name: 'two exchanges', zone: '@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 192.0.2.1\nmx2 A 192.0.2.2' }],
  invalid: [
    {
      name: 'same exchange at two preferences',
      zone: '@ MX 20 mx1\n@ MX 10 mx1\nmx1 A 192.0.2.1',
      findings: [{ messageId: 'duplicateExchange', data: { exchange: 'mx1.example.com', count: 2, preferences: [10, 20] } }],
    },
  ],
});
