import rule from '../../../rules/mx/mx-exchange-ip-literal.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'host name', zone: '@ MX 10 mx\nmx A 192.0.2.1' },
    { name: 'a name that starts with digits', zone: '@ MX 10 1mx\n1mx A 192.0.2.1' },
  ],
  invalid: [
    { name: 'IPv4 address as exchange', zone: '@ MX 10 192.0.2.1.', findings: [{ messageId: 'ipLiteral', data: { exchange: '192.0.2.1', preference: 10 } }] },
  ],
});
