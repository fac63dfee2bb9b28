import rule from '../../../rules/ses/ses-dkim-stale-cname.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const zone = [
  'tok1._domainkey CNAME tok1.dkim.amazonses.com.',
  'old._domainkey CNAME old.dkim.amazonses.com.',
  'olderu._domainkey CNAME olderu.dkim.eu-south-1.amazonses.com.',
  'google._domainkey CNAME google.domainkey.example.net.',
].join('\n');

runSesRuleCases(rule, {
  valid: [
    { name: 'the selector is a current token', zone, identities: [identity()], dkimSelectors: ['tok1'] },
    { name: 'a CNAME elsewhere is not SES\'s', zone, identities: [identity()], dkimSelectors: ['google'] },
    { name: 'without SES facts nothing is stale', zone, identities: [], dkimSelectors: ['old'] },
  ],
  invalid: [
    { name: 'an old token into dkim.amazonses.com', zone, identities: [identity()], dkimSelectors: ['tok1', 'old'],
      findings: [{ messageId: 'staleCname', severity: 'notice', data: { selector: 'old', target: 'old.dkim.amazonses.com', regions: ['us-east-1'] } }] },
    { name: 'an old token into a regional zone', zone, identities: [identity()], dkimSelectors: ['olderu'],
      findings: [{ messageId: 'staleCname', data: { target: 'olderu.dkim.eu-south-1.amazonses.com' } }] },
  ],
});
