import { defineRule } from '../../src/engine/define-rule.js';
import { dmarcRecordsToLint, problemsOf, recordEvidence, recordSubject } from '../../src/dmarc/subject.js';

export default defineRule({
  id: 'dmarc-historic-tags',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'pct=, ri=, rf= and the "!size" suffix were removed by RFC 9989',
      references: ['RFC 9989 Appendix A.6', 'RFC 7489 §6.3'],
    },
    messages: {
      historicTag: {
        severity: 'notice',
        text: 'DMARC at "{{name}}" uses {{tag}}={{value}}, which RFC 9989 removed; newer receivers ignore it, older ones still apply it.',
        fix: 'Remove {{tag}}= when you next edit the record.',
      },
      sizeLimit: {
        severity: 'notice',
        text: 'DMARC at "{{name}}" limits report size in "{{uri}}"; RFC 9989 receivers ignore "!size".',
        fix: 'Drop the "!…" suffix from the {{tag}}= URI.',
      },
    },
  },
  check(facts, { report }) {
    for (const record of dmarcRecordsToLint(facts)) {
      for (const problem of problemsOf(record, ['historicTag', 'sizeLimit'])) {
        report({
          messageId: problem.code,
          subject: recordSubject(record),
          data: { name: record.name, tag: problem.tag ?? '', value: problem.value ?? '', uri: problem.value ?? '' },
          evidence: recordEvidence(record),
        });
      }
    }
  },
});
