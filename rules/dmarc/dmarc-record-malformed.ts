import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import type { DmarcProblemCode } from '../../src/dmarc/parse-record.js';
import { dmarcRecordsToLint, problemsOf, recordEvidence, recordSubject } from '../../src/dmarc/subject.js';

// Problems with the record's shape; values of known tags are dmarc-invalid-tag-value's business.
const NOT_DMARC: readonly DmarcProblemCode[] = ['leadingWhitespace', 'badVersion', 'versionNotFirst'];
const SHAPE: readonly DmarcProblemCode[] = ['syntax', 'duplicateTag', 'pNotSecond'];

export default defineRule({
  id: 'dmarc-record-malformed',
  area: 'dmarc',
  meta: {
    docs: {
      description: 'A DMARC record must start with v=DMARC1 and be a well-formed tag list',
      references: ['RFC 7489 §6.3', 'RFC 7489 §6.4', 'RFC 9989 §4.7'],
    },
    messages: {
      leadingWhitespace: { severity: 'error', text: 'TXT at "{{name}}" starts with whitespace before v=DMARC1, so strict receivers do not see a DMARC record: "{{record}}".', fix: 'Publish it without the leading whitespace: "{{trimmed}}".' },
      badVersion: { severity: 'error', text: 'TXT at "{{name}}" has version "{{version}}", not "DMARC1" (case-sensitive), so receivers ignore it: "{{record}}".', fix: 'Start the record with exactly "v=DMARC1;".' },
      versionNotFirst: { severity: 'error', text: 'TXT at "{{name}}" has v=DMARC1 but not as the first tag, so receivers ignore it: "{{record}}".', fix: 'Move "v=DMARC1;" to the start of the record.' },
      syntax: { severity: 'error', text: 'DMARC record at "{{name}}" is not a valid tag list ({{detail}}): "{{record}}".', fix: 'Write every tag as name=value, separated by ";".' },
      duplicateTag: { severity: 'error', text: 'DMARC record at "{{name}}" is invalid ({{detail}}): "{{record}}".', fix: 'Keep one "{{tag}}=" tag.' },
      pNotSecond: { severity: 'notice', text: 'DMARC record at "{{name}}" does not put p= right after v=; RFC 9989 allows that, but RFC 7489 parsers such as mox reject it: "{{record}}".', fix: 'Reorder the record as "v=DMARC1; p=…; …".' },
      unrelatedRecord: { severity: 'warning', text: 'TXT at "{{name}}" is not a DMARC record and is ignored there: "{{record}}".', fix: 'Delete it from "{{name}}"; publish it where it belongs.' },
    },
  },
  check(facts, { report }) {
    const { dmarc } = facts;
    for (const record of dmarc.records) {
      if (record.parsed.isDmarc) continue;
      const problem = record.parsed.problems[0];
      const messageId = problem && NOT_DMARC.includes(problem.code) ? problem.code : 'unrelatedRecord';
      report({
        messageId,
        subject: { name: record.name, type: 'TXT', value: record.value, source: dmarc.lookup.server },
        data: { name: record.name, record: record.value, trimmed: record.value.trim(), version: problem?.value ?? '', detail: problem?.detail ?? '' },
        evidence: [evidenceOf(dmarc.lookup)],
      });
    }
    for (const record of dmarcRecordsToLint(facts)) {
      for (const problem of problemsOf(record, SHAPE)) {
        report({
          messageId: problem.code,
          subject: recordSubject(record),
          data: { name: record.name, record: record.value, detail: problem.detail, tag: problem.tag ?? '' },
          evidence: recordEvidence(record),
        });
      }
    }
  },
});
