import rule from '../../../rules/ses/ses-mail-from-spf.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const ids = [identity({ mailFrom: { domain: 'mail.example.com' } })];

runSesRuleCases(rule, {
  valid: [
    { name: 'include:amazonses.com', zone: 'mail TXT "v=spf1 include:amazonses.com ~all"', identities: ids },
    { name: 'split across strings', zone: 'mail TXT "v=spf1 include:amazon" "ses.com -all"', identities: ids },
    { name: 'no MAIL FROM', zone: '', identities: [identity()] },
    { name: 'SERVFAIL is not a missing record', zone: '', identities: ids, faults: { 'mail.example.com:TXT': 'servfail' } },
  ],
  invalid: [
    { name: 'a positive result', zone: 'mail TXT "v=spf1 include:amazonses.com ~all"', identities: ids,
      findings: [{ messageId: 'spfOk', severity: 'info', data: { mailFrom: 'mail.example.com' } }] },
    { name: 'no record', zone: '', identities: ids, findings: [{ messageId: 'spfMissing', data: { outcome: 'does not exist (NXDOMAIN)' } }] },
    { name: 'TXT but not SPF', zone: 'mail TXT "hello"', identities: ids, findings: [{ messageId: 'spfMissing', data: { outcome: 'has TXT records but none starts "v=spf1"' } }] },
    { name: 'two records', zone: 'mail TXT "v=spf1 include:amazonses.com ~all"\nmail TXT "v=spf1 -all"', identities: ids,
      findings: [{ messageId: 'spfMultiple', data: { count: 2 } }] },
    { name: 'SES not included', zone: 'mail TXT "v=spf1 mx -all"', identities: ids,
      findings: [{ messageId: 'spfWithoutSes', data: { record: 'v=spf1 mx -all' } }] },
    { name: 'a -include does not authorise', zone: 'mail TXT "v=spf1 -include:amazonses.com ~all"', identities: ids,
      findings: [{ messageId: 'spfWithoutSes' }] },
    { name: 'redirect only', zone: 'mail TXT "v=spf1 redirect=_spf.example.com"', identities: ids,
      findings: [{ messageId: 'spfSesIndirect', data: { redirect: '_spf.example.com' } }] },
    { name: 'one MAIL FROM for two regions is checked once', zone: 'mail TXT "v=spf1 -all"',
      identities: [...ids, identity({ region: 'eu-west-1', mailFrom: { domain: 'mail.example.com' } })],
      findings: [{ messageId: 'spfWithoutSes' }] },
  ],
});
