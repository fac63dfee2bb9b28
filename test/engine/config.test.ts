// The config's own schemas. validateConfig() compiles them without checking them against the JSON
// Schema meta-schema (that check cost ~30 ms of every run's start-up), so this test is the check.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { allRules } from '../../rules/index.js';
import { loadSchema } from '../../src/schemas.js';

test('the config schema and every rule options schema are valid JSON Schema', () => {
  const ajv = new Ajv({ strict: false });
  const schemas: Array<[string, unknown]> = [['schemas/config.schema.json', loadSchema('config')]];
  for (const rule of allRules) if (rule.meta.optionsSchema) schemas.push([`rule ${rule.id}`, rule.meta.optionsSchema]);
  assert.ok(schemas.length > 1, 'some rules take options');
  for (const [what, schema] of schemas) {
    assert.equal(ajv.validateSchema(schema as object), true, `${what}: ${ajv.errorsText(ajv.errors)}`);
  }
});
