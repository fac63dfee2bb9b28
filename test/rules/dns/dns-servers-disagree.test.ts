import rule from '../../../rules/dns/dns-servers-disagree.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

// The recursive view: the NS set and the servers' addresses. Each server then serves its own copy.
const DELEGATION = '@ NS ns1\n@ NS ns2\nns1 A 192.0.2.1\nns2 A 192.0.2.2\n';
const CURRENT = '@ TXT "v=spf1 include:amazonses.com -all"\n@ MX 10 mx\n_dmarc TXT "v=DMARC1; p=reject"\n';

runRuleCases(rule, {
  valid: [
    { name: 'without --authoritative the rule says nothing', zone: DELEGATION },
    { name: 'both servers serve the same zone', zone: DELEGATION, servers: { '192.0.2.1': CURRENT, '192.0.2.2': CURRENT } },
    {
      name: 'TXT split into other strings is the same record',
      zone: DELEGATION,
      servers: { '192.0.2.1': '@ TXT "v=spf1 -all"', '192.0.2.2': '@ TXT "v=spf1 " "-all"' },
    },
  ],
  invalid: [
    {
      name: 'a secondary that stopped transferring serves the old DMARC and SPF',
      zone: DELEGATION,
      servers: {
        '192.0.2.1': CURRENT,
        '192.0.2.2': '@ TXT "v=spf1 include:old-esp.example -all"\n@ MX 10 mx\n_dmarc TXT "v=DMARC1; p=none"\n',
      },
      findings: [
        { messageId: 'serversDisagree', subjectName: '_dmarc.example.com', data: { type: 'TXT', zone: 'example.com' } },
        { messageId: 'serversDisagree', subjectName: 'example.com', data: { type: 'TXT', servers: ['ns1.example.com (192.0.2.1:53)', 'ns2.example.com (192.0.2.2:53)'] } },
      ],
    },
    {
      name: 'a DKIM selector published on one provider only',
      zone: DELEGATION,
      dkimSelectors: ['s1'],
      servers: { '192.0.2.1': `${CURRENT}s1._domainkey CNAME s1.dkim.amazonses.com.\n`, '192.0.2.2': CURRENT },
      findings: [{ messageId: 'serversDisagree', subjectName: 's1._domainkey.example.com', data: { type: 'CNAME' } }],
    },
    {
      name: 'a listed server that does not serve the zone cannot be compared',
      zone: DELEGATION,
      servers: { '192.0.2.1': CURRENT },
      findings: [{ messageId: 'serverUnanswered', indeterminate: true }],
    },
  ],
});
