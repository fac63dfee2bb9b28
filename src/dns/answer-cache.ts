// The resolver's answer cache for a run of any size: bounded, and split in two (a "2Q" cache) so the
// flood of names asked once — a domain's own DKIM, DMARC and apex names, by far the most, and the
// DKIM keys the largest — cannot push out the names many domains share (provider SPF includes, MX
// hosts, the organisational DMARC record). A name enters the `once` part; asked again while there,
// it moves to the `reused` part. Each part evicts its least recently used entries when full.
//
// Why bounded at all: a run over 10,000 domains asks about 126,000 distinct questions; keeping them
// all held the live heap at ~45 MB and V8, which lets the heap grow to a multiple of what is live,
// peaked at 270 MB RSS (bench/RESULTS.md). Names asked once never benefit from being kept.

export interface CacheBounds {
  /** Entries asked about once so far: must cover the names of the domains in flight, with margin. */
  once: number;
  /** Entries asked about more than once. */
  reused: number;
}

interface Slot<T> {
  value: T;
  expiresAt: number;
}

export class AnswerCache<T> {
  private readonly once = new Map<string, Slot<T>>();
  private readonly reused = new Map<string, Slot<T>>();

  constructor(private readonly bounds: CacheBounds) {
    for (const [part, bound] of Object.entries(bounds)) {
      if (!Number.isInteger(bound) || bound < 1) throw new RangeError(`cache bound "${part}" must be a positive integer, got ${bound}`);
    }
  }

  get size(): number {
    return this.once.size + this.reused.size;
  }

  /** The live value for `key`, now counted as used again; undefined when absent or expired. */
  get(key: string, now: number): T | undefined {
    // A key lives in one part at most (set() keeps it so): look and delete there only.
    let slot = this.reused.get(key);
    if (slot) {
      this.reused.delete(key);
    } else {
      slot = this.once.get(key);
      if (!slot) return undefined;
      this.once.delete(key);
    }
    if (slot.expiresAt <= now) return undefined;
    // A Map iterates in insertion order, so re-inserting makes it the most recently used.
    this.reused.set(key, slot);
    this.evictOldest(this.reused, this.bounds.reused);
    return slot.value;
  }

  set(key: string, value: T, expiresAt: number): void {
    if (this.reused.has(key)) {
      this.reused.delete(key);
      this.reused.set(key, { value, expiresAt });
      return;
    }
    this.once.delete(key);
    this.once.set(key, { value, expiresAt });
    this.evictOldest(this.once, this.bounds.once);
  }

  clear(): void {
    this.once.clear();
    this.reused.clear();
  }

  /**
   * Evict down to the bound once a part is `slack` over it. Why in batches: a Map keeps the holes its
   * deletes leave until it rehashes, and every fresh keys() walks past them from the start, so one
   * eviction per insert cost ~10 µs in a run asking 40,000 new names (most of it skipping holes).
   * One walk per batch pays that once; a part never holds fewer than its bound.
   */
  private evictOldest(part: Map<string, Slot<T>>, bound: number): void {
    if (part.size <= bound + (bound >> 6)) return;
    let excess = part.size - bound;
    for (const key of part.keys()) {
      part.delete(key);
      if ((excess -= 1) === 0) break;
    }
  }
}
