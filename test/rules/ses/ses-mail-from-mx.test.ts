import rule from '../../../rules/ses/ses-mail-from-mx.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const withMailFrom = (extra: { status?: string; behaviorOnMxFailure?: string; domain?: string } = {}, region = 'us-east-1') =>
  [identity({ region, mailFrom: { domain: 'mail.example.com', ...extra } })];
const GOOD = 'mail MX 10 feedback-smtp.us-east-1.amazonses.com.';

runSesRuleCases(rule, {
  valid: [
    { name: 'the one feedback MX', zone: GOOD, identities: withMailFrom() },
    { name: 'no custom MAIL FROM', zone: '', identities: [identity()] },
    { name: 'a timeout says nothing about the MX', zone: '', identities: withMailFrom(), faults: { 'mail.example.com:MX': 'timeout' } },
  ],
  invalid: [
    { name: 'a positive result', zone: GOOD, identities: withMailFrom(),
      findings: [{ messageId: 'mxOk', severity: 'info', data: { expected: 'feedback-smtp.us-east-1.amazonses.com' } }] },
    { name: 'MAIL FROM without its MX falls back silently', zone: '', identities: withMailFrom(),
      findings: [{ messageId: 'mxMissing', data: { mailFrom: 'mail.example.com' } }, { messageId: 'fallbackUnaligned' }] },
    { name: 'with REJECT_MESSAGE every send fails', zone: '', identities: withMailFrom({ behaviorOnMxFailure: 'REJECT_MESSAGE' }),
      findings: [{ messageId: 'mxMissing' }, { messageId: 'rejectOnMxFailure' }] },
    { name: 'two MX records', zone: `${GOOD}\nmail MX 20 backup.example.net.`, identities: withMailFrom(),
      findings: [{ messageId: 'mxNotSingle', data: { count: 2, exchanges: ['10 feedback-smtp.us-east-1.amazonses.com', '20 backup.example.net'] } }, { messageId: 'fallbackUnaligned' }] },
    { name: 'used to receive mail', zone: 'mail MX 10 inbound-smtp.us-east-1.amazonaws.com.', identities: withMailFrom(),
      findings: [{ messageId: 'mxNotFeedback', data: { actual: 'inbound-smtp.us-east-1.amazonaws.com' } }, { messageId: 'fallbackUnaligned' }] },
    { name: 'null MX', zone: 'mail MX 0 .', identities: withMailFrom(), findings: [{ messageId: 'nullMx' }, { messageId: 'fallbackUnaligned' }] },
    { name: 'another region\'s feedback host', zone: GOOD, identities: withMailFrom({}, 'eu-west-1'),
      findings: [{ messageId: 'mxOtherRegion', data: { mxRegion: 'us-east-1', region: 'eu-west-1' } }] },
    { name: 'preference 20', zone: 'mail MX 20 feedback-smtp.us-east-1.amazonses.com.', identities: withMailFrom(),
      findings: [{ messageId: 'mxPreference', data: { preference: 20 } }] },
    { name: 'SES status FAILED', zone: GOOD, identities: withMailFrom({ status: 'FAILED' }), findings: [{ messageId: 'statusFailed' }] },
    { name: 'SES status PENDING', zone: GOOD, identities: withMailFrom({ status: 'PENDING' }),
      findings: [{ messageId: 'statusNotSuccess', data: { status: 'PENDING' } }] },
    { name: 'MAIL FROM outside the identity', zone: 'mail.other.org. MX 10 feedback-smtp.us-east-1.amazonses.com.',
      identities: [identity({ mailFrom: { domain: 'mail.other.org' } })], findings: [{ messageId: 'notSubdomain' }] },
  ],
});
