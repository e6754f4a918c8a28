// The discrete-event core, SimPy-sized: a virtual clock in integer
// nanoseconds and a binary heap of events ordered by (time, insertion
// sequence), so that events due at the same instant run first-in first-out
// and every run with the same inputs fires events in the same order.
//
// - `now` moves only when an event fires (`step`), or when `runUntil(t)`
//   ends at `t`.
// - Scheduling in the past, at a fractional time or beyond 2^53 ns is a
//   programming error and throws a RangeError naming the time and `now`.
// - A handler that throws aborts the run: the error is re-thrown as an
//   `EventError` whose `cause` is the event (with its time, sequence, label
//   and data), and whose `error` is what the handler threw. Nothing is
//   swallowed; the run can be resumed with `step()` afterwards.
// - Cancellation is lazy: a cancelled event's heap entry stays, is
//   recognised as stale when it reaches the top and is discarded without
//   running. When stale entries outnumber live ones the heap is compacted in
//   O(n), so a workload that re-arms timers constantly (NUD, RA intervals)
//   does not bloat it.
//
// Near events skip the heap: an event due within LANE_HORIZON of `now` and
// no earlier than the last one in the lane is appended to a FIFO lane (a ring
// of the same typed arrays). Its entries are in (time, seq) order by
// construction, so the next event is the earlier of the lane's head and the
// heap's top: the order is exactly the heap's. Frame arrivals (now + link
// delay) and immediate timers, half of all events, then cost O(1) instead of
// two walks of a heap deepened by far-away lifetime timers.
//
// Layout (for ≥ 2 million events/s): the heap is four parallel typed arrays
// (time, seq, slot, generation) so that sifting compares numbers in
// contiguous memory and schedules allocate nothing. Each pending event
// occupies a slot holding its handler, data and label; a slot is recycled as
// soon as its event fires or is cancelled, and its generation is bumped, so
// a stale heap entry or an old handle no longer matches it. A handle is the
// number generation × 2^24 + slot: up to 16.7 million pending events, and a
// slot's generation wraps after 2^29 reuses (an old handle kept that long
// could then cancel a newer event: not a concern for ND timers).

import type { Nanos } from '../nd/machine.ts';

/** Opaque handle of a scheduled event, for `cancel` and `isPending`. */
export type EventHandle = number;

/** What a handler receives: the data it was scheduled with and its handle. */
export type EventHandler<T> = (data: T, handle: EventHandle) => void;

/** A label, or a function building one (called only when an error needs it,
 *  so the hot path never formats strings). */
export type EventLabel<T> = string | ((data: T) => string);

/** The event a failed run stopped at (built only when an error happens). */
export interface FailedEvent {
  time: Nanos;
  seq: number;
  label: string;
  data: unknown;
  handle: EventHandle;
}

/** A handler threw: the run stopped at `cause` (the event). */
export class EventError extends Error {
  override readonly cause: FailedEvent;
  /** What the handler threw. */
  readonly error: unknown;
  constructor(event: FailedEvent, error: unknown) {
    const msg = error instanceof Error ? error.message : String(error);
    super(`event "${event.label}" at ${event.time} ns (seq ${event.seq}) failed: ${msg}`);
    this.name = 'EventError';
    this.cause = event;
    this.error = error;
  }
}

/** Largest time the clock can hold exactly: 2^53 - 1 ns ≈ 104 days. */
export const MAX_TIME: Nanos = Number.MAX_SAFE_INTEGER;

function checkTime(what: string, t: Nanos, now: Nanos): void {
  if (!Number.isInteger(t)) {
    throw new RangeError(`${what} ${t} ns is not an integer number of nanoseconds (now = ${now} ns)`);
  }
  if (t > MAX_TIME) {
    throw new RangeError(`${what} ${t} ns is beyond 2^53 ns (≈104 days), where times stop being exact (now = ${now} ns)`);
  }
  if (t < now) {
    throw new RangeError(`${what} ${t} ns is in the past (now = ${now} ns)`);
  }
}

