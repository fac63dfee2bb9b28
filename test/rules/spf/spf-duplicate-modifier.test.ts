import rule from '../../../rules/spf/spf-duplicate-modifier.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [{ name: 'one redirect, one exp', zone: '@ TXT "v=spf1 exp=why.example.com redirect=spf.example.com"\nspf TXT "v=spf1 -all"' }],
  invalid: [
    {
      name: 'two exp',
      zone: '@ TXT "v=spf1 -all exp=a.example.com exp=b.example.com"',
      findings: [{ messageId: 'duplicateModifier', data: { modifier: 'exp', term: 'exp=b.example.com', offset: 30 } }],
    },
    {
      name: 'two redirect',
      zone: '@ TXT "v=spf1 redirect=a.example.com redirect=b.example.com"\na TXT "v=spf1 -all"\nb TXT "v=spf1 -all"',
      findings: [{ messageId: 'duplicateModifier', data: { modifier: 'redirect' } }],
    },
  ],
});
