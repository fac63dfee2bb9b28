import { defineRule } from '../../src/engine/define-rule.js';
import { dmarcRecordsToLint, problemsOf, recordEvidence, recordSubject } from '../../src/dmarc/subject.js';

export default defineRule({
  id: 'dmarc-invalid-tag-value',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'Every DMARC tag must have a value its grammar allows',
      references: ['RFC 7489 §6.3', 'RFC 7489 §6.4', 'RFC 9989 §4.7'],
    },
    messages: {
      invalidValue: {
        severity: 'error',
        text: 'DMARC record at "{{name}}" has {{tag}}={{value}}; {{detail}}. Strict receivers discard the whole record.',
        fix: 'Correct {{tag}}= in "{{name}}", or remove the tag to get its default.',
      },
      unknownReportFormat: {
        severity: 'warning',
        text: 'DMARC record at "{{name}}" asks for failure reports in format rf={{value}}; only afrf is defined, so no receiver sends that format.',
        fix: 'Remove rf= (afrf is the default and RFC 9989 dropped the tag).',
      },
      unknownTag: {
        severity: 'notice',
        text: 'DMARC record at "{{name}}" has an unknown tag "{{tag}}", which receivers ignore.',
        fix: 'Check "{{tag}}" for a typo; remove it otherwise.',
      },
    },
  },
  check(facts, { report }) {
    for (const record of dmarcRecordsToLint(facts)) {
      for (const problem of problemsOf(record, ['invalidValue', 'unknownReportFormat', 'unknownTag'])) {
        report({
          messageId: problem.code,
          subject: recordSubject(record),
          data: { name: record.name, tag: problem.tag ?? '', value: problem.value ?? '', detail: problem.detail },
          evidence: recordEvidence(record),
        });
      }
    }
  },
});
