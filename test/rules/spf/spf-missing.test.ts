import rule from '../../../rules/spf/spf-missing.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'one SPF record', zone: '@ TXT "v=spf1 include:amazonses.com ~all"' },
    { name: 'TXT lookup timed out: indeterminate, not missing', zone: '', faults: { 'example.com:TXT': 'timeout' } },
    { name: 'SPF from a wildcard (RFC 4592)', zone: '*.example.com. TXT "v=spf1 -all"', domain: 'news.example.com' },
    { name: 'SERVFAIL: indeterminate, not missing', zone: '', faults: { 'example.com:TXT': 'servfail' } },
  ],
  invalid: [
    { name: "apex exists without TXT (NODATA)", zone: "www A 192.0.2.1", findings: [{ messageId: "noSpfRecord", data: { domain: "example.com", status: "nodata" } }] },
    { name: "apex does not exist (NXDOMAIN)", zone: "", domain: "gone.example.com", findings: [{ messageId: "noSpfRecord", data: { domain: "gone.example.com", status: "nxdomain" } }] },
    {
      name: 'an existing name is NODATA, not covered by the wildcard beside it',
      zone: '*.example.com. TXT "v=spf1 -all"\nnews.example.com. A 192.0.2.1',
      domain: 'news.example.com',
      findings: [{ messageId: 'noSpfRecord', data: { status: 'nodata' } }],
    },
    { name: 'only other TXT records', zone: '@ TXT "google-site-verification=abc"', findings: [{ messageId: 'noSpfRecord', data: { status: 'answer' } }] },
    { name: 'v=spf10 is not SPF', zone: '@ TXT "v=spf10 -all"', findings: [{ messageId: 'noSpfRecord' }] },
  ],
});
