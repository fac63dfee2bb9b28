// Every rule has its file, its doc and its test, is registered, and its doc describes exactly the
// messages it can emit (ESLint's docs/tests parity, applied to maildns).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../rules/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const AREAS = ['dns', 'spf', 'dkim', 'dmarc', 'mx', 'ses'];

/** messageId -> severity, from the doc's "## Messages" table (first column in backticks). */
function documentedMessages(doc: string): Map<string, string> {
  const section = doc.split(/^## Messages\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const messages = new Map<string, string>();
  for (const match of section.matchAll(/^\|\s*`([A-Za-z0-9]+)`\s*\|\s*([a-z]+)/gm)) messages.set(match[1]!, match[2]!);
  return messages;
}

test('rule ids are unique and kebab-case, with the area as prefix', () => {
  const ids = allRules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
  for (const rule of allRules) {
    assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, rule.id);
    assert.ok(rule.id.startsWith(`${rule.area}-`), `${rule.id} should start with "${rule.area}-"`);
    assert.ok(rule.meta.docs.references.length > 0, `${rule.id} names no reference`);
    assert.ok(Object.keys(rule.meta.messages).length > 0, `${rule.id} has no messages`);
  }
});

for (const rule of allRules) {
  test(`${rule.id}: file, doc, test and doc messages agree`, () => {
    assert.ok(existsSync(`${root}rules/${rule.area}/${rule.id}.ts`), 'rule file rules/<area>/<id>.ts');
    assert.ok(existsSync(`${root}test/rules/${rule.area}/${rule.id}.test.ts`), 'table test test/rules/<area>/<id>.test.ts');
    const docPath = `${root}rules/${rule.area}/${rule.id}.md`;
    assert.ok(existsSync(docPath), 'doc rules/<area>/<id>.md');
    const doc = readFileSync(docPath, 'utf8');
    assert.match(doc, new RegExp(`^# ${rule.id}\\b`), 'doc starts with "# <id>"');
    const documented = documentedMessages(doc);
    for (const [id, message] of Object.entries(rule.meta.messages)) {
      assert.ok(documented.has(id), `doc lacks message ${id}`);
      assert.equal(documented.get(id), message.severity, `doc gives ${id} the wrong severity`);
    }
    for (const id of documented.keys()) assert.ok(id in rule.meta.messages, `doc names message ${id}, which the rule lacks`);
  });
}

test('every rule file is registered (files starting with "_" are shared helpers)', () => {
  const registered = new Set(allRules.map((r) => `${r.area}/${r.id}`));
  for (const area of AREAS) {
    const dir = `${root}rules/${area}`;
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.ts') || file === 'index.ts' || file.startsWith('_')) continue;
      assert.ok(registered.has(`${area}/${file.replace(/\.ts$/, '')}`), `rules/${area}/${file} is not registered in rules/${area}/index.ts`);
    }
  }
});
