import rule from '../../../rules/mx/mx-null-mixed.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'ordinary MX', zone: '@ MX 10 mx\nmx A 192.0.2.1' },
    { name: 'no MX', zone: '@ A 192.0.2.1' },
  ],
  invalid: [
    { name: 'null MX alone: positive result', zone: '@ MX 0 .', findings: [{ messageId: 'nullMx', severity: 'info' }] },
    { name: 'null MX with another MX (RFC 7505 §3)', zone: '@ MX 0 .\n@ MX 10 mx\nmx A 192.0.2.1', findings: [{ messageId: 'nullMxWithOthers', data: { others: 1 } }] },
    { name: 'null exchange with preference 10', zone: '@ MX 10 .', findings: [{ messageId: 'nullMxPreference', data: { preference: 10 } }] },
    {
      name: 'both at once',
      zone: '@ MX 5 .\n@ MX 10 mx\nmx A 192.0.2.1',
      findings: [{ messageId: 'nullMxWithOthers', data: { others: 1 } }, { messageId: 'nullMxPreference', data: { preference: 5 } }],
    },
  ],
});
