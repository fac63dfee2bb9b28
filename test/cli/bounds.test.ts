// A flag and its config key accept the same numbers: the CLI's ranges (src/cli/bounds.ts) against
// the minimum and maximum of each key in schemas/config.schema.json.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOUNDS } from '../../src/cli/bounds.js';
import { loadSchema } from '../../src/schemas.js';

test('every bounded flag with a config key has the range of schemas/config.schema.json', () => {
  const properties = loadSchema('config').properties as Record<string, { minimum?: number; maximum?: number }>;
  const keyed = Object.entries(BOUNDS).filter(([key]) => key !== 'maxInFlight'); // no config key
  assert.deepEqual(keyed.map(([key]) => key).sort(), ['concurrency', 'domainDeadlineMs', 'retries', 'timeoutMs', 'workers']);
  for (const [key, bounds] of keyed) {
    assert.ok(properties[key], `config key ${key} exists`);
    assert.deepEqual({ min: properties[key]!.minimum, max: properties[key]!.maximum }, { min: bounds.min, max: bounds.max }, key);
  }
});

test('no bound lets a timer wait past what Node can schedule (2^31-1 ms)', () => {
  for (const bounds of [BOUNDS.timeoutMs, BOUNDS.domainDeadlineMs]) assert.ok(bounds.max <= 2 ** 31 - 1);
});
