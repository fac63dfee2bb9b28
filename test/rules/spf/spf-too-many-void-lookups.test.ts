import rule from '../../../rules/spf/spf-too-many-void-lookups.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'two void lookups', zone: '@ TXT "v=spf1 a:gone1.example.com a:gone2.example.com -all"' },
    { name: 'a timeout is not a void lookup', zone: '@ TXT "v=spf1 a:x1.example.com a:x2.example.com a:x3.example.com -all"', faults: { 'x1.example.com': 'timeout', 'x2.example.com': 'timeout', 'x3.example.com': 'timeout' } },
  ],
  invalid: [
    {
      name: 'three NXDOMAIN names: void under every reading',
      zone: '@ TXT "v=spf1 a:gone1.example.com mx:gone2.example.com exists:gone3.example.com -all"',
      findings: [{ messageId: 'tooManyVoidLookups', data: { voidLookups: 3, ipv4Client: 3, ipv6Client: 3, addressPair: 3 } }],
    },
    {
      name: 'IPv4-only hosts are void only for IPv6 clients',
      zone: '@ TXT "v=spf1 a:h1.example.com a:h2.example.com a:h3.example.com -all"\nh1 A 192.0.2.1\nh2 A 192.0.2.2\nh3 A 192.0.2.3',
      findings: [{ messageId: 'tooManyVoidLookupsSomeReceivers', data: { family: 'IPv6', voidLookups: 3, ipv4Client: 0, addressPair: 0 } }],
    },
  ],
});