const SLOT_BITS = 16_777_216; // 2^24
const MAX_SLOTS = SLOT_BITS;
const GEN_MASK = 0x1fffffff; // 2^29 - 1
// Below this many stale entries it is cheaper to let them drain.
const COMPACT_MIN = 1024;
/** Events due at most this far ahead may go to the FIFO lane (1 ms: link
 *  delays and jitter, not protocol timers, which would hold the lane's tail). */
const LANE_HORIZON: Nanos = 1_000_000;

export class Scheduler {
  private _now: Nanos = 0;
  private seq = 0;
  // The heap, as parallel arrays; `size` entries are in use.
  private hTime = new Float64Array(256);
  private hSeq = new Float64Array(256);
  private hSlot = new Int32Array(256);
  private hGen = new Int32Array(256);
  private size = 0;
  private stale = 0;
  // The FIFO lane: a ring of `qCount` entries from `qHead` (capacity a power
  // of two), `qStale` of them cancelled.
  private qTime = new Float64Array(64);
  private qSeq = new Float64Array(64);
  private qSlot = new Int32Array(64);
  private qGen = new Int32Array(64);
  private qHead = 0;
  private qCount = 0;
  private qStale = 0;
  /** Per slot: 1 while its event is in the lane (cancel counts it there). */
  private sInLane = new Uint8Array(256);
  // Slots of pending events.
  private sGen = new Int32Array(256);
  private readonly sHandler: (EventHandler<any> | undefined)[] = [];
  private readonly sData: unknown[] = [];
  private readonly sLabel: (EventLabel<any> | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private firing = false;
  /** Events fired since creation (cancelled ones not counted). */
  fired = 0;

  get now(): Nanos {
    return this._now;
  }

  /** Events still due (not cancelled). */
  get pending(): number {
    return this.size - this.stale + this.qCount - this.qStale;
  }

  /** Schedules `handler(data)` at absolute time `at` (≥ now, integer ns). */
  schedule<T>(at: Nanos, handler: EventHandler<T>, data: T, label: EventLabel<T> = 'event'): EventHandle {
    if (!(Number.isSafeInteger(at) && at >= this._now)) checkTime('cannot schedule at', at, this._now);
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.sHandler.length;
      if (slot >= MAX_SLOTS) throw new RangeError(`more than ${MAX_SLOTS} pending events`);
      if (slot === this.sGen.length) {
        this.sGen = grow(this.sGen);
        this.sInLane = grow(this.sInLane);
      }
      this.sHandler.push(handler);
      this.sData.push(data);
      this.sLabel.push(label);
    } else {
      this.sHandler[slot] = handler;
      this.sData[slot] = data;
      this.sLabel[slot] = label;
    }
    const gen = this.sGen[slot];
    const seq = this.seq++;
    if (at - this._now <= LANE_HORIZON && (this.qCount === 0 || at >= this.qTime[(this.qHead + this.qCount - 1) & (this.qTime.length - 1)])) {
      this.sInLane[slot] = 1;
      this.enqueue(at, seq, slot, gen);
    } else {
      this.sInLane[slot] = 0;
      this.push(at, seq, slot, gen);
    }
    return gen * SLOT_BITS + slot;
  }

  /** Schedules after `delay` ns (a negative delay is an error). */
  scheduleIn<T>(delay: Nanos, handler: EventHandler<T>, data: T, label: EventLabel<T> = 'event'): EventHandle {
    return this.schedule(this._now + delay, handler, data, label);
  }

  /** Whether the event is still due (not fired, not cancelled). */
  isPending(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    return slot < this.sHandler.length && this.sGen[slot] === (handle - slot) / SLOT_BITS;
  }

