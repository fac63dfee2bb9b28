import rule from '../../../rules/dns/dns-lookup-indeterminate.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'every lookup answered', zone: '@ TXT "v=spf1 -all"\n@ MX 10 mx\nmx A 192.0.2.1' },
    { name: 'NXDOMAIN and NODATA are answers, not failures', zone: 'www A 192.0.2.1' },
  ],
  invalid: [
    {
      name: 'apex TXT timed out',
      zone: '@ MX 0 .',
      faults: { 'example.com:TXT': 'timeout' },
      findings: [{ messageId: 'lookupFailed', subjectName: 'example.com', indeterminate: true, data: { type: 'TXT', status: 'timeout' } }],
    },
    {
      name: 'SERVFAIL on the DMARC name and REFUSED on an MX host, each once',
      zone: '@ MX 10 mx',
      faults: { '_dmarc.example.com': 'servfail', 'mx.example.com': 'refused' },
      findings: [
        { messageId: 'lookupFailed', data: { name: '_dmarc.example.com', type: 'TXT', status: 'servfail' } },
        { messageId: 'lookupFailed', data: { name: 'mx.example.com', type: 'A', status: 'refused' } },
        { messageId: 'lookupFailed', data: { name: 'mx.example.com', type: 'AAAA', status: 'refused' } },
      ],
    },
  ],
});
