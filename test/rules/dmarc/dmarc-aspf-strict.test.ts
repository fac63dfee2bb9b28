import rule from '../../../rules/dmarc/dmarc-aspf-strict.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'aspf default (relaxed)', zone: '_dmarc TXT "v=DMARC1; p=reject"' },
    { name: 'aspf=r, adkim=s', zone: '_dmarc TXT "v=DMARC1; p=reject; aspf=r; adkim=s"' },
  ],
  invalid: [
    { name: 'aspf=s', zone: '_dmarc TXT "v=DMARC1; p=reject; aspf=s"', findings: [{ messageId: 'strictSpfAlignment', subjectName: '_dmarc.example.com', data: { domain: 'example.com' } }] },
    { name: 'aspf=S (case-insensitive)', zone: '_dmarc TXT "v=DMARC1; p=reject; ASPF=S"', findings: [{ messageId: 'strictSpfAlignment' }] },
  ],
});
