import rule from '../../../rules/dmarc/dmarc-report-uri-invalid.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const at = (record: string): string => `_dmarc TXT "${record.replace(/["\\]/g, (c) => `\\${c}`)}"`;
const badUri = (record: string, tag: string, uri: string) => ({ name: record, zone: at(record), findings: [{ messageId: 'invalidUri', data: { tag, uri } }] });

runRuleCases(rule, {
  valid: [
    { name: 'two mailto URIs, spaces around ","', zone: at('v=DMARC1; p=reject; rua=mailto:a@example.com ,\tmailto:b@example.com!10m') },
    { name: 'case kept (mailauth)', zone: at('v=DMARC1; p=none; rua=mailto:DMARC-Reports@Example.COM') },
  ],
  invalid: [
    badUri('v=DMARC1; p=none; rua=reports@dmarc.cyber.dhs.gov,mailto:dmarcreports@usdoj.gov', 'rua', 'reports@dmarc.cyber.dhs.gov'),
    badUri('v=DMARC1; p=none; rua=__mailto:reports@dmarc.cyber.dhs.gov', 'rua', '__mailto:reports@dmarc.cyber.dhs.gov'),
    badUri('v=DMARC1; p=none; ruf=mailto://abuse.com', 'ruf', 'mailto://abuse.com'),
    badUri('v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com!10p', 'rua', 'mailto:dmarc-feedback@example.com!10p'),
    badUri('v=DMARC1; p=none; rua=', 'rua', ''),
    { name: 'ftp: is a URI, but nobody sends reports there', zone: at('v=DMARC1; p=none; rua=ftp://abuse.com'), findings: [{ messageId: 'unsupportedUriScheme', data: { uri: 'ftp://abuse.com' } }] },
  ],
});
