import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Semaphore } from '../../src/dns/semaphore.js';

test('tryAcquire takes free slots only; release hands a slot to the first waiter, in arrival order', async () => {
  const semaphore = new Semaphore(2);
  assert.equal(semaphore.tryAcquire(), true);
  assert.equal(semaphore.tryAcquire(), true);
  assert.equal(semaphore.tryAcquire(), false);
  const order: string[] = [];
  const first = semaphore.acquire().then(() => order.push('first'));
  const second = semaphore.acquire().then(() => order.push('second'));
  semaphore.release();
  await first;
  assert.deepEqual(order, ['first']);
  assert.equal(semaphore.tryAcquire(), false, 'the released slot went to the waiter, not to a newcomer');
  semaphore.release();
  await second;
  assert.deepEqual(order, ['first', 'second']);
  semaphore.release();
  semaphore.release();
  assert.equal(semaphore.tryAcquire(), true);
  assert.equal(semaphore.tryAcquire(), true);
  assert.equal(semaphore.tryAcquire(), false);
});

test('run holds at most `limit` tasks at once and releases after a failure', async () => {
  const semaphore = new Semaphore(3);
  let active = 0;
  let peak = 0;
  const task = async (fail: boolean): Promise<void> => {
    active += 1;
    peak = Math.max(peak, active);
    await new Promise((resolve) => setImmediate(resolve));
    active -= 1;
    if (fail) throw new Error('task failed');
  };
  const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => semaphore.run(() => task(i % 4 === 0))));
  assert.equal(peak, 3);
  assert.equal(results.filter((r) => r.status === 'rejected').length, 5);
  assert.equal(semaphore.tryAcquire(), true, 'every slot came back');
});
