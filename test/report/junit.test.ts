import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJunit } from '../../src/report/render-junit.js';
import type { Finding, Report } from '../../src/engine/types.js';
import { emptyStats } from '../../src/dns/types.js';

const finding = (ruleId: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({
  ruleId, messageId: 'm', severity, message: `${ruleId} says ${severity}`, subject: { name: 'example.com' }, data: {}, evidence: [], ...extra,
});

function report(failOn: Report['failOn']): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'maildns', version: '0.0.0' },
    failOn,
    domains: [
      { domain: 'a.test', status: 'warning', records: [], rulesRun: ['r-clean', 'r-error', 'r-warn'], findings: [finding('r-error', 'error'), finding('r-warn', 'warning'), finding('r-clean', 'info')] },
      { domain: 'b.test', status: 'indeterminate', records: [], rulesRun: ['r-dns'], findings: [finding('r-dns', 'error', { indeterminate: true })] },
      { domain: 'c.test', status: 'indeterminate', records: [], rulesRun: [], findings: [], error: 'gathering failed: boom' },
    ],
    stats: { domains: 3, byStatus: { ok: 0, notice: 0, warning: 1, error: 0, indeterminate: 2 }, dns: emptyStats() },
  };
}

const count = (xml: string, pattern: RegExp): number => (xml.match(pattern) ?? []).length;

test('one testsuite per domain, one testcase per rule run, failures at or above --fail-on', () => {
  const xml = renderJunit(report('error'));
  assert.equal(count(xml, /<testsuite /g), 3);
  assert.match(xml, /<testsuite name="a\.test" tests="3" failures="1" errors="0">/);
  assert.match(xml, /<testcase classname="a\.test" name="r-error"><failure type="r-error\/m"/);
  assert.match(xml, /<testcase classname="a\.test" name="r-warn"><\/testcase>/, 'a warning passes with --fail-on error');
  assert.match(xml, /<testsuite name="b\.test" tests="1" failures="0" errors="1">/, 'indeterminate is an error, not a failure');
  assert.match(xml, /<testsuite name="c\.test" tests="1" failures="0" errors="1">[\s\S]*gathering failed: boom/, 'a domain that could not be checked still appears');
});

test('--fail-on warning turns warnings into failures; none turns off failures', () => {
  assert.match(renderJunit(report('warning')), /<testsuite name="a\.test" tests="3" failures="2" errors="0">/);
  assert.match(renderJunit(report('none')), /<testsuite name="a\.test" tests="3" failures="0" errors="0">/);
});
