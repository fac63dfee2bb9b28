import rule from '../../../rules/dmarc/dmarc-missing.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'own record', zone: '_dmarc TXT "v=DMARC1; p=reject"' },
    { name: 'own record beside unrelated TXT', zone: '_dmarc TXT "v=DMARC1; p=reject"\n_dmarc TXT "google-site-verification=x"' },
    { name: 'timeout at _dmarc is indeterminate, not missing', zone: '@ A 192.0.2.1', faults: { '_dmarc.example.com': 'timeout' } },
    {
      name: 'a failing step of the tree walk leaves absence unknown',
      zone: '@ A 192.0.2.1',
      domain: 'mail.example.com',
      faults: { '_dmarc.example.com': 'servfail' },
    },
    { name: 'several records: dmarc-multiple-records reports it', zone: '_dmarc TXT "v=DMARC1; p=reject"\n_dmarc TXT "v=DMARC1; p=none"' },
  ],
  invalid: [
    {
      name: 'no record anywhere (NXDOMAIN up to the TLD)',
      zone: '@ A 192.0.2.1',
      findings: [{ messageId: 'noRecord', subjectName: '_dmarc.example.com', data: { domain: 'example.com', orgDomain: 'example.com', queried: ['_dmarc.example.com', '_dmarc.com'] } }],
    },
    {
      name: 'only non-DMARC TXT at _dmarc (checkdmarc testDMARCSPFInDMARC)',
      zone: '_dmarc TXT "v=spf1 include:example.com -all"',
      findings: [{ messageId: 'noRecord' }],
    },
    {
      name: 'a record without p and without rua: no DMARC processing (mailauth, RFC 7489 §6.6.3)',
      zone: '_dmarc TXT "v=DMARC1; adkim=s"',
      findings: [{ messageId: 'noPolicy', severity: 'error', subjectName: '_dmarc.example.com' }],
    },
    {
      name: 'record published at the apex instead (checkdmarc testApexFallbackWrongLocation)',
      zone: '@ TXT "v=DMARC1; p=reject"',
      findings: [{ messageId: 'recordAtApex', subjectName: 'example.com', data: { record: 'v=DMARC1; p=reject' } }],
    },
    {
      name: 'subdomain inherits the organisational domain\'s record (tree walk, mailauth fallback test)',
      zone: 'example.com. A 192.0.2.1\n_dmarc.example.com. TXT "v=DMARC1; p=quarantine"',
      domain: 'mail.example.com',
      findings: [{ messageId: 'inherited', severity: 'info', subjectName: '_dmarc.example.com', data: { domain: 'mail.example.com', policyDomain: 'example.com' } }],
    },
  ],
});
