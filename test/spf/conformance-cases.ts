// Shared driver for the OpenSPF conformance runs (in-memory and over real DNS).

import assert from 'node:assert/strict';
import type { CheckHostOptions } from '../../src/spf/check-host.js';
import { checkHost } from '../../src/spf/check-host.js';
import type { SuiteTest } from './suite-zone.js';

/** What the suite expects of the evaluator's settings (../shared/conformance/README.md). */
export const SUITE_OPTIONS = { defaultExplanation: 'DEFAULT', receiver: 'unknown' } as const;

export async function assertSuiteTest(test: SuiteTest, options: CheckHostOptions): Promise<void> {
  const r = await checkHost({ ip: test.host, sender: test.mailfrom, helo: test.helo }, { ...SUITE_OPTIONS, ...options });
  const context = `${test.id} (spec ${test.spec ?? '?'}): got ${r.result}${r.problem ? ` (${r.problem})` : ''}`;
  assert.ok(test.results.includes(r.result), `${context}; expected ${test.results.join(' or ')}`);
  if (test.explanation !== undefined && r.result === 'fail') {
    assert.equal(r.explanation, test.explanation, `${test.id}: explanation`);
  }
}
