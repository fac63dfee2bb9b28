import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { loadSchema } from '../../src/schemas.js';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const report = ajv.compile(loadSchema('report'));
const domain = ajv.getSchema(`${String(loadSchema('report').$id)}#/definitions/domain`)!;

/** Asserts that a JSON report is valid against schemas/report.schema.json, and returns it parsed. */
export function assertValidReport(json: string): any {
  const value: unknown = JSON.parse(json);
  assert.ok(report(value), `report does not match the schema: ${ajv.errorsText(report.errors)}`);
  return value;
}

/** Asserts one `--format jsonl` line against the schema's domain definition. */
export function assertValidDomainLine(json: string): any {
  const value: unknown = JSON.parse(json);
  assert.ok(domain(value), `domain line does not match the schema: ${ajv.errorsText(domain.errors)}`);
  return value;
}

const stats = ajv.getSchema(`${String(loadSchema('report').$id)}#/definitions/stats`)!;

/** Asserts a `--stats-file` document against the schema's stats definition. */
export function assertValidStats(json: string): any {
  const value: unknown = JSON.parse(json);
  assert.ok(stats(value), `stats do not match the schema: ${ajv.errorsText(stats.errors)}`);
  return value;
}
