import rule from '../../../rules/ses/ses-sender-null-mx.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

runSesRuleCases(rule, {
  valid: [
    { name: 'null MX without SES: mx-null-mixed\'s info is enough', zone: '@ MX 0 .', identities: [] },
    { name: 'an SES sender with an ordinary MX', zone: '@ MX 10 mx.example.com.\nmx A 192.0.2.25', identities: [identity()] },
    { name: 'identity not verified for sending: ses-identity-status speaks', zone: '@ MX 0 .', identities: [identity({ verificationStatus: 'PENDING' })] },
    {
      name: 'null MX on the MAIL FROM domain only: ses-mail-from-mx/nullMx reports it',
      zone: '@ MX 10 mx.example.com.\nmx A 192.0.2.25\nmail MX 0 .',
      identities: [identity({ mailFrom: { domain: 'mail.example.com' } })],
    },
    { name: 'MX lookup timed out: indeterminate, not a null MX', zone: '@ MX 0 .', identities: [identity()], faults: { 'example.com:MX': 'timeout' } },
    {
      name: 'a parent domain\'s identity does not make a subdomain a sender',
      zone: 'news.example.com. MX 0 .',
      domain: 'news.example.com',
      identities: [identity({ domain: 'example.com' })],
    },
  ],
  invalid: [
    {
      name: 'null MX on a domain SES sends as (RFC 7505 §4.2)',
      zone: '@ MX 0 .',
      identities: [identity()],
      findings: [{ messageId: 'nullMxOnSender', severity: 'error', subjectName: 'example.com', data: { domain: 'example.com', regions: ['us-east-1'] } }],
    },
    {
      name: 'one finding naming every region it is verified in, sorted',
      zone: '@ MX 0 .',
      identities: [identity({ region: 'us-east-1' }), identity({ region: 'eu-west-1' }), identity({ region: 'ap-south-1', verificationStatus: 'FAILED' })],
      findings: [{ messageId: 'nullMxOnSender', data: { regions: ['eu-west-1', 'us-east-1'] } }],
    },
    {
      name: 'null MX mixed with another MX still marks the domain as refusing mail for some senders',
      zone: '@ MX 0 .\n@ MX 10 mx.example.com.\nmx A 192.0.2.25',
      identities: [identity()],
      findings: [{ messageId: 'nullMxOnSender' }],
    },
  ],
});
