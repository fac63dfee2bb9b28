import rule from '../../../rules/spf/spf-missing-all.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'ends in ~all', zone: '@ TXT "v=spf1 ip4:192.0.2.1 ~all"' },
    { name: 'redirect instead of all', zone: '@ TXT "v=spf1 redirect=spf.example.com"\nspf TXT "v=spf1 -all"' },
    { name: 'no all in an included record is normal', zone: '@ TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 ip4:192.0.2.1"' },
    { name: 'a redirect chain ending in -all', zone: '@ TXT "v=spf1 redirect=r.example.com"\nr TXT "v=spf1 redirect=s.example.com"\ns TXT "v=spf1 -all"' },
    { name: 'a redirect to a name without SPF is not this rule\'s finding', zone: '@ TXT "v=spf1 redirect=r.example.com"' },
    { name: 'no all in an include of the redirect target is normal',
      zone: '@ TXT "v=spf1 redirect=r.example.com"\nr TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 ip4:192.0.2.1"' },
  ],
  invalid: [
    {
      name: 'neither all nor redirect',
      zone: '@ TXT "v=spf1 ip4:192.0.2.1"',
      findings: [{ messageId: 'noAllNoRedirect', data: { suggestion: 'v=spf1 ip4:192.0.2.1 ~all' } }],
    },
    {
      name: 'an "all" glued onto the name before it by the string split: the fix is the repaired record, not "…-all ~all"',
      zone: '@ TXT "v=spf1 include:_spf.example.com" "-all"\n_spf TXT "v=spf1 ip4:192.0.2.1 -all"',
      findings: [{ messageId: 'noAllNoRedirect', data: { suggestion: 'v=spf1 include:_spf.example.com -all' } }],
    },
    {
      name: 'the redirect target has neither: it is the domain\'s policy (RFC 7208 §6.1)',
      zone: '@ TXT "v=spf1 redirect=r.example.com"\nr TXT "v=spf1 ip4:192.0.2.1"',
      findings: [{ messageId: 'noAllNoRedirect', subjectName: 'r.example.com', data: { domain: 'r.example.com', suggestion: 'v=spf1 ip4:192.0.2.1 ~all' } }],
    },
  ],
});
