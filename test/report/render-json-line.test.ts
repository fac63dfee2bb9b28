import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJsonLine } from '../../src/report/render-json.js';
import type { DomainReport } from '../../src/engine/types.js';

const shared = Object.freeze(['a-rule', 'b-rule', 'rule "quoted"']);
const report = (overrides: Partial<DomainReport> = {}): DomainReport => ({
  domain: 'example.com',
  status: 'warning',
  records: [{ name: 'example.com', type: 'TXT', ttl: 300, values: ['v=spf1 -all', 'line\u2028sep \ud800 "q" \\'], status: 'answer', source: '192.0.2.53:53', strings: [['v=spf1 -all']] }],
  findings: [{ ruleId: 'r', messageId: 'm', severity: 'warning', message: 'é \u0000 \n', subject: { name: 'example.com', type: 'TXT' }, data: { n: 1, list: ['x'], flag: true }, evidence: [] }],
  rulesRun: shared,
  ...overrides,
});

test('a JSON line is JSON.stringify of the report, whatever its shape', () => {
  const cases: DomainReport[] = [
    report(),
    report(), // the shared rulesRun's JSON, now from the cache
    report({ rulesRun: ['not', 'frozen'] }),
    report({ rulesRun: Object.freeze([]) }),
    report({ domain: 'xn--bcher-kva.example\u0001', records: [], findings: [] }),
    { ...report(), error: 'gathering failed: "x"' },
    { error: 'first', ...report() } as DomainReport,
    { status: 'ok', domain: 'reordered.example', records: [], findings: [], rulesRun: shared } as DomainReport,
    Object.assign(Object.create({ inherited: 1 }) as DomainReport, report()),
  ];
  for (const r of cases) assert.equal(renderJsonLine(r), `${JSON.stringify(r)}\n`, JSON.stringify(r).slice(0, 60));
});
