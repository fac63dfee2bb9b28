import rule from '../../../rules/spf/spf-split-glues-terms.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const both = 'a TXT "v=spf1 -all"\nb TXT "v=spf1 -all"';

runRuleCases(rule, {
  valid: [
    { name: 'space at the end of the first string', zone: `@ TXT "v=spf1 include:a.example.com " "include:b.example.com -all"\n${both}` },
    { name: 'split inside a term is legal', zone: '@ TXT "v=spf1 ip4:192.0." "2.1 -all"' },
    // Splits inside a host name whose next label looks like a mechanism name: joined, the record is
    // exactly what was meant (RFC 7208 §3.3).
    { name: 'split after a dot, next label "mx"', zone: '@ TXT "v=spf1 ip4:192.0.2.0/24 include:_spf." "mx.cloudflare.net -all"' },
    { name: 'split after a dot, next label "a"', zone: '@ TXT "v=spf1 include:_spf." "a.example.net -all"' },
    { name: 'split after a hyphen, next label "mx-…"', zone: '@ TXT "v=spf1 include:relay-" "mx-out.example.net -all"' },
    { name: 'split after a hyphen, next label "all"', zone: '@ TXT "v=spf1 include:send-" "all.example.net -all"' },
    { name: 'split between "include:" and its domain', zone: '@ TXT "v=spf1 include:" "mx.example.net -all"' },
    { name: 'split between "redirect=" and its domain', zone: '@ TXT "v=spf1 redirect=" "mx.example.net"' },
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
    {
      name: 'a bare mx glued onto a domain',
      zone: `@ TXT "v=spf1 include:a.example.com" "mx -all"\n${both}`,
      findings: [{ messageId: 'stringsGlueTerms', data: { before: 'include:a.example.com', after: 'mx', glued: 'include:a.example.commx' } }],
    },
    {
      name: 'a domain ending in a dot, then a whole new term',
      zone: `@ TXT "v=spf1 include:a.example.com." "include:b.example.com -all"\n${both}`,
      findings: [{ messageId: 'stringsGlueTerms', data: { glued: 'include:a.example.com.include:b.example.com' } }],
    },
  ],
});
