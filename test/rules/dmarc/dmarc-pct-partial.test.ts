import rule from '../../../rules/dmarc/dmarc-pct-partial.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const at = (record: string): string => `_dmarc TXT "${record.replace(/["\\]/g, (c) => `\\${c}`)}"`;

runRuleCases(rule, {
  valid: [
    { name: 'no pct', zone: at('v=DMARC1; p=reject') },
    { name: 'pct=100', zone: at('v=DMARC1; p=reject; pct=100') },
    { name: 'invalid pct is dmarc-invalid-tag-value\'s business', zone: at('v=DMARC1; p=reject; pct=bogus') },
  ],
  invalid: [
    { name: 'pct=25 (mox)', zone: at('v=DMARC1; p=quarantine; pct=25'), findings: [{ messageId: 'partialPolicy', data: { pct: 25, policy: 'quarantine' } }] },
    { name: 'pct=0', zone: at('v=DMARC1; p=reject; pct=0'), findings: [{ messageId: 'partialPolicy', data: { pct: 0 } }] },
  ],
});
