// RFC 7208 conformance: every test of the OpenSPF suite through checkHost, results and explanations,
// with the suite's zone data served by an in-memory resolver. conformance-dns.test.ts runs the same
// suite over real DNS; this run is the quick one to read when something breaks.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadSuite, SuiteZoneResolver } from './suite-zone.js';
import { assertSuiteTest } from './conformance-cases.js';
import { RFC4408_SKIPS } from './rfc4408-skips.js';

const rfc7208 = loadSuite('conformance/spf/rfc7208-tests.yml');

describe('OpenSPF RFC 7208 suite (in-memory zone)', () => {
  it('has the 203 tests the README promises', () => {
    assert.equal(rfc7208.reduce((n, s) => n + s.tests.length, 0), 203);
  });
  for (const scenario of rfc7208) {
    describe(scenario.description, () => {
      const resolver = new SuiteZoneResolver(scenario.zone);
      for (const test of scenario.tests) it(test.id, () => assertSuiteTest(test, { resolver }));
    });
  }
});

const rfc4408 = loadSuite('conformance/spf/rfc4408-tests.yml');

describe('OpenSPF RFC 4408 suite, where RFC 7208 kept the rule (in-memory zone)', () => {
  for (const scenario of rfc4408) {
    describe(scenario.description, () => {
      const resolver = new SuiteZoneResolver(scenario.zone);
      for (const test of scenario.tests) {
        const skip = RFC4408_SKIPS[test.id];
        it(test.id, skip ? { skip } : {}, () => assertSuiteTest(test, { resolver }));
      }
    });
  }
});
