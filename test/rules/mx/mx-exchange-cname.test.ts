import rule from '../../../rules/mx/mx-exchange-cname.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'exchange with A', zone: '@ MX 10 mx\nmx A 192.0.2.1' },
    { name: 'SES inbound host is AWS-managed: its shape is not judged', zone: '@ MX 10 inbound-smtp.us-east-1.amazonaws.com.\ninbound-smtp.us-east-1.amazonaws.com. CNAME x.amazonaws.com.\nx.amazonaws.com. A 192.0.2.9' },
    { name: 'lookup of the exchange timed out', zone: '@ MX 10 mx\nmx CNAME real', faults: { 'mx.example.com': 'timeout' } },
  ],
  invalid: [
    {
      name: 'MX to a CNAME (RFC 2181 §10.3)',
      zone: '@ MX 10 mail\nmail CNAME mx1.provider.example.\nmx1.provider.example. A 192.0.2.1',
      findings: [{ messageId: 'exchangeIsCname', subjectName: 'example.com', data: { exchange: 'mail.example.com', target: 'mx1.provider.example', preference: 10 } }],
    },
    {
      name: 'a CNAME to nowhere is still a CNAME',
      zone: '@ MX 10 mail\nmail CNAME gone.provider.example.',
      findings: [{ messageId: 'exchangeIsCname', data: { target: 'gone.provider.example' } }],
    },
  ],
});
