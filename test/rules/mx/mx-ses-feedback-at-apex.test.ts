import rule from '../../../rules/mx/mx-ses-feedback-at-apex.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'inbound SES, not feedback', zone: '@ MX 10 inbound-smtp.us-east-1.amazonaws.com.' },
    {
      name: 'a declared MAIL FROM domain gets a positive result only',
      zone: 'mail.example.com. MX 10 feedback-smtp.us-east-1.amazonses.com.',
      domain: 'mail.example.com',
      setting: { options: { mailFromDomains: ['mail.example.com.'] } },
    },
  ],
  invalid: [
    {
      name: 'feedback MX at the domain people write to',
      zone: '@ MX 10 feedback-smtp.eu-west-1.amazonses.com.',
      findings: [{ messageId: 'feedbackMx', subjectName: 'example.com', data: { exchange: 'feedback-smtp.eu-west-1.amazonses.com', region: 'eu-west-1' } }],
    },
    {
      name: 'declared MAIL FROM domain',
      zone: 'mail.example.com. MX 10 feedback-smtp.us-east-1.amazonses.com.',
      domain: 'mail.example.com',
      setting: { options: { mailFromDomains: ['mail.example.com'] } },
      findings: [{ messageId: 'mailFromDomain', severity: 'info' }],
    },
  ],
});
