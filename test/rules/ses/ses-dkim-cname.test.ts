import rule from '../../../rules/ses/ses-dkim-cname.js';
import { RSA_2048, txt } from '../../dkim/keys.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const key = (target: string): string => `${target}. ${txt(`p=${RSA_2048}`)}`;
const cname = (token: string, zone = 'dkim.amazonses.com'): string =>
  `${token}._domainkey CNAME ${token}.${zone}.\n${key(`${token}.${zone}`)}`;
const one = [identity({ tokens: ['tok1'] })];

runSesRuleCases(rule, {
  valid: [
    { name: 'three CNAMEs into dkim.amazonses.com', zone: ['tok1', 'tok2', 'tok3'].map((t) => cname(t)).join('\n'), identities: [identity()] },
    { name: 'regional zone from the region table', zone: cname('tok1', 'dkim.eu-south-1.amazonses.com'), identities: [identity({ region: 'eu-south-1', tokens: ['tok1'] })] },
    { name: 'no SES identity: nothing to check', zone: '', identities: [] },
    { name: 'BYODKIM identities have no CNAMEs', zone: '', identities: [identity({ method: 'byodkim' })] },
    { name: 'a timeout is not a missing record', zone: '', identities: one, faults: { 'tok1._domainkey.example.com': 'timeout' } },
  ],
  invalid: [
    {
      name: 'a positive result explains the pass',
      zone: cname('tok1'), identities: one,
      findings: [{ messageId: 'cnameOk', severity: 'info', data: { token: 'tok1', bits: 2048 } }],
    },
    {
      name: 'missing CNAME',
      zone: '', identities: one,
      findings: [{ messageId: 'cnameMissing', subjectName: 'tok1._domainkey.example.com', data: { expected: 'tok1.dkim.amazonses.com', region: 'us-east-1' } }],
    },
    {
      name: 'CNAME into the wrong region',
      zone: cname('tok1', 'dkim.eu-south-1.amazonses.com'), identities: one,
      findings: [{ messageId: 'cnameMispointed', data: { actual: 'tok1.dkim.eu-south-1.amazonses.com', expected: 'tok1.dkim.amazonses.com' } }],
    },
    {
      name: 'a TXT at the name instead of the CNAME',
      zone: `tok1._domainkey ${txt(`v=DKIM1; p=${RSA_2048}`)}`, identities: one,
      findings: [{ messageId: 'notCname', data: { name: 'tok1._domainkey.example.com' } }],
    },
    {
      name: 'the target has no key (stale token)',
      zone: 'tok1._domainkey CNAME tok1.dkim.amazonses.com.', identities: one,
      findings: [{ messageId: 'targetWithoutKey', data: { token: 'tok1', outcome: 'does not exist (NXDOMAIN)' } }],
    },
    {
      name: 'the target serves a revoked key',
      zone: 'tok1._domainkey CNAME tok1.dkim.amazonses.com.\ntok1.dkim.amazonses.com. TXT "v=DKIM1; p="', identities: one,
      findings: [{ messageId: 'targetWithoutKey', data: { outcome: 'serves no usable DKIM key' } }],
    },
    {
      name: 'each region is checked against its own zone',
      zone: cname('tok1') + '\n' + cname('tok9', 'dkim.eu-south-1.amazonses.com'),
      identities: [identity({ tokens: ['tok1'] }), identity({ region: 'eu-south-1', tokens: ['tok9', 'tok8'] })],
      findings: [{ messageId: 'cnameMissing', data: { token: 'tok8', region: 'eu-south-1' } }],
    },
  ],
});