  /** Cancels a pending event. Returns false if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    if (!this.isPending(handle)) return false;
    const slot = handle % SLOT_BITS;
    this.release(slot);
    if (this.sInLane[slot] === 1) {
      this.qStale++; // drained at the head: the lane only holds the next LANE_HORIZON
      return true;
    }
    this.stale++;
    if (this.stale >= COMPACT_MIN && this.stale * 2 > this.size) this.compact();
    return true;
  }

  /** Time of the next live event, or Infinity when idle. */
  peek(): Nanos {
    this.dropStaleTop();
    this.dropStaleHead();
    const h = this.size > 0 ? this.hTime[0] : Infinity;
    const q = this.qCount > 0 ? this.qTime[this.qHead] : Infinity;
    return q < h ? q : h;
  }

  /** True when the next event is the lane's head rather than the heap's
   *  top (stale entries already dropped from both). */
  private laneFirst(): boolean {
    if (this.qCount === 0) return false;
    if (this.size === 0) return true;
    const qt = this.qTime[this.qHead];
    const ht = this.hTime[0];
    return qt < ht || (qt === ht && this.qSeq[this.qHead] < this.hSeq[0]);
  }

  /** Fires the next event. Returns false (and does nothing) when idle. */
  step(): boolean {
    if (this.firing) throw new Error('step() called from inside an event handler');
    this.dropStaleTop();
    this.dropStaleHead();
    let time: number, seq: number, slot: number, handle: number;
    if (this.laneFirst()) {
      const h = this.qHead;
      time = this.qTime[h];
      seq = this.qSeq[h];
      slot = this.qSlot[h];
      handle = this.qGen[h] * SLOT_BITS + slot;
      this.dequeue();
    } else {
      if (this.size === 0) return false;
      time = this.hTime[0];
      seq = this.hSeq[0];
      slot = this.hSlot[0];
      handle = this.hGen[0] * SLOT_BITS + slot;
      this.popTop();
    }
    const handler = this.sHandler[slot]!;
    const data = this.sData[slot];
    const label = this.sLabel[slot]!;
    this.release(slot);
    this._now = time;
    this.fired++;
    this.firing = true;
    try {
      handler(data, handle);
    } catch (err) {
      throw new EventError({ time, seq, label: typeof label === 'string' ? label : label(data), data, handle }, err);
    } finally {
      this.firing = false;
    }
    return true;
  }

  /** Fires every event due at or before `t` (including those scheduled at
   *  `t` while running), then sets `now = t`. Returns the number fired. */
  runUntil(t: Nanos): number {
    checkTime('runUntil', t, this._now);
    let n = 0;
    while (this.peek() <= t) {
      this.step();
      n++;
    }
    this._now = t;
    return n;
  }

  /** Fires events until none remain. `limit` bounds the number of events: a
   *  run that is still busy after `limit` events throws (a livelock, or a
   *  periodic timer that never lets the queue empty). */
  runToIdle(limit = Infinity): number {
    let n = 0;
    while (this.peek() !== Infinity) {
      if (n >= limit) {
        throw new Error(`not idle after ${limit} events (now = ${this._now} ns, ${this.pending} pending, next at ${this.peek()} ns)`);
      }
      this.step();
      n++;
    }
    return n;
  }

  // ------------------------------------------------------------------ heap

  /** Frees a slot: bumping the generation invalidates its heap entry and
   *  every handle to it. */
  private release(slot: number): void {
    this.sGen[slot] = (this.sGen[slot] + 1) & GEN_MASK;
    this.sHandler[slot] = undefined;
    this.sData[slot] = undefined;
    this.sLabel[slot] = undefined;
    this.freeSlots.push(slot);
  }

  private dropStaleHead(): void {
    while (this.qCount > 0 && this.sGen[this.qSlot[this.qHead]] !== this.qGen[this.qHead]) {
      this.dequeue();
      this.qStale--;
    }
  }

