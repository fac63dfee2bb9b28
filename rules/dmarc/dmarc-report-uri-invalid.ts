import { defineRule } from '../../src/engine/define-rule.js';
import { dmarcRecordsToLint, problemsOf, recordEvidence, recordSubject } from '../../src/dmarc/subject.js';

export default defineRule({
  id: 'dmarc-report-uri-invalid',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'rua= and ruf= must be lists of mailto: URIs',
      references: ['RFC 7489 §6.4 (dmarc-uri)', 'RFC 6068', 'RFC 9990 §2'],
    },
    messages: {
      invalidUri: {
        severity: 'error',
        text: 'DMARC at "{{name}}" has {{tag}} URI "{{uri}}", which {{reason}}; no report reaches it.',
        fix: 'Write it as "mailto:reports@example.com" (several separated by ","; a comma inside a URI as %2C).',
      },
      unsupportedUriScheme: {
        severity: 'warning',
        text: 'DMARC at "{{name}}" has {{tag}} URI "{{uri}}"; receivers send reports by mailto: only.',
        fix: 'Use a mailto: address for {{tag}}=.',
      },
    },
  },
  check(facts, { report }) {
    for (const record of dmarcRecordsToLint(facts)) {
      const uris = [...(record.parsed.record?.rua ?? []), ...(record.parsed.record?.ruf ?? [])];
      for (const problem of problemsOf(record, ['invalidUri', 'unsupportedUriScheme'])) {
        const uri = uris.find((u) => u.uri === problem.value);
        report({
          messageId: problem.code,
          subject: recordSubject(record),
          data: { name: record.name, tag: problem.tag ?? '', uri: problem.value ?? '', reason: uri?.reason ?? '' },
          evidence: recordEvidence(record),
        });
      }
    }
  },
});
