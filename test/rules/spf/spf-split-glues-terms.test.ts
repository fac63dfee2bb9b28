import rule from '../../../rules/spf/spf-split-glues-terms.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const both = 'a TXT "v=spf1 -all"\nb TXT "v=spf1 -all"';

runRuleCases(rule, {
  valid: [
    { name: 'space at the end of the first string', zone: `@ TXT "v=spf1 include:a.example.com " "include:b.example.com -all"\n${both}` },
    { name: 'split inside a term is legal', zone: '@ TXT "v=spf1 ip4:192.0." "2.1 -all"' },
  ],
  invalid: [
    {
      name: 'two includes glued',
      zone: `@ TXT "v=spf1 include:a.example.com" "include:b.example.com -all"\n${both}`,
      findings: [{ messageId: 'stringsGlueTerms', data: { index: 1, before: 'include:a.example.com', after: 'include:b.example.com', glued: 'include:a.example.cominclude:b.example.com' } }],
    },
    {
      name: '-all glued onto a domain',
      zone: `@ TXT "v=spf1 include:a.example.com" "-all"\n${both}`,
      findings: [{ messageId: 'stringsGlueTerms', data: { glued: 'include:a.example.com-all' } }],
    },
  ],
});
