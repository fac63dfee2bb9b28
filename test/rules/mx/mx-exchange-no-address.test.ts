import rule from '../../../rules/mx/mx-exchange-no-address.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'A only', zone: '@ MX 10 mx\nmx A 192.0.2.1' },
    { name: 'AAAA only', zone: '@ MX 10 mx\nmx AAAA 2001:db8::25' },
    { name: 'one family timed out, the other empty: unknown, not missing', zone: '@ MX 10 mx\nmx TXT "x"', faults: { 'mx.example.com:AAAA': 'timeout' } },
    { name: 'IP literal is mx-exchange-ip-literal\'s business', zone: '@ MX 10 192.0.2.1.' },
    { name: 'null MX has no host', zone: '@ MX 0 .' },
  ],
  invalid: [
    {
      name: 'exchange does not exist',
      zone: '@ MX 10 mx',
      findings: [{ messageId: 'noAddress', data: { exchange: 'mx.example.com', aStatus: 'NXDOMAIN', aaaaStatus: 'NXDOMAIN' } }],
    },
    {
      name: 'exchange exists without addresses',
      zone: '@ MX 10 mx\n@ MX 20 mx2\nmx TXT "no address"\nmx2 A 192.0.2.2',
      findings: [
        { messageId: 'noAddress', data: { exchange: 'mx.example.com', aStatus: 'NODATA' } },
        { messageId: 'resolves', severity: 'info', data: { exchange: 'mx2.example.com', addresses: ['192.0.2.2'] } },
      ],
    },
  ],
});
