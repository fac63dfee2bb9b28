import rule from '../../../rules/dmarc/dmarc-external-report-unauthorised.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'destination in the domain', zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"' },
    { name: 'destination in a subdomain', zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@reports.example.com"' },
    {
      name: 'subdomain reporting to its organisational domain (found by the tree walk)',
      zone: '_dmarc.mail.example.com. TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n_dmarc.example.com. TXT "v=DMARC1; p=reject"',
      domain: 'mail.example.com',
    },
    {
      name: 'authorisation lookup timed out: dns-lookup-indeterminate speaks',
      zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.vendor.net"',
      faults: { 'example.com._report._dmarc.reports.vendor.net': 'timeout' },
    },
  ],
  invalid: [
    {
      name: 'reports to a parent without a DMARC record: a notice (RFC 9989 tree walk: outside; RFC 7489 public suffix list: inside)',
      zone: '_dmarc.mail.example.com. TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"',
      domain: 'mail.example.com',
      findings: [{ messageId: 'parentNotAuthorised', severity: 'notice', data: { host: 'example.com', policyDomain: 'mail.example.com' } }],
    },
    {
      name: 'external destination authorised with "v=DMARC1" (RFC 7489 §7.1 example; checkdmarc testSpecificAuthorizationRecordFound)',
      zone: '_dmarc TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com,mailto:agg@reports.vendor.net"\nexample.com._report._dmarc.reports.vendor.net. TXT "v=DMARC1"',
      findings: [{ messageId: 'authorised', severity: 'info', data: { host: 'reports.vendor.net', tags: 'rua' } }],
    },
    {
      name: 'authorised by a wildcard, as report vendors publish it (RFC 7489 §7.1; RFC 4592)',
      zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.vendor.net"\n*._report._dmarc.reports.vendor.net. TXT "v=DMARC1;"',
      findings: [{ messageId: 'authorised', data: { host: 'reports.vendor.net' } }],
    },
    {
      name: 'external destination without authorisation',
      zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.vendor.net; ruf=mailto:f@reports.vendor.net"',
      findings: [
        {
          messageId: 'notAuthorised',
          subjectName: 'example.com._report._dmarc.reports.vendor.net',
          data: { host: 'reports.vendor.net', policyDomain: 'example.com', tags: 'rua/ruf', uris: ['mailto:agg@reports.vendor.net', 'mailto:f@reports.vendor.net'] },
        },
      ],
    },
    {
      name: 'unrelated TXT at the authorisation name does not authorise (checkdmarc UnverifiedDMARCURIDestination)',
      zone: '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.vendor.net"\nexample.com._report._dmarc.reports.vendor.net. TXT "hello"',
      findings: [{ messageId: 'notAuthorised', data: { host: 'reports.vendor.net' } }],
    },
    {
      name: 'inherited policy: the authorisation names the domain the record came from',
      zone: '_dmarc.example.com. TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.vendor.net"',
      domain: 'mail.example.com',
      findings: [{ messageId: 'notAuthorised', subjectName: 'example.com._report._dmarc.reports.vendor.net', data: { policyDomain: 'example.com' } }],
    },
  ],
});
