import rule from '../../../rules/ses/ses-soa-mismatch.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const SOA = '@ SOA ns-1.awsdns-00.com. hostmaster.example.com. 2024060101 7200 900 1209600 300';

runSesRuleCases(rule, {
  valid: [
    { name: 'same primary, same serial', zone: SOA, identities: [identity({ soa: { primaryNameServer: 'ns-1.awsdns-00.com', serial: 2024060101 } })] },
    { name: 'SES gave no SOA', zone: SOA, identities: [identity()] },
    { name: 'no served SOA (timeout)', zone: SOA, identities: [identity({ soa: { primaryNameServer: 'x.test' } })], faults: { 'example.com:SOA': 'timeout' } },
  ],
  invalid: [
    { name: 'SES looked at the old provider', zone: SOA, identities: [identity({ soa: { primaryNameServer: 'ns1.old-provider.net', serial: 7 } })],
      findings: [{ messageId: 'primaryDiffers', data: { sesPrimary: 'ns1.old-provider.net', servedPrimary: 'ns-1.awsdns-00.com', sesSerial: 7, servedSerial: 2024060101 } }] },
    { name: 'SES is behind by a serial', zone: SOA, identities: [identity({ soa: { primaryNameServer: 'ns-1.awsdns-00.com', serial: 2024050101 } })],
      findings: [{ messageId: 'serialBehind', severity: 'info' }] },
    { name: 'a subdomain identity compares with its zone\'s SOA', zone: SOA.replace('@', 'example.com.'), domain: 'sub.example.com',
      identities: [identity({ domain: 'sub.example.com', soa: { primaryNameServer: 'ns9.other.net' } })],
      findings: [{ messageId: 'primaryDiffers', data: { servedPrimary: 'ns-1.awsdns-00.com' } }] },
  ],
});
