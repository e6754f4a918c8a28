// A Map with a size cap and least-recently-used eviction, counting what it
// evicts. Every table the tracker keeps is one of these, so that a flood of
// frames from random MACs costs a bounded amount of memory (NDPMon grew its
// neighbour list without bound; ndpwatch reports "table pressure" instead).
//
// The recency order is a doubly linked list beside the Map, not the Map's own
// insertion order: "delete + re-set, evict keys().next()" looks simpler but
// V8 leaves deleted slots at the front of a Map until it rehashes, so each
// fresh iterator walks them — O(cap) per eviction, 60 µs a frame in a flood.

interface Node<K, V> {
  key: K;
  value: V;
  older: Node<K, V> | null;
  newer: Node<K, V> | null;
  /** Stamp of the last append: a larger stamp is more recently used. */
  stamp: number;
}

export class BoundedMap<K, V> {
  private readonly map = new Map<K, Node<K, V>>();
  private oldest: Node<K, V> | null = null;
  private newest: Node<K, V> | null = null;
  private stamps = 0;
  /** Entries pushed out because the table was full (not deletions). */
  evicted = 0;

  constructor(
    readonly cap: number,
    /** Called with each evicted entry, to clean tables that refer to it. */
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    if (!(cap >= 1)) throw new Error(`BoundedMap cap must be at least 1, got ${cap}`);
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Reads without changing the eviction order. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Reads and marks the entry as recently used. */
  get(key: K): V | undefined {
    const n = this.map.get(key);
    if (n === undefined) return undefined;
    this.unlink(n);
    this.append(n);
    return n.value;
  }

  /** Inserts or replaces (and marks recent); evicts the least recent entry
   *  when a new key would exceed the cap. */
  set(key: K, value: V): void {
    const n = this.map.get(key);
    if (n !== undefined) {
      n.value = value;
      this.unlink(n);
      this.append(n);
      return;
    }
    if (this.map.size >= this.cap && this.oldest !== null) {
      const old = this.oldest;
      this.unlink(old);
      this.map.delete(old.key);
      this.evicted++;
      this.onEvict?.(old.key, old.value);
    }
    const fresh: Node<K, V> = { key, value, older: null, newer: null, stamp: 0 };
    this.map.set(key, fresh);
    this.append(fresh);
  }

  delete(key: K): boolean {
    const n = this.map.get(key);
    if (n === undefined) return false;
    this.unlink(n);
    return this.map.delete(key);
  }

  /** Where `key` stands in the recency order (larger: more recently
   *  used; -1: absent), to sort a few entries as values() would list them
   *  without walking the whole table. */
  recency(key: K): number {
    return this.map.get(key)?.stamp ?? -1;
  }

  /** Oldest (least recently used) first. */
  *values(): IterableIterator<V> {
    for (let n = this.oldest; n !== null; n = n.newer) yield n.value;
  }

  *entries(): IterableIterator<[K, V]> {
    for (let n = this.oldest; n !== null; n = n.newer) yield [n.key, n.value];
  }

  private unlink(n: Node<K, V>): void {
    if (n.older !== null) n.older.newer = n.newer;
    else this.oldest = n.newer;
    if (n.newer !== null) n.newer.older = n.older;
    else this.newest = n.older;
    n.older = null;
    n.newer = null;
  }

  private append(n: Node<K, V>): void {
    n.stamp = this.stamps++;
    n.older = this.newest;
    if (this.newest !== null) this.newest.newer = n;
    else this.oldest = n;
    this.newest = n;
  }
}

/** A ring of the last `capacity` timestamps: "more than N events within W"
 *  is "the N+1-th most recent event is less than W old", so N+1 slots are
 *  all the memory a sliding-window rate check needs. */
export class SlidingWindow {
  private readonly ring: number[];
  private next = 0;
  private count = 0;

  constructor(
    private readonly threshold: number,
    private readonly windowNs: number,
  ) {
    this.ring = new Array<number>(threshold + 1).fill(0);
  }

  /** Records an event at `t`; true when more than `threshold` events fall
   *  within the window ending at `t`. */
  hit(t: number): boolean {
    this.ring[this.next] = t;
    this.next = (this.next + 1) % this.ring.length;
    if (this.count < this.ring.length) this.count++;
    if (this.count < this.ring.length) return false;
    // After the write, `next` points at the oldest of the last threshold+1.
    return t - this.ring[this.next] < this.windowNs;
  }

  /** Events within the window ending at `t` (at most threshold + 1). */
  rate(t: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (t - this.ring[i] < this.windowNs) n++;
    return n;
  }
}

/**
 * Entries of a BoundedMap by deadline, earliest first (a binary heap), so
 * that time-driven inference touches only what fell due instead of
 * rescanning the table at every deadline. Entries are not removed when the
 * table drops them (answered, evicted, replaced): they are skipped as stale
 * when they surface — an entry is live while `table.peek(key)` is the very
 * value queued — and the heap is rebuilt from live entries when stale ones
 * outnumber the table's cap, to keep memory bounded in a flood.
 */
export class DeadlineQueue<K, V> {
  private heap: { at: number; key: K; value: V }[] = [];

  constructor(private readonly table: BoundedMap<K, V>) {}

  get size(): number {
    return this.heap.length;
  }

  push(at: number, key: K, value: V): void {
    if (this.heap.length >= 4 * this.table.cap + 64) {
      this.heap = this.heap.filter((e) => this.live(e));
      for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
    }
    this.heap.push({ at, key, value });
    this.up(this.heap.length - 1);
  }

  /** Live entries due by `t` (deadline ≤ t), popped, in deadline order. */
  popDue(t: number): { at: number; key: K; value: V }[] {
    const out: { at: number; key: K; value: V }[] = [];
    while (this.heap.length > 0 && this.heap[0].at <= t) {
      const e = this.pop();
      if (this.live(e)) out.push(e);
    }
    return out;
  }

  /** The earliest live deadline (stale entries on top are dropped). */
  next(): number {
    while (this.heap.length > 0 && !this.live(this.heap[0])) this.pop();
    return this.heap.length > 0 ? this.heap[0].at : Infinity;
  }

  private live(e: { key: K; value: V }): boolean {
    return this.table.peek(e.key) === e.value;
  }

  private pop(): { at: number; key: K; value: V } {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const h = this.heap;
    const e = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].at <= e.at) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = e;
  }

  private down(i: number): void {
    const h = this.heap;
    const e = h[i];
    const n = h.length;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && h[c + 1].at < h[c].at) c++;
      if (h[c].at >= e.at) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = e;
  }
}
