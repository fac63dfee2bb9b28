// How fast the stub resolver asks a real server: distinct names (so the cache never helps) against
// Knot on loopback, at a few concurrency limits. Run: node --import tsx bench/resolver-throughput.ts [lookups]
// The ceiling on this machine kind is Knot itself: roughly 75k-150k queries/s with dnsperf (knot-testbed.md).

import { performance } from 'node:perf_hooks';
import { StubResolver } from '../src/dns/stub-resolver.js';
import { startKnot } from '../test/helpers/knot.js';

const LOOKUPS = Number(process.argv[2] ?? 2000);
const NAMES = 200;
const zone = [
  '$ORIGIN bench.test.', '$TTL 300', '@ SOA ns hostmaster 1 3600 600 86400 60', '@ NS ns', 'ns A 127.0.0.1',
  ...Array.from({ length: NAMES }, (_, i) => `h${i} TXT "v=spf1 ip4:192.0.2.${i % 256} -all"`),
].join('\n');

const knot = await startKnot({ zones: { 'bench.test': zone } });
try {
  for (const maxInFlight of [1, 16, 64]) {
    const resolver = new StubResolver({ nameservers: [knot.nameserver], timeoutMs: 2000, retries: 1, maxInFlight, recursionDesired: false });
    const started = performance.now();
    // Each name asked as a different type too, so every lookup is a fresh question (no cache hits).
    const questions = Array.from({ length: LOOKUPS }, (_, i) => [`h${i % NAMES}.bench.test`, (['TXT', 'A', 'AAAA', 'MX', 'SPF', 'CAA', 'SRV', 'PTR', 'NS', 'SOA'] as const)[Math.floor(i / NAMES) % 10]!] as const);
    const lookups = await Promise.all(questions.map(([name, type]) => resolver.lookup(name, type)));
    const seconds = (performance.now() - started) / 1000;
    const failed = lookups.filter((l) => !['answer', 'nodata'].includes(l.status)).length;
    const stats = resolver.stats();
    console.log(`maxInFlight=${String(maxInFlight).padStart(2)}  ${LOOKUPS} lookups in ${seconds.toFixed(2)} s = ${Math.round(LOOKUPS / seconds)}/s  ` +
      `failed=${failed} udp=${stats.udp} tcp=${stats.tcp} retries=${stats.retries} timeouts=${stats.timeouts} cacheHits=${stats.cacheHits}`);
  }
} finally {
  await knot.stop();
}
