// Bugs the hardening tests found, each pinned by the smallest input that showed it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZoneFile } from '../../src/dns/zone-file.js';

test('zone file: a vertical tab, form feed or no-break space between fields separates them (it used to loop for ever)', { timeout: 10_000 }, () => {
  for (const space of ['\u000b', '\u000c', '\u00a0', '\u2028']) {
    const zone = parseZoneFile(`www${space}300 IN A${space}192.0.2.1\n`, { origin: 'example.test' });
    assert.deepEqual(zone.records.map((r) => [r.name, r.ttl, r.type, r.value]), [['www.example.test', 300, 'A', '192.0.2.1']]);
  }
});
