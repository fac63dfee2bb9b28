import rule from '../../../rules/spf/spf-too-many-lookups.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const hosts = 'h A 192.0.2.1\n';

runRuleCases(rule, {
  valid: [
    { name: 'exactly ten', zone: `@ TXT "v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com include:i.example.com -all"\ni TXT "v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com"\n${hosts}` },
    { name: 'redirect beside all is not counted', zone: `@ TXT "v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com a:h.example.com -all redirect=r.example.com"\nr TXT "v=spf1 -all"\n${hosts}` },
    { name: 'ip4, ip6, all and exp are not counted', zone: '@ TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 exp=x.example.com -all"' },
  ],
  invalid: [
    {
      name: 'a shared include counts on every path',
      zone: `@ TXT "v=spf1 include:a.example.com include:b.example.com -all"\na TXT "v=spf1 include:s.example.com"\nb TXT "v=spf1 include:s.example.com"\ns TXT "v=spf1 a:h.example.com a:h.example.com a:h.example.com mx:h.example.com"\n${hosts}`,
      findings: [{ messageId: 'tooManyLookups', data: { lookups: 12, limit: 10, costliest: ['include:a.example.com', 'include:b.example.com'] } }],
    },
    {
      name: 'eleven at the apex',
      zone: `@ TXT "v=spf1 a a a a a a a a a a a -all"\n@ A 192.0.2.1`,
      findings: [{ messageId: 'tooManyLookups', data: { lookups: 11 } }],
    },
  ],
});
