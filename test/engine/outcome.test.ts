import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainStatus, exitCodeFor } from '../../src/engine/outcome.js';
import type { Finding, Severity } from '../../src/engine/types.js';

const f = (severity: Severity, indeterminate = false): Finding => ({
  ruleId: 'r', messageId: 'm', severity, message: '', subject: { name: 'x' }, data: {}, evidence: [], ...(indeterminate ? { indeterminate } : {}),
});

test('domain status: indeterminate wins, then the worst severity; info never counts', () => {
  const cases: Array<[Finding[], string]> = [
    [[], 'ok'],
    [[f('info')], 'ok'],
    [[f('notice'), f('info')], 'notice'],
    [[f('warning'), f('notice')], 'warning'],
    [[f('error'), f('warning')], 'error'],
    [[f('warning'), f('error', true)], 'indeterminate'],
  ];
  for (const [findings, status] of cases) assert.equal(domainStatus(findings), status, JSON.stringify(findings.map((x) => x.severity)));
});

test('exit codes: 3 if anything is indeterminate, else 1 at or above --fail-on, else 0', () => {
  const d = (findings: Finding[]) => ({ status: domainStatus(findings), findings });
  const cases: Array<[ReturnType<typeof d>[], Parameters<typeof exitCodeFor>[1], number]> = [
    [[d([])], 'error', 0],
    [[d([f('warning')])], 'error', 0],
    [[d([f('warning')])], 'warning', 1],
    [[d([f('notice')])], 'warning', 0],
    [[d([f('info')])], 'info', 1],
    [[d([f('error')])], 'none', 0],
    [[d([f('error')]), d([f('error', true)])], 'error', 3],
    [[d([f('error', true)])], 'none', 3],
  ];
  for (const [domains, failOn, code] of cases) assert.equal(exitCodeFor(domains, failOn), code, `${failOn}: ${JSON.stringify(domains.map((x) => x.status))}`);
});
