import rule from '../../../rules/mx/mx-missing.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'MX present', zone: '@ MX 10 mx\nmx A 192.0.2.1' },
    { name: 'null MX is an MX', zone: '@ MX 0 .' },
    { name: 'MX lookup failed: indeterminate, not missing', zone: '@ A 192.0.2.1', faults: { 'example.com:MX': 'servfail' } },
  ],
  invalid: [
    { name: 'NODATA', zone: '@ A 192.0.2.1', findings: [{ messageId: 'noMx', severity: 'notice', subjectName: 'example.com', data: { status: 'NODATA' } }] },
  ],
});
