// JUnit XML for CI systems: one testsuite per domain, one testcase per rule that ran; a failure per
// finding at or above --fail-on, an error for what could not be checked.

import type { Finding, Report } from '../engine/types.js';
import { failsAt } from '../engine/outcome.js';
import { escapeXml } from './escape.js';

export function renderJunit(report: Report): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const d of report.domains) {
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    const ruleIds = d.rulesRun.length > 0 ? d.rulesRun : ['maildns'];
    for (const ruleId of ruleIds) {
      const own = d.findings.filter((f) => f.ruleId === ruleId || (ruleId === 'maildns' && d.rulesRun.length === 0));
      const failing = own.filter((f) => failsAt(f, report.failOn));
      const broken = own.filter((f) => f.indeterminate);
      let body = '';
      if (d.error && ruleId === 'maildns') {
        body += `<error message="${escapeXml(d.error)}"/>`;
        suiteErrors++;
      }
      for (const f of broken) body += `<error type="${escapeXml(`${f.ruleId}/${f.messageId}`)}" message="${escapeXml(f.message)}">${escapeXml(detail(f))}</error>`;
      for (const f of failing) body += `<failure type="${escapeXml(`${f.ruleId}/${f.messageId}`)}" message="${escapeXml(f.message)}">${escapeXml(detail(f))}</failure>`;
      if (broken.length > 0) suiteErrors++;
      else if (failing.length > 0) suiteFailures++;
      cases.push(`    <testcase classname="${escapeXml(d.domain)}" name="${escapeXml(ruleId)}">${body}</testcase>`);
    }
    tests += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(
      `  <testsuite name="${escapeXml(d.domain)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="maildns" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function detail(f: Finding): string {
  const lines = [`${f.severity}: ${f.message}`, `subject: ${f.subject.type ?? ''} ${f.subject.name}${f.subject.value !== undefined ? ` "${f.subject.value}"` : ''}`];
  if (f.fix) lines.push(`fix: ${f.fix}`);
  return lines.join('\n');
}
