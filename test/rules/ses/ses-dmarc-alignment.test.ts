import rule from '../../../rules/ses/ses-dmarc-alignment.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

// amazonses.com's record, trimmed: whether SES passes is evaluated for its addresses.
const SES = 'amazonses.com. TXT "v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 -all"';
const MX = 'mail MX 10 feedback-smtp.us-east-1.amazonses.com.';
const MAIL_FROM = `${SES}\n${MX}\nmail TXT "v=spf1 include:amazonses.com ~all"`;
const mailFromSpf = (record: string, more = ''): string => `${SES}\n${MX}\nmail TXT "${record}"${more}`;
const withMailFrom = (o: Parameters<typeof identity>[0] = {}) => [identity({ mailFrom: { domain: 'mail.example.com' }, ...o })];

runSesRuleCases(rule, {
  valid: [
    { name: 'no SES identity', zone: '', identities: [] },
    { name: 'no forecast when the MAIL FROM MX lookup timed out', zone: MAIL_FROM, identities: withMailFrom({ signingEnabled: false }),
      faults: { 'mail.example.com:MX': 'timeout' } },
    { name: 'no forecast when a nested include of the MAIL FROM SPF timed out',
      zone: mailFromSpf('v=spf1 include:_spf.example.com ~all', '\n_spf TXT "v=spf1 include:amazonses.com ~all"'),
      identities: withMailFrom({ signingEnabled: false }), faults: { '_spf.example.com:TXT': 'timeout' } },
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
    { name: 'MAIL FROM whose SPF leaves SES out', zone: mailFromSpf('v=spf1 -all'),
      identities: withMailFrom({ signingEnabled: false }),
      findings: [{ messageId: 'alignsNothing', data: { spf: 'the SPF record of "mail.example.com" does not authorise SES' } }] },
    { name: 'SES authorised through a nested include aligns',
      zone: mailFromSpf('v=spf1 include:_spf.example.com ~all', '\n_spf TXT "v=spf1 include:amazonses.com include:_spf.google.com ~all"\n_spf.google.com. TXT "v=spf1 ip4:192.0.2.0/24 ~all"'),
      identities: withMailFrom(), findings: [{ messageId: 'alignsBoth', data: { spfAligned: true } }] },
    { name: 'an include after "all" does not align', zone: mailFromSpf('v=spf1 -all include:amazonses.com'), identities: withMailFrom(),
      findings: [{ messageId: 'alignsDkimOnly', data: { spfAligned: false } }] },
    { name: 'a MAIL FROM SPF record with a syntax error does not align',
      zone: mailFromSpf('v=spf1 include:amazonses.com ip4:192.0.2.300 ~all'), identities: withMailFrom(),
      findings: [{ messageId: 'alignsDkimOnly', data: { spfAligned: false } }] },
  ],
});
