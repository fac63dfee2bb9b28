import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader, frameMessages } from '../../src/dns/tcp-transport.js';

test('reassembles a message delivered one byte at a time', () => {
  const reader = new FrameReader();
  const framed = frameMessages([Buffer.from('hello dns')]);
  const out: Buffer[] = [];
  for (const byte of framed) out.push(...reader.push(Buffer.from([byte])));
  assert.deepEqual(out.map(String), ['hello dns']);
  assert.equal(reader.pending(), undefined);
});

test('frames several messages in one buffer and splits them again, keeping a partial third', () => {
  const reader = new FrameReader();
  const third = frameMessages([Buffer.from('third')]);
  const chunk = Buffer.concat([frameMessages([Buffer.from('one'), Buffer.from('two')]), third.subarray(0, 4)]);
  assert.deepEqual(reader.push(chunk).map(String), ['one', 'two']);
  // Two bytes of "third" are in: as a DNS message's first two bytes, they are its id ("th").
  assert.deepEqual(reader.pending(), { have: 2, want: 5, id: Buffer.from('th').readUInt16BE(0) });
  assert.deepEqual(reader.push(third.subarray(4)).map(String), ['third']);
});

test('a lone first length byte is pending, not a message', () => {
  const reader = new FrameReader();
  assert.deepEqual(reader.push(Buffer.from([0])), []);
  assert.deepEqual(reader.pending(), { have: 1 });
});
