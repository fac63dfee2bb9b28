import rule from '../../../rules/dmarc/dmarc-invalid-tag-value.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const at = (record: string): string => `_dmarc TXT "${record.replace(/["\\]/g, (c) => `\\${c}`)}"`;
const bad = (record: string, tag: string, value: string) => ({
  name: record, zone: at(record), findings: [{ messageId: 'invalidValue', data: { tag, value } }],
});

runRuleCases(rule, {
  valid: [
    { name: 'every RFC 7489 tag', zone: at('v=DMARC1; p=none; sp=none; fo=1; pct=50; adkim=r; aspf=r; rf=afrf; ri=86400; rua=mailto:a@example.com; ruf=mailto:f@example.com') },
    { name: 'RFC 9989 tags', zone: at('v=DMARC1; p=reject; np=quarantine; psd=n; t=y') },
    { name: 'values are case-insensitive (p=ReJect, adkim=S)', zone: at('v=DMARC1; p=ReJect; adkim=S; fo=0:1:D:s') },
  ],
  invalid: [
    bad('v=DMARC1; p=foo; rua=mailto:dmarc@example.com', 'p', 'foo'),
    bad('v=DMARC1; p=n;', 'p', 'n'), // OpenDMARC accepts the prefix; the ABNF does not (see the doc)
    bad('v=DMARC1; p=reject; sp=invalid', 'sp', 'invalid'),
    bad('v=DMARC1; p=reject; np=invalid', 'np', 'invalid'),
    bad('v=DMARC1; p=none; adkim=bob;', 'adkim', 'bob'),
    bad('v=DMARC1; p=none; aspf=123', 'aspf', '123'),
    bad('v=DMARC1; p=reject; fo=01', 'fo', '01'),
    bad('v=DMARC1; p=reject; pct=110', 'pct', '110'),
    bad('v=DMARC1; p=reject; pct=invalid', 'pct', 'invalid'), // checkdmarc/mailauth only warn (see the doc)
    bad('v=DMARC1; p=reject; ri=-1', 'ri', '-1'),
    bad('v=DMARC1; p=reject; ri=99999999999999999999', 'ri', '99999999999999999999'),
    bad('v=DMARC1; p=reject; rf=bad.non-alphadigitdash', 'rf', 'bad.non-alphadigitdash'),
    bad('v=DMARC1; p=reject; psd=x', 'psd', 'x'),
    bad('v=DMARC1; p=reject; t=x', 't', 'x'),
    { name: 'rf=bob: a keyword, but not a format', zone: at('v=DMARC1; p=none; rf=bob'), findings: [{ messageId: 'unknownReportFormat', data: { value: 'bob' } }] },
    { name: 'unknown tag', zone: at('v=DMARC1; p=reject; xyz=foo'), findings: [{ messageId: 'unknownTag', severity: 'notice', data: { tag: 'xyz' } }] },
  ],
});
