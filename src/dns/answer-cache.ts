// The resolver's answer cache for a run of any size: bounded, and split in two (a "2Q" cache) so the
// flood of names asked once — a domain's own DKIM, DMARC and apex names, by far the most, and the
// DKIM keys the largest — cannot push out the names many domains share (provider SPF includes, MX
// hosts, the organisational DMARC record). A name enters the `once` part; asked again while there,
// it moves to the `reused` part. Each part evicts its least recently used entry when full.
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
    const slot = this.reused.get(key) ?? this.once.get(key);
    if (!slot) return undefined;
    this.reused.delete(key);
    this.once.delete(key);
    if (slot.expiresAt <= now) return undefined;
    // A Map iterates in insertion order, so re-inserting makes it the most recently used.
    this.reused.set(key, slot);
    if (this.reused.size > this.bounds.reused) this.evictOldest(this.reused);
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
    if (this.once.size > this.bounds.once) this.evictOldest(this.once);
  }

  clear(): void {
    this.once.clear();
    this.reused.clear();
  }

  private evictOldest(part: Map<string, Slot<T>>): void {
    part.delete(part.keys().next().value!);
  }
}
