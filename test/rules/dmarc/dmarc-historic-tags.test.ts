import rule from '../../../rules/dmarc/dmarc-historic-tags.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const at = (record: string): string => `_dmarc TXT "${record.replace(/["\\]/g, (c) => `\\${c}`)}"`;

runRuleCases(rule, {
  valid: [
    { name: 'implicit defaults say nothing (checkdmarc testRFC9989RemovedTagImplicitNoWarning)', zone: at('v=DMARC1; p=reject') },
    { name: 'an invalid ri is reported as invalid, not as historic', zone: at('v=DMARC1; p=reject; ri=abc') },
  ],
  invalid: [
    { name: 'pct (checkdmarc testRFC9989PctRemovedWarning)', zone: at('v=DMARC1; p=reject; pct=100'), findings: [{ messageId: 'historicTag', data: { tag: 'pct', value: '100' } }] },
    { name: 'rf', zone: at('v=DMARC1; p=reject; rf=afrf'), findings: [{ messageId: 'historicTag', data: { tag: 'rf' } }] },
    { name: 'ri', zone: at('v=DMARC1; p=reject; ri=3600'), findings: [{ messageId: 'historicTag', data: { tag: 'ri' } }] },
    { name: '!size on rua (checkdmarc testRuaSizeLimitWarning)', zone: at('v=DMARC1; p=reject; rua=mailto:dmarc@example.com!10m'), findings: [{ messageId: 'sizeLimit', data: { tag: 'rua', uri: 'mailto:dmarc@example.com!10m' } }] },
  ],
});
