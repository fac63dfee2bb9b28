import rule from '../../../rules/ses/ses-dmarc-alignment.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const MAIL_FROM = 'mail MX 10 feedback-smtp.us-east-1.amazonses.com.\nmail TXT "v=spf1 include:amazonses.com ~all"';
const withMailFrom = (o: Parameters<typeof identity>[0] = {}) => [identity({ mailFrom: { domain: 'mail.example.com' }, ...o })];

runSesRuleCases(rule, {
  valid: [
    { name: 'no SES identity', zone: '', identities: [] },
    { name: 'no forecast when the MAIL FROM MX lookup timed out', zone: MAIL_FROM, identities: withMailFrom({ signingEnabled: false }),
      faults: { 'mail.example.com:MX': 'timeout' } },
  ],
  invalid: [
    { name: 'DKIM and SPF', zone: MAIL_FROM, identities: withMailFrom(),
      findings: [{ messageId: 'alignsBoth', severity: 'info', data: { dkimAligned: true, spfAligned: true } }] },
    { name: 'DKIM only: no custom MAIL FROM', zone: '', identities: [identity()],
      findings: [{ messageId: 'alignsDkimOnly', data: { spfAligned: false } }] },
    { name: 'aspf=s can never align with SES', zone: `${MAIL_FROM}\n_dmarc TXT "v=DMARC1; p=reject; aspf=s"`, identities: withMailFrom(),
      findings: [{ messageId: 'alignsDkimOnly', data: { aspf: 's', spfAligned: false } }] },
    { name: 'SPF only: signing disabled', zone: MAIL_FROM, identities: withMailFrom({ signingEnabled: false }),
      findings: [{ messageId: 'alignsSpfOnly', severity: 'warning', data: { dkim: 'signing is disabled' } }] },
    { name: 'nothing: DKIM pending and MAIL FROM without MX', zone: 'mail TXT "v=spf1 include:amazonses.com ~all"',
      identities: withMailFrom({ status: 'PENDING' }),
      findings: [{ messageId: 'alignsNothing', data: { dkimAligned: false, spfAligned: false } }] },
    { name: 'MAIL FROM whose SPF leaves SES out', zone: 'mail MX 10 feedback-smtp.us-east-1.amazonses.com.\nmail TXT "v=spf1 -all"',
      identities: withMailFrom({ signingEnabled: false }),
      findings: [{ messageId: 'alignsNothing', data: { spf: 'the SPF record of "mail.example.com" does not authorise SES' } }] },
  ],
});
