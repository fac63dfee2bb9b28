import rule from '../../../rules/dmarc/dmarc-subdomain-policy-weaker.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const at = (record: string): string => `_dmarc TXT "${record.replace(/["\\]/g, (c) => `\\${c}`)}"`;

runRuleCases(rule, {
  valid: [
    { name: 'no sp/np', zone: at('v=DMARC1; p=reject') },
    { name: 'sp equal', zone: at('v=DMARC1; p=quarantine; sp=quarantine') },
    { name: 'sp stronger', zone: at('v=DMARC1; p=none; sp=reject; np=reject') },
  ],
  invalid: [
    { name: 'sp=none under p=reject (checkdmarc testDMARCSpNoneWarning)', zone: at('v=DMARC1; p=reject; sp=none'), findings: [{ messageId: 'weakerSubdomainPolicy', data: { tag: 'sp', p: 'reject', weaker: 'none' } }] },
    {
      name: 'sp and np both weaker',
      zone: at('v=DMARC1; p=reject; sp=quarantine; np=none'),
      findings: [
        { messageId: 'weakerSubdomainPolicy', data: { tag: 'sp', weaker: 'quarantine' } },
        { messageId: 'weakerSubdomainPolicy', data: { tag: 'np', weaker: 'none' } },
      ],
    },
  ],
});
