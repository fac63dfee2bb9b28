import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { recordSubject } from '../../src/dmarc/subject.js';

// What receivers do with failing mail from this domain. An inherited record applies through sp=
// (RFC 7489 §6.3: sp= is the policy for subdomains), falling back to p=.
export default defineRule({
  id: 'dmarc-policy-none',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'The DMARC policy that applies should reject or quarantine failing mail',
      references: ['RFC 7489 §6.3', 'RFC 7489 §6.6.3', 'RFC 9989 §4.7'],
    },
    messages: {
      policyNone: {
        severity: 'warning',
        text: 'DMARC at "{{name}}" has {{tag}}=none for "{{domain}}"; mail that fails DMARC is still delivered.',
        fix: 'Once the aggregate reports show all your senders (SES included) pass, set {{tag}}=quarantine, then {{tag}}=reject.',
      },
      policyMissing: {
        severity: 'warning',
        text: 'DMARC at "{{name}}" has no p= tag; because rua= is valid, receivers act as if p=none, so failing mail is delivered.',
        fix: 'Add p=none right after v=DMARC1 now, and move to quarantine or reject when the reports are clean.',
      },
      testingMode: {
        severity: 'notice',
        text: 'DMARC at "{{name}}" has t=y (RFC 9989 testing): receivers apply one step less than {{policy}}.',
        fix: 'Remove t=y when the policy should apply in full.',
      },
      policyEnforced: {
        severity: 'info',
        text: 'DMARC at "{{name}}" applies {{tag}}={{policy}} to "{{domain}}".',
      },
    },
  },
  check(facts, { report, domain }) {
    const policy = facts.dmarc.policy;
    const record = policy?.parsed.record;
    if (!policy || !record) return;
    const base = { subject: recordSubject(policy), evidence: [evidenceOf(policy.lookup)] };
    const tag = policy.inherited && record.sp ? 'sp' : 'p';
    const applied = tag === 'sp' ? record.sp : record.p;
    const data = { name: policy.name, domain, tag, policy: applied ?? 'none', inherited: policy.inherited };
    const hasP = record.tags.some((t) => t.name === 'p');
    if (!hasP) {
      // Without p= and without a valid rua= nothing applies: dmarc-missing reports that.
      if (policy.parsed.effectivePolicy) report({ ...base, messageId: 'policyMissing', data });
      return;
    }
    if (!applied) return; // an invalid value: dmarc-invalid-tag-value reports it
    // RFC 7489 §6.6.3: a record whose sp= is invalid counts as p=none (with a valid rua=) or as no
    // record at all, even for the domain itself, so p= is not what receivers apply.
    if (!record.sp && record.tags.some((t) => t.name === 'sp')) return;
    report({ ...base, messageId: applied === 'none' ? 'policyNone' : 'policyEnforced', data });
    if (record.t === 'y' && applied !== 'none') report({ ...base, messageId: 'testingMode', data });
  },
});
