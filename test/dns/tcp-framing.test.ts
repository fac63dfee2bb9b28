import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader, frameMessage } from '../../src/dns/tcp-transport.js';

test('reassembles a message delivered one byte at a time', () => {
  const reader = new FrameReader();
  const framed = frameMessage(Buffer.from('hello dns'));
  const out: Buffer[] = [];
  for (const byte of framed) out.push(...reader.push(Buffer.from([byte])));
  assert.deepEqual(out.map(String), ['hello dns']);
  assert.equal(reader.pending(), undefined);
});

test('splits several messages arriving in one chunk, keeping a partial third', () => {
  const reader = new FrameReader();
  const third = frameMessage(Buffer.from('third'));
  const chunk = Buffer.concat([frameMessage(Buffer.from('one')), frameMessage(Buffer.from('two')), third.subarray(0, 4)]);
  assert.deepEqual(reader.push(chunk).map(String), ['one', 'two']);
  assert.deepEqual(reader.pending(), { have: 2, want: 5 });
  assert.deepEqual(reader.push(third.subarray(4)).map(String), ['third']);
});

test('a lone first length byte is pending, not a message', () => {
  const reader = new FrameReader();
  assert.deepEqual(reader.push(Buffer.from([0])), []);
  assert.deepEqual(reader.pending(), { have: 1 });
});
