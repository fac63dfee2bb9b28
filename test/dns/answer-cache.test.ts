// The answer cache against a plain model of the same 2Q policy (two Maps in insertion order, as
// the cache was first written, keyed "kind|name"): random gets and sets over two kinds, with
// expiry, must agree step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnswerCache, type CacheBounds } from '../../src/dns/answer-cache.js';

class ModelCache {
  private readonly once = new Map<string, { value: number; expiresAt: number }>();
  private readonly reused = new Map<string, { value: number; expiresAt: number }>();
  constructor(private readonly bounds: CacheBounds) {}
  get size(): number {
    return this.once.size + this.reused.size;
  }
  get(key: string, now: number): number | undefined {
    const slot = this.reused.get(key) ?? this.once.get(key);
    if (!slot) return undefined;
    this.reused.delete(key);
    this.once.delete(key);
    if (slot.expiresAt <= now) return undefined;
    this.reused.set(key, slot);
    if (this.reused.size > this.bounds.reused) this.reused.delete(this.reused.keys().next().value!);
    return slot.value;
  }
  set(key: string, value: number, expiresAt: number): void {
    if (this.reused.has(key)) {
      this.reused.delete(key);
      this.reused.set(key, { value, expiresAt });
      return;
    }
    this.once.delete(key);
    this.once.set(key, { value, expiresAt });
    if (this.once.size > this.bounds.once) this.once.delete(this.once.keys().next().value!);
  }
}

test('the cache keeps, promotes, expires and evicts exactly as the two-Map 2Q model does', () => {
  const op = fc.tuple(fc.boolean(), fc.constantFrom('TXT', 'A'), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 }));
  fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 300 }), (once, reused, ops) => {
    const cache = new AnswerCache<number>({ once, reused });
    const model = new ModelCache({ once, reused });
    let now = 0;
    ops.forEach(([isSet, kind, key, lifetime], i) => {
      now += 1;
      const name = `k${key}`;
      if (isSet) {
        cache.set(kind, name, i, now + lifetime);
        model.set(`${kind}|${name}`, i, now + lifetime);
      } else {
        assert.equal(cache.get(kind, name, now), model.get(`${kind}|${name}`, now), `get ${kind} ${name} at step ${i}`);
      }
      assert.equal(cache.size, model.size, `size at step ${i}`);
    });
  }), { numRuns: 500 });
});

test('clear forgets everything', () => {
  const cache = new AnswerCache<number>({ once: 2, reused: 2 });
  cache.set('TXT', 'a', 1, 10);
  cache.set('TXT', 'b', 2, 10);
  assert.equal(cache.get('TXT', 'a', 0), 1);
  assert.equal(cache.get('A', 'a', 0), undefined, 'kinds are apart');
  cache.clear();
  assert.equal(cache.size, 0);
  assert.equal(cache.get('TXT', 'a', 0), undefined);
  cache.set('TXT', 'c', 3, 10);
  assert.equal(cache.get('TXT', 'c', 0), 3);
});
