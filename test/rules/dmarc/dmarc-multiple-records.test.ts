import rule from '../../../rules/dmarc/dmarc-multiple-records.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'one record', zone: '_dmarc TXT "v=DMARC1; p=reject"' },
    { name: 'one DMARC record and an unrelated TXT', zone: '_dmarc TXT "v=DMARC1; p=reject"\n_dmarc TXT "v=spf1 -all"' },
    { name: 'one DMARC record and a malformed one (discarded, dmarc-record-malformed)', zone: '_dmarc TXT "v=DMARC1; p=reject"\n_dmarc TXT "v=dmarc1; p=none"' },
  ],
  invalid: [
    {
      name: 'two records (checkdmarc testDMARCMultipleRecords, mailauth "return false")',
      zone: '_dmarc TXT "v=DMARC1; p=reject"\n_dmarc TXT "v=DMARC1; p=none"',
      findings: [{ messageId: 'multipleRecords', subjectName: '_dmarc.example.com', data: { count: 2 } }],
    },
    {
      name: 'three records (mailauth: no inheriting from the org domain either)',
      zone: "_dmarc.mail.example.com. TXT \"v=DMARC1; p=reject\"\n_dmarc.mail.example.com. TXT \"v=DMARC1; p=quarantine\"\n_dmarc.mail.example.com. TXT \"v=DMARC1; p=none\"\n_dmarc.example.com. TXT \"v=DMARC1; p=reject\"",
      domain: 'mail.example.com',
      findings: [{ messageId: 'multipleRecords', data: { count: 3 } }],
    },
  ],
});
