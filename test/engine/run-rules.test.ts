// runRules: each finding goes to the rule that reported it, options are the defaults overlaid with the
// configured ones (and cannot be changed by a rule), a crashing rule becomes an indeterminate finding.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../src/engine/run-rules.js';
import { sortFindings } from '../../src/engine/outcome.js';
import { defineRule } from '../../src/engine/define-rule.js';
import type { DomainFacts } from '../../src/engine/facts.js';
import type { Finding, Rule } from '../../src/engine/types.js';

const facts = (domain: string): DomainFacts => ({ domain } as unknown as DomainFacts);

const reporter = (id: string, severity: 'warning' | 'info' = 'warning'): Rule =>
  defineRule({
    id,
    area: 'dns',
    meta: {
      docs: { description: id, references: [] },
      messages: { seen: { severity, text: '{{rule}} saw {{domain}} with {{ limit }} and {{missing}}', fix: 'fix {{rule}}' } },
      defaultOptions: { limit: 3, names: ['a'] },
    },
    check(f, { report, options, domain }) {
      report({ messageId: 'seen', subject: { name: domain }, data: { rule: id, domain: f.domain, limit: options.limit as number } });
    },
  });

test('each finding belongs to the rule that reported it, with its message, fix and severity', () => {
  const { findings, rulesRun } = runRules([reporter('z-rule'), reporter('a-rule', 'info'), reporter('m-rule')], facts('example.com'), {
    'm-rule': { severity: 'error' },
    'a-rule': { severity: 'error' }, // an info result stays info
  });
  assert.deepEqual(rulesRun, ['a-rule', 'm-rule', 'z-rule']);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.message, f.fix]), [
    ['z-rule', 'warning', 'z-rule saw example.com with 3 and {{missing}}', 'fix z-rule'],
    ['a-rule', 'info', 'a-rule saw example.com with 3 and {{missing}}', 'fix a-rule'],
    ['m-rule', 'error', 'm-rule saw example.com with 3 and {{missing}}', 'fix m-rule'],
  ]);
});

test('options: configured over defaults; a new settings object is read afresh; "off" skips the rule', () => {
  const rule = reporter('opt-rule');
  const limitOf = (settings: Parameters<typeof runRules>[2]) => runRules([rule], facts('example.com'), settings).findings.map((f) => f.data.limit);
  assert.deepEqual(limitOf({}), [3]);
  assert.deepEqual(limitOf({ 'opt-rule': { options: { limit: 7 } } }), [7]);
  assert.deepEqual(limitOf({ 'opt-rule': { options: { limit: 9 } } }), [9]);
  assert.deepEqual(limitOf({}), [3]);
  assert.deepEqual(limitOf({ 'opt-rule': { severity: 'off' } }), []);
});

test('a rule cannot change the options it shares with other domains: the attempt is its crash, nothing else changes', () => {
  const meddler = defineRule({
    id: 'meddler',
    area: 'dns',
    meta: { docs: { description: 'x', references: [] }, messages: {}, defaultOptions: { limit: 3 } },
    check(_f, { options }) {
      options.limit = 1;
    },
  });
  const rules = [meddler, reporter('after')];
  const first = runRules(rules, facts('one.example'));
  const second = runRules(rules, facts('two.example'));
  for (const { findings } of [first, second]) {
    assert.deepEqual(findings.map((f) => [f.ruleId, f.messageId, f.indeterminate ?? false]), [['meddler', 'ruleCrashed', true], ['after', 'seen', false]]);
  }
  assert.equal(second.findings[1]?.data.limit, 3);
  assert.match(second.findings[0]!.message, /^Rule "meddler" failed: /);
});

test('findings sort by rule, subject name, type, message id, then value', () => {
  const f = (ruleId: string, name: string, messageId: string, value?: string): Finding => ({
    ruleId, messageId, severity: 'info', message: '', subject: { name, type: 'TXT', ...(value !== undefined ? { value } : {}) }, data: {}, evidence: [],
  });
  const findings = [f('b', 'x', 'm'), f('a', 'y', 'm'), f('a', 'x', 'n'), f('a', 'x', 'm', 'v2'), f('a', 'x', 'm', 'v1'), f('a', 'x', 'm')];
  sortFindings(findings);
  assert.deepEqual(findings.map((x) => [x.ruleId, x.subject.name, x.messageId, x.subject.value ?? '']), [
    ['a', 'x', 'm', ''], ['a', 'x', 'm', 'v1'], ['a', 'x', 'm', 'v2'], ['a', 'x', 'n', ''], ['a', 'y', 'm', ''], ['b', 'x', 'm', ''],
  ]);
});

test('findings sort field by field exactly as by one NUL-joined key per finding, NULs in names included', () => {
  const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;
  const names = ['x', 'x.example', 'x\u0000', 'x\u0000a', 'xa', '', 'y'];
  const values = [undefined, '', 'v', 'v\u0000', 'v1', 'p=' + 'A'.repeat(400)];
  const types = [undefined, 'TXT', 'MX', 'TX'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let round = 0; round < 200; round++) {
    const findings: Finding[] = Array.from({ length: 2 + (next() % 12) }, () => {
      const type = pick(types, next());
      const value = pick(values, next());
      return {
        ruleId: pick(['a', 'ab', 'b'], next()), messageId: pick(['m', 'mm', 'n'], next()), severity: 'info', message: '',
        subject: { name: pick(names, next()), ...(type !== undefined ? { type } : {}), ...(value !== undefined ? { value } : {}) }, data: {}, evidence: [],
      };
    });
    const key = (f: Finding): string => `${f.ruleId}\u0000${f.subject.name}\u0000${f.subject.type ?? ''}\u0000${f.messageId}\u0000${f.subject.value ?? ''}`;
    const expected = [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    sortFindings(findings);
    assert.deepEqual(findings.map(key), expected.map(key));
  }
});

test('formatMessage fills placeholders: spaces inside braces, lists joined, missing and null left visible', async () => {
  const { formatMessage } = await import('../../src/engine/define-rule.js');
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['no placeholders', { a: 1 }, 'no placeholders'],
    ['{{a}}', { a: 1 }, '1'],
    ['{{a}}{{b}}', { a: 'x', b: false }, 'xfalse'],
    ['{{ a }} and {{a}} again', { a: 'x' }, 'x and x again'],
    ['list: {{names}}.', { names: ['a.example', 'b.example'] }, 'list: a.example, b.example.'],
    ['kept {{ missing }} and {{gone}}', { gone: null }, 'kept {{ missing }} and {{gone}}'],
    ['{{not a key}} {x} {{}}', { x: 1 }, '{{not a key}} {x} {{}}'],
    ['zero {{n}}', { n: 0 }, 'zero 0'],
  ];
  for (const [template, data, expected] of cases) {
    assert.equal(formatMessage(template, data), expected, template);
    assert.equal(formatMessage(template, data), expected, `${template} (again, from the compiled template)`);
  }
});
