// JUnit XML for CI systems: one testsuite per domain, one testcase per rule that ran; a failure per
// finding at or above --fail-on, an error for what could not be checked.

import type { DomainReport, FailOn, Finding, Report } from '../engine/types.js';
import { failsAt } from '../engine/outcome.js';
import { escapeXml } from './escape.js';

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
}

export function renderJunit(report: Report): string {
  const suites = report.domains.map((d) => renderSuite(d, report.failOn));
  const total = (key: 'tests' | 'failures' | 'errors'): number => suites.reduce((sum, s) => sum + s[key], 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="maildns" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}">\n${suites.map((s) => s.xml).join('\n')}\n</testsuites>\n`;
}

function renderSuite(domain: DomainReport, failOn: FailOn): Suite {
  const cases: Array<{ name: string; errors: string[]; failures: string[] }> = domain.rulesRun.map((ruleId) => {
    const own = domain.findings.filter((f) => f.ruleId === ruleId);
    return {
      name: ruleId,
      errors: own.filter((f) => f.indeterminate).map((f) => element('error', f)),
      failures: own.filter((f) => failsAt(f, failOn)).map((f) => element('failure', f)),
    };
  });
  // A domain whose checks could not run at all still shows up, as one erroring case.
  if (domain.error) cases.push({ name: 'maildns', errors: [`<error message="${escapeXml(domain.error)}"/>`], failures: [] });
  const errors = cases.filter((c) => c.errors.length > 0).length;
  const failures = cases.filter((c) => c.errors.length === 0 && c.failures.length > 0).length;
  const name = escapeXml(domain.domain);
  const body = cases.map((c) => `    <testcase classname="${name}" name="${escapeXml(c.name)}">${[...c.errors, ...c.failures].join('')}</testcase>`);
  return {
    xml: `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="${errors}">\n${body.join('\n')}\n  </testsuite>`,
    tests: cases.length,
    failures,
    errors,
  };
}

function element(tag: 'error' | 'failure', f: Finding): string {
  const lines = [`${f.severity}: ${f.message}`, `subject: ${f.subject.type ?? ''} ${f.subject.name}${f.subject.value !== undefined ? ` "${f.subject.value}"` : ''}`];
  if (f.fix) lines.push(`fix: ${f.fix}`);
  return `<${tag} type="${escapeXml(`${f.ruleId}/${f.messageId}`)}" message="${escapeXml(f.message)}">${escapeXml(lines.join('\n'), 4096)}</${tag}>`;
}
