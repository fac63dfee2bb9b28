// checkDomains over a batch: bounded concurrency, reports handed over as each domain completes,
// nothing kept when collect is false, and a slow consumer holding the run back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDomains } from '../../src/engine/check.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { parseZoneFile } from '../../src/dns/zone-file.js';
import type { Lookup, LookupOptions, Resolver, RRType } from '../../src/dns/types.js';
import type { DomainReport } from '../../src/engine/types.js';

const DOMAINS = Array.from({ length: 12 }, (_, i) => `d${i}.example`);
const ZONE = [
  '$ORIGIN example.', '$TTL 300', '@ SOA ns h 1 2 3 4 300', '@ NS ns',
  ...DOMAINS.map((d) => `${d}. TXT "v=spf1 include:shared.example -all"`),
  'shared TXT "v=spf1 ip4:192.0.2.0/24 -all"',
].join('\n');

const zoneResolver = (): ZoneResolver => new ZoneResolver([parseZoneFile(ZONE, { file: 'batch.zone' })]);

/** Counts the domains whose gathering has started (each starts with its apex TXT). */
class StartCounter implements Resolver {
  started = new Set<string>();
  constructor(private readonly inner: Resolver) {}
  lookup(name: string, type: RRType, options?: LookupOptions): Promise<Lookup> {
    if (DOMAINS.includes(name) && type === 'TXT') this.started.add(name);
    return this.inner.lookup(name, type, options);
  }
  stats() { return this.inner.stats(); }
}

test('collect:false keeps no reports yet streams every domain once, and counts each status', async () => {
  const seen: DomainReport[] = [];
  const report = await checkDomains(DOMAINS, { resolver: zoneResolver(), concurrency: 3, collect: false, onDomain: (d) => { seen.push(d); } });
  assert.deepEqual(report.domains, []);
  assert.deepEqual(seen.map((d) => d.domain).sort(), [...DOMAINS].sort());
  assert.equal(Object.values(report.stats.byStatus).reduce((a, b) => a + b, 0), DOMAINS.length);
});

test('while onDomain waits (output not drained), no worker starts another domain', async () => {
  const resolver = new StartCounter(zoneResolver());
  let release!: () => void;
  const drained = new Promise<void>((resolve) => { release = resolve; });
  let handed = 0;
  const run = checkDomains(DOMAINS, {
    resolver, concurrency: 2, collect: false,
    onDomain: () => { handed += 1; return drained; },
  });
  // Wait for both hand-overs (a busy machine may take a while), then give a wrongly started third
  // domain time to show.
  while (handed < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Both workers finished one domain and are stuck handing it over: two started, two handed.
  assert.deepEqual([resolver.started.size, handed], [2, 2]);
  release();
  await run;
  assert.deepEqual([resolver.started.size, handed], [DOMAINS.length, DOMAINS.length]);
});
