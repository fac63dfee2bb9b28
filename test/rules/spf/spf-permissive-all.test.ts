import rule from '../../../rules/spf/spf-permissive-all.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: '~all', zone: '@ TXT "v=spf1 include:amazonses.com ~all"\namazonses.com. TXT "v=spf1 ip4:199.255.192.0/22 ~all"' },
    { name: '-all', zone: '@ TXT "v=spf1 -all"' },
    { name: '?all inside an include only means no match', zone: '@ TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 ip4:192.0.2.1 ?all"' },
  ],
  invalid: [
    { name: '+all', zone: '@ TXT "v=spf1 +all"', findings: [{ messageId: 'passAll', data: { term: '+all' } }] },
    { name: 'bare all is +all', zone: '@ TXT "v=spf1 ip4:192.0.2.1 all"', findings: [{ messageId: 'passAll', data: { term: 'all' } }] },
    { name: '?all', zone: '@ TXT "v=spf1 ip4:192.0.2.1 ?all"', findings: [{ messageId: 'neutralAll', data: { term: '?all' } }] },
    {
      name: '+all in an included record',
      zone: '@ TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 +all"',
      findings: [{ messageId: 'passAll', subjectName: 'i.example.com', data: { domain: 'i.example.com', term: '+all' } }],
    },
  ],
});
