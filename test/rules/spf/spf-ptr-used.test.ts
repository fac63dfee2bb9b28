import rule from '../../../rules/spf/spf-ptr-used.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'no ptr', zone: '@ TXT "v=spf1 a -all"\n@ A 192.0.2.1' },
    { name: 'ptr after all is never evaluated', zone: '@ TXT "v=spf1 -all ptr"' },
  ],
  invalid: [
    { name: 'bare ptr', zone: '@ TXT "v=spf1 ptr -all"', findings: [{ messageId: 'ptrUsed', data: { term: 'ptr' } }] },
    {
      name: 'ptr in an included record',
      zone: '@ TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 ?ptr:example.net"',
      findings: [{ messageId: 'ptrUsed', subjectName: 'i.example.com', data: { term: '?ptr:example.net' } }],
    },
  ],
});
