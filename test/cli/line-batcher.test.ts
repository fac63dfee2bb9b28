import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineBatcher } from '../../src/cli/line-batcher.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('lines added in one turn leave together, in order, at the end of that turn', async () => {
  const writes: string[] = [];
  const out = new LineBatcher((text) => writes.push(text));
  out.add('a\n');
  out.add('b\n');
  assert.deepEqual(writes, [], 'nothing is written before the turn ends');
  await nextTurn();
  assert.deepEqual(writes, ['a\nb\n']);
  out.add('c\n');
  await nextTurn();
  assert.deepEqual(writes, ['a\nb\n', 'c\n']);
  await nextTurn();
  assert.deepEqual(writes, ['a\nb\n', 'c\n'], 'an empty turn writes nothing');
});

test('a turn that gathers more than the limit writes at once', () => {
  const writes: string[] = [];
  const out = new LineBatcher((text) => writes.push(text), 10);
  out.add('12345\n');
  assert.deepEqual(writes, []);
  out.add('67890\n');
  assert.deepEqual(writes, ['12345\n67890\n']);
});

test('flush writes what is pending now; after stopBatching every line is written as it comes', async () => {
  const writes: string[] = [];
  const out = new LineBatcher((text) => writes.push(text));
  out.add('a\n');
  out.flush();
  assert.deepEqual(writes, ['a\n']);
  out.add('b\n');
  out.stopBatching();
  assert.deepEqual(writes, ['a\n', 'b\n']);
  out.add('c\n');
  assert.deepEqual(writes, ['a\n', 'b\n', 'c\n']);
  await nextTurn();
  assert.deepEqual(writes, ['a\n', 'b\n', 'c\n'], 'nothing is written twice');
});
