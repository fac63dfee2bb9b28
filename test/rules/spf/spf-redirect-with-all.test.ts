import rule from '../../../rules/spf/spf-redirect-with-all.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [{ name: 'redirect alone', zone: '@ TXT "v=spf1 redirect=spf.example.com"\nspf TXT "v=spf1 -all"' }],
  invalid: [
    {
      name: 'redirect beside ~all',
      zone: '@ TXT "v=spf1 redirect=spf.example.com ~all"\nspf TXT "v=spf1 -all"',
      findings: [{ messageId: 'redirectBesideAll', data: { term: 'redirect=spf.example.com' } }],
    },
  ],
});
