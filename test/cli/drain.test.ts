// Streaming output waits for a slow reader without piling up listeners: every worker of a batch
// waits on the same drain.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { drained } from '../../src/cli/io.js';

function slowStream(): { stream: Writable; flush: () => void } {
  const callbacks: Array<() => void> = [];
  const stream = new Writable({ highWaterMark: 4, write: (_chunk, _encoding, callback) => { callbacks.push(callback); } });
  return { stream, flush: () => { for (const callback of callbacks.splice(0)) callback(); } };
}

test('a stream with room resolves at once', async () => {
  await drained(new Writable({ write: (_c, _e, callback) => callback() }));
});

test('a hundred waiters on a full stream share one drain listener and all go on once it drains', async () => {
  const { stream, flush } = slowStream();
  stream.write('more than four bytes');
  let released = 0;
  const waiters = Array.from({ length: 100 }, () => drained(stream).then(() => { released += 1; }));
  assert.equal(stream.listenerCount('drain'), 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(released, 0, 'nobody goes on before the reader has taken the output');
  flush();
  await Promise.all(waiters);
  assert.equal(released, 100);
  assert.equal(stream.listenerCount('drain'), 0);
  assert.equal(stream.listenerCount('error'), 0);
});

test('a stream that fails releases its waiters instead of hanging them', async () => {
  const { stream } = slowStream();
  stream.on('error', () => {}); // the write error is reported elsewhere
  stream.write('more than four bytes');
  const waiting = drained(stream);
  stream.destroy(new Error('EPIPE'));
  await waiting;
});
