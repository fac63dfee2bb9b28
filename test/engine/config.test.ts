// The config's own schemas, and the README's example config. validateConfig() compiles them without checking them against the JSON
// Schema meta-schema (that check cost ~30 ms of every run's start-up), so this test is the check.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { allRules } from '../../rules/index.js';
import { loadSchema } from '../../src/schemas.js';
import { validateConfig } from '../../src/engine/config.js';

test('the config schema and every rule options schema are valid JSON Schema', () => {
  const ajv = new Ajv({ strict: false });
  const schemas: Array<[string, unknown]> = [['schemas/config.schema.json', loadSchema('config')]];
  for (const rule of allRules) if (rule.meta.optionsSchema) schemas.push([`rule ${rule.id}`, rule.meta.optionsSchema]);
  assert.ok(schemas.length > 1, 'some rules take options');
  for (const [what, schema] of schemas) {
    assert.equal(ajv.validateSchema(schema as object), true, `${what}: ${ajv.errorsText(ajv.errors)}`);
  }
});

test("README's config example is a config maildns accepts", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Config'));
  const block = /```json\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the Config section has a json example');
  const config = validateConfig(JSON.parse(block[1]!), 'README.md', allRules);
  assert.equal(config.rules?.['spf-ptr-used'], 'off');
});
