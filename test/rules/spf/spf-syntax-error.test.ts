import rule from '../../../rules/spf/spf-syntax-error.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'valid record with macros and dual CIDR', zone: '@ TXT "v=spf1 a/24//64 mx:mail.example.com exists:%{i}.bl.example.net -all"' },
    { name: 'duplicate redirect is left to spf-duplicate-modifier', zone: '@ TXT "v=spf1 redirect=a.example.com redirect=b.example.com"\na TXT "v=spf1 -all"\nb TXT "v=spf1 -all"' },
  ],
  invalid: [
    {
      name: 'every error is reported with its term and offset',
      zone: '@ TXT "v=spf1 ip4:192.0.2.300 a:museum include -all"',
      findings: [
        { messageId: 'syntaxError', data: { term: 'ip4:192.0.2.300', offset: 7, code: 'invalid-ip4' } },
        { messageId: 'syntaxError', data: { term: 'a:museum', offset: 23, code: 'invalid-domain-spec' } },
        { messageId: 'syntaxError', data: { term: 'include', offset: 32, code: 'missing-argument' } },
      ],
    },
    {
      name: 'an error in an included record',
      zone: '@ TXT "v=spf1 include:spf.example.com -all"\nspf TXT "v=spf1 ip4:192.0.2.1/33"',
      findings: [{ messageId: 'syntaxError', subjectName: 'spf.example.com', data: { domain: 'spf.example.com', term: 'ip4:192.0.2.1/33', code: 'invalid-cidr' } }],
    },
  ],
});
