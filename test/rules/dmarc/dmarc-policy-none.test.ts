import rule from '../../../rules/dmarc/dmarc-policy-none.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsForCase, runRuleCases } from '../../helpers/rule-tester.js';

const at = (record: string): string => `_dmarc TXT "${record.replace(/["\\]/g, (c) => `\\${c}`)}"`;

runRuleCases(rule, {
  valid: [
    { name: 'p=reject', zone: at('v=DMARC1; p=reject') },
    { name: 'p=quarantine', zone: at('v=DMARC1; p=quarantine') },
    { name: 'invalid p is dmarc-invalid-tag-value\'s business', zone: at('v=DMARC1; p=bob; rua=mailto:d@example.com') },
    { name: 'no record is dmarc-missing\'s business', zone: '@ A 192.0.2.1' },
    { name: 'no p and no rua is dmarc-missing\'s business too', zone: at('v=DMARC1; adkim=s') },
  ],
  invalid: [
    { name: 'p=none', zone: at('v=DMARC1; p=none'), findings: [{ messageId: 'policyNone', subjectName: '_dmarc.example.com', data: { tag: 'p', domain: 'example.com' } }] },
    { name: 'positive result for p=reject', zone: at('v=DMARC1; p=reject'), findings: [{ messageId: 'policyEnforced', severity: 'info', data: { tag: 'p', policy: 'reject' } }] },
    {
      name: 'no p but a valid rua acts as p=none (RFC 7489 §6.6.3; checkdmarc, mailauth)',
      zone: at('v=DMARC1; rua=mailto:dmarc@example.com'),
      findings: [{ messageId: 'policyMissing' }],
    },
    {
      name: 'inherited record: sp= is what applies to the subdomain',
      zone: '_dmarc.example.com. TXT "v=DMARC1; p=reject; sp=none"',
      domain: 'mail.example.com',
      findings: [{ messageId: 'policyNone', subjectName: '_dmarc.example.com', data: { tag: 'sp', domain: 'mail.example.com', inherited: true } }],
    },
    {
      name: 'inherited record without sp: p applies',
      zone: '_dmarc.example.com. TXT "v=DMARC1; p=quarantine"',
      domain: 'mail.example.com',
      findings: [{ messageId: 'policyEnforced', data: { tag: 'p', policy: 'quarantine', inherited: true } }],
    },
    {
      name: 't=y testing mode (RFC 9989)',
      zone: at('v=DMARC1; p=reject; t=y'),
      findings: [{ messageId: 'testingMode', data: { policy: 'reject' } }, { messageId: 'policyEnforced' }],
    },
  ],
});

// RFC 7489 §6.6.3: an invalid sp= voids the policy (p=none with a valid rua, else no DMARC), so p=reject is
// not what applies, and not even the positive info finding may say so; dmarc-invalid-tag-value reports it.
test('dmarc-policy-none: an invalid sp= gets no finding, not "applies p=reject"', async () => {
  for (const record of ['v=DMARC1; p=reject; sp=rejct', 'v=DMARC1; p=reject; sp=rejct; rua=mailto:d@example.com']) {
    assert.deepEqual(await findingsForCase(rule, { name: record, zone: at(record) }), [], record);
  }
});
