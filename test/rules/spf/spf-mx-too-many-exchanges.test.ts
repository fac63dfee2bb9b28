import rule from '../../../rules/spf/spf-mx-too-many-exchanges.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const mxs = (n: number): string => Array.from({ length: n }, (_, i) => `mail MX ${i} mx${i}.example.com.\nmx${i} A 192.0.2.${i + 1}`).join('\n');

runRuleCases(rule, {
  valid: [{ name: 'ten exchanges', zone: `@ TXT "v=spf1 mx:mail.example.com -all"\n${mxs(10)}` }],
  invalid: [
    {
      name: 'eleven exchanges',
      zone: `@ TXT "v=spf1 mx:mail.example.com/24 -all"\n${mxs(11)}`,
      findings: [{ messageId: 'mxTooManyExchanges', data: { target: 'mail.example.com', exchanges: 11, limit: 10 } }],
    },
  ],
});
