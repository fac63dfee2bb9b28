// RecordingResolver: the per-domain deadline settles every question still waiting, a late answer is
// neither returned nor recorded, questions after the deadline are refused at once, and a resolver
// that fails passes its error on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordingResolver } from '../../src/engine/gather.js';
import { emptyStats, type Lookup, type Resolver, type RRType } from '../../src/dns/types.js';

const answer = (name: string, type: RRType): Lookup => ({
  name, type, status: 'answer', records: [{ name, type, ttl: 300, value: '192.0.2.1' }], cnames: [], server: 'test',
});

/** Answers "fast.*" at once, "slow.*" only when release() is called, and rejects "broken.*". */
function scriptedResolver(): Resolver & { release: () => void } {
  const held: Array<() => void> = [];
  return {
    lookup(name, type) {
      if (name.startsWith('broken.')) return Promise.reject(new Error('resolver bug'));
      if (name.startsWith('slow.')) return new Promise((resolve) => held.push(() => resolve(answer(name, type))));
      return Promise.resolve(answer(name, type));
    },
    stats: emptyStats,
    release: () => held.splice(0).forEach((go) => go()),
  };
}

test('the deadline settles the questions still waiting; late answers are not recorded; later questions are refused', async () => {
  const inner = scriptedResolver();
  const dns = new RecordingResolver(inner, { deadlineMs: 50 });
  try {
    const fast = await dns.lookup('fast.example', 'A');
    assert.equal(fast.status, 'answer');
    const [slow1, slow2] = await Promise.all([dns.lookup('slow.one.example', 'A'), dns.lookup('slow.two.example', 'AAAA')]);
    for (const late of [slow1, slow2]) {
      assert.equal(late.status, 'timeout');
      assert.match(late.reason ?? '', /per-domain deadline of 50 ms/);
    }
    inner.release();
    await new Promise((resolve) => setImmediate(resolve));
    const after = await dns.lookup('fast.again.example', 'A');
    assert.equal(after.status, 'timeout');
    dns.finish();
    // The answer before the deadline, then one refusal that counts the rest.
    assert.deepEqual(dns.lookups.map((l) => [l.name, l.status]), [['fast.example', 'answer'], ['slow.one.example', 'timeout']]);
    // Of the two, one was asked and cut by the deadline, one came after it: neither is "not asked".
    assert.match(dns.lookups[1]!.reason ?? '', /; 2 more questions were left unanswered by it too$/);
  } finally {
    dns.finish();
  }
});

test('a resolver that fails passes its error on', async () => {
  const dns = new RecordingResolver(scriptedResolver(), { deadlineMs: 1000 });
  try {
    await assert.rejects(dns.lookup('broken.example', 'TXT'), /resolver bug/);
    assert.equal((await dns.lookup('fast.example', 'TXT')).status, 'answer');
  } finally {
    dns.finish();
  }
});

test('a failed question is not asked again for the same domain; an answered one is (the shared cache keeps those)', async () => {
  const asked: string[] = [];
  const inner: Resolver = {
    lookup(name, type) {
      asked.push(`${name} ${type}`);
      if (name.startsWith('dead.')) return Promise.resolve({ name, type, status: 'timeout', records: [], cnames: [], server: 'test', reason: 'timeout after 3 tries' });
      return Promise.resolve(answer(name, type));
    },
    stats: emptyStats,
  };
  const dns = new RecordingResolver(inner);
  try {
    const first = await dns.lookup('dead.example', 'A');
    const again = await dns.lookup('Dead.Example.', 'A');
    assert.equal(again, first, 'the same failure, at once');
    assert.equal((await dns.lookup('dead.example', 'AAAA')).status, 'timeout', 'another type is its own question');
    await dns.lookup('live.example', 'A');
    await dns.lookup('live.example', 'A');
    assert.deepEqual(asked, ['dead.example A', 'dead.example AAAA', 'live.example A', 'live.example A']);
    assert.deepEqual(dns.lookups.map((l) => `${l.name} ${l.type} ${l.status}`), ['dead.example A timeout', 'dead.example AAAA timeout', 'live.example A answer', 'live.example A answer']);
  } finally {
    dns.finish();
  }
});
