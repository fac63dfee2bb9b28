import rule from '../../../rules/mx/mx-ses-inbound-region.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'not SES', zone: '@ MX 10 mx\nmx A 192.0.2.1' },
    { name: 'an option adds a region', zone: '@ MX 10 inbound-smtp.eu-north-1.amazonaws.com.', setting: { options: { additionalRegions: ['eu-north-1'] } } },
  ],
  invalid: [
    {
      name: 'SES receiving in us-east-1: positive result',
      zone: '@ MX 10 inbound-smtp.us-east-1.amazonaws.com.',
      findings: [{ messageId: 'sesInbound', severity: 'info', data: { region: 'us-east-1' } }],
    },
    {
      name: 'a region that does not receive mail',
      zone: '@ MX 10 inbound-smtp.eu-north-1.amazonaws.com.',
      findings: [{ messageId: 'unknownRegion', severity: 'warning', data: { region: 'eu-north-1', exchange: 'inbound-smtp.eu-north-1.amazonaws.com' } }],
    },
    {
      name: 'amazonses.com is not the receiving domain: not matched as inbound',
      zone: '@ MX 10 inbound-smtp.us-east-1.amazonses.com.\n@ MX 20 inbound-smtp.me-south-1.amazonaws.com.',
      findings: [{ messageId: 'unknownRegion', data: { region: 'me-south-1' } }],
    },
  ],
});
