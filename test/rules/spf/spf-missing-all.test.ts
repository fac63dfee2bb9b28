import rule from '../../../rules/spf/spf-missing-all.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'ends in ~all', zone: '@ TXT "v=spf1 ip4:192.0.2.1 ~all"' },
    { name: 'redirect instead of all', zone: '@ TXT "v=spf1 redirect=spf.example.com"\nspf TXT "v=spf1 -all"' },
    { name: 'no all in an included record is normal', zone: '@ TXT "v=spf1 include:i.example.com -all"\ni TXT "v=spf1 ip4:192.0.2.1"' },
  ],
  invalid: [
    {
      name: 'neither all nor redirect',
      zone: '@ TXT "v=spf1 ip4:192.0.2.1"',
      findings: [{ messageId: 'noAllNoRedirect', data: { suggestion: 'v=spf1 ip4:192.0.2.1 ~all' } }],
    },
  ],
});
