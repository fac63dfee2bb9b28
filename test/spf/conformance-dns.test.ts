// RFC 7208 conformance over real DNS: each scenario's zone data is served by a local authoritative
// server on a loopback port, and checkHost resolves through its own stub resolver (the `nameservers`
// path of the library contract). TIMEOUT entries never answer, so the per-try timeout is short.

import { after, before, describe, it } from 'node:test';
import { loadSuite } from './suite-zone.js';
import { assertSuiteTest } from './conformance-cases.js';
import { startSuiteDnsServer, type SuiteDnsServer } from '../helpers/suite-dns-server.js';

const SUITE_TIMEOUT_MS = 300; // per try; retries 0, so a TIMEOUT case costs 0.3 s

const rfc7208 = loadSuite('conformance/spf/rfc7208-tests.yml');

describe('OpenSPF RFC 7208 suite over real DNS (local server, StubResolver)', () => {
  for (const scenario of rfc7208) {
    describe(scenario.description, () => {
      let server: SuiteDnsServer;
      before(async () => {
        server = await startSuiteDnsServer(scenario.zone);
      });
      after(() => server.close());
      for (const test of scenario.tests) {
        it(test.id, () => assertSuiteTest(test, { nameservers: [server.address], timeoutMs: SUITE_TIMEOUT_MS, retries: 0 }));
      }
    });
  }
});