  private enqueue(time: number, seq: number, slot: number, gen: number): void {
    if (this.qCount === this.qTime.length) this.growLane();
    const i = (this.qHead + this.qCount++) & (this.qTime.length - 1);
    this.qTime[i] = time;
    this.qSeq[i] = seq;
    this.qSlot[i] = slot;
    this.qGen[i] = gen;
  }

  private dequeue(): void {
    this.qHead = (this.qHead + 1) & (this.qTime.length - 1);
    this.qCount--;
  }

  /** Doubles the ring, unwrapping it so that the head is at 0. */
  private growLane(): void {
    const n = this.qTime.length;
    const unwrap = <A extends Float64Array | Int32Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(n * 2);
      b.set(a.subarray(this.qHead));
      b.set(a.subarray(0, this.qHead), n - this.qHead);
      return b;
    };
    this.qTime = unwrap(this.qTime);
    this.qSeq = unwrap(this.qSeq);
    this.qSlot = unwrap(this.qSlot);
    this.qGen = unwrap(this.qGen);
    this.qHead = 0;
  }

  private dropStaleTop(): void {
    while (this.size > 0 && this.sGen[this.hSlot[0]] !== this.hGen[0]) {
      this.popTop();
      this.stale--;
    }
  }

  private push(time: number, seq: number, slot: number, gen: number): void {
    if (this.size === this.hTime.length) {
      this.hTime = grow(this.hTime);
      this.hSeq = grow(this.hSeq);
      this.hSlot = grow(this.hSlot);
      this.hGen = grow(this.hGen);
    }
    const hT = this.hTime, hS = this.hSeq, hSl = this.hSlot, hG = this.hGen;
    let i = this.size++;
    // Sift up: parents later than the new entry move down.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = hT[p];
      if (pt < time || (pt === time && hS[p] < seq)) break;
      hT[i] = pt;
      hS[i] = hS[p];
      hSl[i] = hSl[p];
      hG[i] = hG[p];
      i = p;
    }
    hT[i] = time;
    hS[i] = seq;
    hSl[i] = slot;
    hG[i] = gen;
  }

  private popTop(): void {
    const n = --this.size;
    if (n > 0) this.siftDown(0, this.hTime[n], this.hSeq[n], this.hSlot[n], this.hGen[n]);
  }

  /** Places (time, seq, slot, gen) at or below `i`. */
  private siftDown(i: number, time: number, seq: number, slot: number, gen: number): void {
    const hT = this.hTime, hS = this.hSeq, hSl = this.hSlot, hG = this.hGen;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (hT[r] < hT[c] || (hT[r] === hT[c] && hS[r] < hS[c]))) c = r;
      const ct = hT[c];
      if (time < ct || (time === ct && seq < hS[c])) break;
      hT[i] = ct;
      hS[i] = hS[c];
      hSl[i] = hSl[c];
      hG[i] = hG[c];
      i = c;
    }
    hT[i] = time;
    hS[i] = seq;
    hSl[i] = slot;
    hG[i] = gen;
  }

  /** Removes every stale entry and rebuilds the heap bottom-up. The
   *  (time, seq) key is a total order, so firing order is unchanged. */
  private compact(): void {
    const hT = this.hTime, hS = this.hSeq, hSl = this.hSlot, hG = this.hGen;
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      if (this.sGen[hSl[r]] !== hG[r]) continue;
      hT[w] = hT[r];
      hS[w] = hS[r];
      hSl[w] = hSl[r];
      hG[w] = hG[r];
      w++;
    }
    this.size = w;
    this.stale = 0;
    for (let i = (w >> 1) - 1; i >= 0; i--) this.siftDown(i, hT[i], hS[i], hSl[i], hG[i]);
  }

  /** Heap entries, stale ones included (for tests of compaction). */
  get heapSize(): number {
    return this.size;
  }
}

function grow<A extends Float64Array | Int32Array | Uint8Array>(a: A): A {
  const b = new (a.constructor as new (n: number) => A)(a.length * 2);
  b.set(a);
  return b;
}
