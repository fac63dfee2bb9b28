// RFC 7208 conformance over real DNS: each scenario's zone data is served by a local authoritative
// server on a loopback port, and checkHost resolves through its own stub resolver (the `nameservers`
// path of the library contract). TIMEOUT entries never answer, so every test waits out its timeouts:
// the tests run concurrently, which lets the per-try timeout be generous (a busy machine must not turn a
// slow answer into a temperror) while the whole run stays a few seconds.

import { after, before, describe, it } from 'node:test';
import { loadSuite } from './suite-zone.js';
import { assertSuiteTest } from './conformance-cases.js';
import { startSuiteDnsServer, type SuiteDnsServer } from '../helpers/suite-dns-server.js';

const SUITE_TIMEOUT_MS = 1000; // per try
const SUITE_RETRIES = 1; // one lost or late UDP answer must not decide a test

const rfc7208 = loadSuite('conformance/spf/rfc7208-tests.yml');

describe('OpenSPF RFC 7208 suite over real DNS (local server, StubResolver)', { concurrency: true }, () => {
  const servers: SuiteDnsServer[] = [];
  before(async () => {
    for (const scenario of rfc7208) servers.push(await startSuiteDnsServer(scenario.zone));
  });
  after(() => Promise.all(servers.map((s) => s.close())));
  rfc7208.forEach((scenario, index) => {
    describe(scenario.description, { concurrency: true }, () => {
      for (const test of scenario.tests) {
        it(test.id, () => {
          const server = servers[index] as SuiteDnsServer;
          return assertSuiteTest(test, { nameservers: [server.address], timeoutMs: SUITE_TIMEOUT_MS, retries: SUITE_RETRIES });
        });
      }
    });
  });
});
