import rule from '../../../rules/dmarc/dmarc-record-malformed.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const at = (record: string): string => `_dmarc TXT "${record.replace(/["\\]/g, (c) => `\\${c}`)}"`;

runRuleCases(rule, {
  valid: [
    { name: 'plain', zone: at('v=DMARC1; p=reject') },
    { name: 'whitespace and case the ABNF allows (checkdmarc testDMARCMixedFormatting)', zone: at('V = DMARC1\t;\tp\t=\treject\t;') },
    { name: 'trailing ";" and spaces after it', zone: at('v=DMARC1; p=reject; ') },
    { name: 'split over two strings', zone: '_dmarc TXT "v=DMARC1; p=re" "ject; pct=100"' },
    { name: 'no record at all is dmarc-missing\'s business', zone: '@ A 192.0.2.1' },
  ],
  invalid: [
    { name: 'leading whitespace (checkdmarc DMARCRecordStartsWithWhitespace)', zone: at(' v=DMARC1; p=reject'), findings: [{ messageId: 'leadingWhitespace', data: { record: ' v=DMARC1; p=reject', trimmed: 'v=DMARC1; p=reject' } }] },
    { name: 'lower-case version value', zone: at('v=dmarc1; p=reject'), findings: [{ messageId: 'badVersion', data: { version: 'dmarc1' } }] },
    { name: 'v=DMARC1x (mailauth)', zone: at('v=DMARC1x; p=reject'), findings: [{ messageId: 'badVersion', data: { version: 'DMARC1x' } }] },
    { name: 'missing ";" after the version (mox)', zone: at('v=DMARC1 p=none'), findings: [{ messageId: 'badVersion', data: { version: 'DMARC1 p=none' } }] },
    { name: 'version not first', zone: at('p=reject; v=DMARC1'), findings: [{ messageId: 'versionNotFirst' }] },
    { name: 'a tag without "=" (checkdmarc DMARCSyntaxError)', zone: at('v=DMARC1; p=reject; tagonly'), findings: [{ messageId: 'syntax', data: { record: 'v=DMARC1; p=reject; tagonly' } }] },
    { name: 'empty tag between ";;"', zone: at('v=DMARC1; p=reject;; rua=mailto:d@example.com'), findings: [{ messageId: 'syntax' }] },
    { name: 'duplicate p (mox, checkdmarc)', zone: at('v=DMARC1; p=reject; p=none'), findings: [{ messageId: 'duplicateTag', data: { tag: 'p' } }] },
    { name: 'p not second (checkdmarc warns, mox rejects; we give a notice)', zone: at('v=DMARC1; sp=none; p=reject'), findings: [{ messageId: 'pNotSecond', severity: 'notice' }] },
    {
      name: 'unrelated TXT beside the record (checkdmarc UnrelatedTXTRecordFoundAtDMARC; a warning here)',
      zone: `${at('v=DMARC1; p=reject')}\n_dmarc TXT "v=spf1 -all"`,
      findings: [{ messageId: 'unrelatedRecord', severity: 'warning', data: { record: 'v=spf1 -all' } }],
    },
    {
      name: 'an inherited record is checked too, under its own name',
      zone: '_dmarc.example.com. TXT "v=DMARC1; p=reject; p=none"',
      domain: 'mail.example.com',
      findings: [{ messageId: 'duplicateTag', subjectName: '_dmarc.example.com' }],
    },
  ],
});
