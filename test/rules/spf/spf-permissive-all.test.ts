import rule from '../../../rules/spf/spf-permissive-all.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: '~all', zone: '@ TXT "v=spf1 include:amazonses.com ~all"\namazonses.com. TXT "v=spf1 ip4:199.255.192.0/22 ~all"' },
    { name: '-all', zone: '@ TXT "v=spf1 -all"' },
    { name: '?all inside an include only means no match', zone: '@ TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 ip4:192.0.2.1 ?all"' },
    { name: '?all inside an include of the redirect target only means no match',
      zone: '@ TXT "v=spf1 redirect=r.example.com"\nr TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 ip4:192.0.2.1 ?all"' },
    { name: 'a redirect beside "all" is never followed', zone: '@ TXT "v=spf1 -all redirect=r.example.com"\nr TXT "v=spf1 ?all"' },
    // RFC 7208 §4.6: a syntax error makes the record a permerror; its "all" decides nothing (spf-syntax-error says so).
    { name: '?all in a record with a syntax error', zone: '@ TXT "v=spf1 ip4:192.0.2.300 ?all"' },
    { name: '+all in a record with a syntax error', zone: '@ TXT "v=spf1 ip6:2001:db8::zz +all"' },
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
    {
      name: '?all in the redirect target is the domain\'s policy (RFC 7208 §6.1)',
      zone: '@ TXT "v=spf1 redirect=r.example.com"\nr TXT "v=spf1 ip4:192.0.2.1 ?all"',
      findings: [{ messageId: 'neutralAll', subjectName: 'r.example.com', data: { domain: 'r.example.com', term: '?all' } }],
    },
    {
      name: 'a record reached by include and by redirect: the path named is the redirect, which makes it the policy',
      zone: '@ TXT "v=spf1 include:r.example.com redirect=r.example.com"\nr TXT "v=spf1 ip4:192.0.2.1 ?all"',
      findings: [{ messageId: 'neutralAll', subjectName: 'r.example.com', data: { via: ', the policy of "example.com" through "redirect=r.example.com",' } }],
    },
    {
      name: '?all at the end of a chain of redirects',
      zone: '@ TXT "v=spf1 redirect=r.example.com"\nr TXT "v=spf1 redirect=s.example.com"\ns TXT "v=spf1 ?all"',
      findings: [{ messageId: 'neutralAll', subjectName: 's.example.com', data: { term: '?all' } }],
    },
  ],
});
