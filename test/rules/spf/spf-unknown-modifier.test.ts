import rule from '../../../rules/spf/spf-unknown-modifier.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [{ name: 'known modifiers only', zone: '@ TXT "v=spf1 -all exp=why.example.com"' }],
  invalid: [
    { name: 'misspelt redirect', zone: '@ TXT "v=spf1 -all redirct=spf.example.com"', findings: [{ messageId: 'unknownModifier', data: { term: 'redirct=spf.example.com' } }] },
  ],
});
