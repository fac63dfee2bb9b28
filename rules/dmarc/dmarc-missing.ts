import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { parseDmarcRecord } from '../../src/dmarc/parse-record.js';

// Only a definite answer counts as "no record": the own lookup and every step of the tree walk must
// have answered. dmarc-multiple-records speaks when several records cancel each other.
export default defineRule({
  id: 'dmarc-missing',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'A sending domain needs a DMARC record at _dmarc.<domain> or at its organisational domain',
      references: ['RFC 7489 §6.1', 'RFC 7489 §6.6.3', 'RFC 9989 §4.10'],
    },
    messages: {
      noRecord: {
        severity: 'error',
        text: 'No DMARC record at "_dmarc.{{domain}}", nor at its organisational domain "{{orgDomain}}"; receivers apply no DMARC policy to mail from "{{domain}}".',
        fix: 'Publish _dmarc.{{domain}} TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@{{domain}}", read the reports, then move to p=quarantine or p=reject.',
      },
      recordAtApex: {
        severity: 'error',
        text: '"{{domain}}" publishes its DMARC record at the apex, where receivers never look; there is none at "_dmarc.{{domain}}".',
        fix: 'Move the record to _dmarc.{{domain}}: TXT "{{record}}".',
      },
      noPolicy: {
        severity: 'error',
        text: 'DMARC at "{{name}}" has no p= tag and no valid rua=; receivers apply no DMARC processing to "{{domain}}", as if there were no record.',
        fix: 'Publish "v=DMARC1; p=none; rua=mailto:dmarc-reports@{{domain}}" at "{{name}}".',
      },
      inherited: {
        severity: 'info',
        text: '"{{domain}}" has no record of its own; the DMARC record at "{{name}}" applies to it.',
      },
    },
  },
  check(facts, { report, domain }) {
    const { dmarc } = facts;
    if (dmarc.indeterminate || dmarc.records.filter((r) => r.parsed.isDmarc).length > 1) return;
    if (dmarc.policy) {
      if (!dmarc.policy.parsed.effectivePolicy && !dmarc.policy.parsed.record?.tags.some((t) => t.name === 'p')) {
        // RFC 7489 §6.6.3: no p= and no valid rua= means no DMARC processing at all.
        report({
          messageId: 'noPolicy',
          subject: { name: dmarc.policy.name, type: 'TXT', value: dmarc.policy.value },
          data: { domain, name: dmarc.policy.name },
          evidence: [evidenceOf(dmarc.policy.lookup)],
        });
      }
      if (dmarc.policy.inherited) {
        report({
          messageId: 'inherited',
          subject: { name: dmarc.policy.name, type: 'TXT', value: dmarc.policy.value },
          data: { domain, name: dmarc.policy.name, policyDomain: dmarc.policy.domain },
          evidence: [evidenceOf(dmarc.lookup), evidenceOf(dmarc.policy.lookup)],
        });
      }
      return;
    }
    const evidence = [dmarc.lookup, ...dmarc.walk].map(evidenceOf);
    const apex = facts.txt.records.find((r) => parseDmarcRecord(r.value).isDmarc);
    if (apex) {
      report({ messageId: 'recordAtApex', subject: { name: domain, type: 'TXT', value: apex.value }, data: { domain, record: apex.value }, evidence: [evidenceOf(facts.txt)] });
      return;
    }
    report({
      messageId: 'noRecord',
      subject: { name: dmarc.lookup.name, type: 'TXT' },
      data: { domain, orgDomain: dmarc.orgDomain ?? domain, queried: [dmarc.lookup, ...dmarc.walk].map((l) => l.name) },
      evidence,
    });
  },
});
