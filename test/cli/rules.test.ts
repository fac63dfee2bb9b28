import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../rules/index.js';
import { runCli } from '../helpers/cli.js';

test('maildns rules lists every rule with its default severity and description', async () => {
  const { code, stdout } = await runCli(['rules']);
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, allRules.length);
  for (const rule of allRules) {
    const line = lines.find((l) => l.startsWith(`${rule.id} `));
    assert.ok(line, rule.id);
    assert.ok(line.includes(rule.meta.docs.description));
  }
});

test('maildns rules --format json gives ids, severities and messages as data', async () => {
  const { stdout } = await runCli(['rules', '--format', 'json']);
  const list = JSON.parse(stdout) as Array<{ id: string; severity: string; messages: Record<string, string> }>;
  assert.deepEqual(list.map((r) => r.id), allRules.map((r) => r.id));
  const indeterminate = list.find((r) => r.id === 'dns-lookup-indeterminate')!;
  assert.deepEqual(indeterminate.messages, { lookupFailed: 'error' });
});

test('maildns explain prints the rule doc', async () => {
  for (const rule of allRules) {
    const { code, stdout } = await runCli(['explain', rule.id]);
    assert.equal(code, 0, rule.id);
    assert.match(stdout, new RegExp(`^# ${rule.id}\\n`));
    for (const messageId of Object.keys(rule.meta.messages)) assert.ok(stdout.includes(`\`${messageId}\``), `${rule.id} doc names ${messageId}`);
  }
});
