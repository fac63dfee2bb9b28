import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule, { estimateTxtAnswerSize } from '../../../rules/spf/spf-record-size.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

const ip4s = (n: number): string => Array.from({ length: n }, (_, i) => `ip4:192.0.2.${i}`).join(' ');
// A record of `n` ip4 terms, split into strings of at most 255 octets.
const zoneFor = (text: string): string => `@ TXT ${(text.match(/.{1,250}/g) ?? []).map((s) => `"${s}"`).join(' ')}`;

test('estimateTxtAnswerSize counts header, question and each string with its length octet', () => {
  // 12 header + (1+7+1+3+1 = 13 name) + 4 question + 12 RR + 1 + 11 ("v=spf1 -all")
  assert.equal(estimateTxtAnswerSize('example.com', [{ name: 'example.com', type: 'TXT', ttl: 1, value: 'v=spf1 -all', strings: ['v=spf1 -all'] }]), 12 + 13 + 4 + 12 + 12);
});

runRuleCases(rule, {
  valid: [{ name: 'short record', zone: '@ TXT "v=spf1 include:amazonses.com ~all"' }],
  invalid: [
    {
      name: 'over the 450-octet rule of thumb, under 512 on the wire',
      zone: zoneFor(`v=spf1 ${ip4s(30)} -all`),
      findings: [{ messageId: 'overRuleOfThumb', data: { limit: 450 } }],
    },
    {
      name: 'answer over 512 octets',
      zone: zoneFor(`v=spf1 ${ip4s(40)} -all`),
      findings: [{ messageId: 'answerOverUdpLimit', data: { limit: 512 } }],
    },
  ],
});
