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
  name: string;
  /** The Map of its kind that holds it. */
  kind: Map<string, Slot<T>>;
  value: T;
  expiresAt: number;
  /** Which part holds it, and its neighbours there (older, newer). */
  part: Part<T>;
  older: Slot<T> | undefined;
  newer: Slot<T> | undefined;
}

/** One part's entries from least to most recently used, as a list through the slots. */
class Part<T> {
  oldest: Slot<T> | undefined;
  newest: Slot<T> | undefined;
  size = 0;

  constructor(readonly bound: number) {}

  append(slot: Slot<T>): void {
    slot.part = this;
    slot.older = this.newest;
    slot.newer = undefined;
    if (this.newest) this.newest.newer = slot;
    else this.oldest = slot;
    this.newest = slot;
    this.size += 1;
  }

  unlink(slot: Slot<T>): void {
    if (slot.older) slot.older.newer = slot.newer;
    else this.oldest = slot.newer;
    if (slot.newer) slot.newer.older = slot.older;
    else this.newest = slot.older;
    slot.older = undefined;
    slot.newer = undefined;
    this.size -= 1;
  }

  clear(): void {
    this.oldest = undefined;
    this.newest = undefined;
    this.size = 0;
  }
}

/**
 * A Map per kind (the record type) finds an entry by its name, whatever its part; each part keeps
 * its recency order in a list through the slots. Why not a Map per part, ordered by insertion (as
 * before): a hit then cost a lookup, a delete and a re-insert, a miss a lookup in each part, and every
 * eviction a keys() walk past the holes the deletes left — about 3 % of a 10,000-domain run's
 * samples. Now a hit or a miss is one lookup. Why a Map per kind rather than one keyed by
 * "name|type": that key was a fresh string per lookup, copied flat and hashed on every get (~0.6 µs
 * in a micro-run), where a name string is often one the caller already hashed (V8 keeps the hash).
 */
export class AnswerCache<T> {
  private readonly kinds = new Map<string, Map<string, Slot<T>>>();
  private readonly once: Part<T>;
  private readonly reused: Part<T>;
  private count = 0;

  constructor(bounds: CacheBounds) {
    for (const [part, bound] of Object.entries(bounds)) {
      if (!Number.isInteger(bound) || bound < 1) throw new RangeError(`cache bound "${part}" must be a positive integer, got ${bound}`);
    }
    this.once = new Part(bounds.once);
    this.reused = new Part(bounds.reused);
  }

  get size(): number {
    return this.count;
  }

  /** The live value for (`kind`, `name`), now counted as used again; undefined when absent or expired. */
  get(kind: string, name: string, now: number): T | undefined {
    const slot = this.kinds.get(kind)?.get(name);
    if (!slot) return undefined;
    slot.part.unlink(slot);
    if (slot.expiresAt <= now) {
      this.forget(slot);
      return undefined;
    }
    // Asked again: the most recently used of the `reused` part.
    this.reused.append(slot);
    this.evict(this.reused);
    return slot.value;
  }

  set(kind: string, name: string, value: T, expiresAt: number): void {
    let slots = this.kinds.get(kind);
    if (!slots) this.kinds.set(kind, (slots = new Map()));
    const slot = slots.get(name);
    if (slot) {
      // Already known: new value, most recently used of the part it is in.
      slot.value = value;
      slot.expiresAt = expiresAt;
      const part = slot.part;
      part.unlink(slot);
      part.append(slot);
      return;
    }
    const fresh: Slot<T> = { name, kind: slots, value, expiresAt, part: this.once, older: undefined, newer: undefined };
    slots.set(name, fresh);
    this.count += 1;
    this.once.append(fresh);
    this.evict(this.once);
  }

  clear(): void {
    this.kinds.clear();
    this.count = 0;
    this.once.clear();
    this.reused.clear();
  }

  private evict(part: Part<T>): void {
    while (part.size > part.bound) {
      const oldest = part.oldest!;
      part.unlink(oldest);
      this.forget(oldest);
    }
  }

  /** Drop an entry already unlinked from its part. */
  private forget(slot: Slot<T>): void {
    slot.kind.delete(slot.name);
    this.count -= 1;
  }
}
