// The Knot test helper itself: it must survive a taken port and refuse to report a broken zone as served.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { knotTestOptions, startKnot } from '../helpers/knot.js';

const ZONE = '$ORIGIN helper.test.\n$TTL 60\n@ SOA ns hostmaster 1 3600 600 86400 60\n@ NS ns\nns A 127.0.0.1\n';

test('a taken port is replaced by another one', knotTestOptions(), async () => {
  const squatter = createSocket('udp4');
  await new Promise<void>((resolve) => squatter.bind(0, '127.0.0.1', resolve));
  const taken = squatter.address().port;
  try {
    const knot = await startKnot({ zones: { 'helper.test': ZONE }, firstPort: taken });
    await knot.stop();
    assert.notEqual(knot.port, taken);
  } finally {
    squatter.close();
  }
});

test('a zone that does not load is an error, not a server answering SERVFAIL', knotTestOptions(), async () => {
  await assert.rejects(startKnot({ zones: { 'broken.test': '$ORIGIN broken.test.\n@ SOA this is not an soa\n' } }), /did not load.*broken\.test\.zone', line 2/);
});
