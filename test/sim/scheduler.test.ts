import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventError, Scheduler } from '../../src/sim/scheduler.ts';

/** A scheduler and a log of (now, label) for every fired event. */
function logged() {
  const s = new Scheduler();
  const log: [number, string][] = [];
  const at = (t: number, label: string) => s.schedule(t, (l) => log.push([s.now, l]), label, label);
  return { s, log, at };
}

describe('Scheduler ordering', () => {
  it('fires by time, then by insertion order among equal times', () => {
    const { s, log, at } = logged();
    at(30, 'c');
    at(10, 'a1');
    at(20, 'b');
    at(10, 'a2');
    at(0, 'zero');
    at(10, 'a3');
    s.runToIdle();
    expect(log).toEqual([[0, 'zero'], [10, 'a1'], [10, 'a2'], [10, 'a3'], [20, 'b'], [30, 'c']]);
  });

  it('an event scheduled for now by a handler runs after those already due now', () => {
    const { s, log, at } = logged();
    s.schedule(5, () => {
      log.push([s.now, 'first']);
      at(5, 'added-by-first');
    }, null);
    at(5, 'second');
    s.runToIdle();
    expect(log).toEqual([[5, 'first'], [5, 'second'], [5, 'added-by-first']]);
  });

  it('step() fires one event and returns false when idle; now moves only in step', () => {
    const { s, log, at } = logged();
    at(7, 'x');
    expect(s.now).toBe(0);
    expect(s.peek()).toBe(7);
    expect(s.step()).toBe(true);
    expect(s.now).toBe(7);
    expect(s.step()).toBe(false);
    expect(s.now).toBe(7);
    expect(s.peek()).toBe(Infinity);
    expect(log).toEqual([[7, 'x']]);
  });

  it('runUntil(t) runs events at t (inclusive) and leaves now = t; resumes later', () => {
    const { s, log, at } = logged();
    at(10, 'a');
    at(20, 'b');
    at(21, 'c');
    expect(s.runUntil(20)).toBe(2);
    expect(s.now).toBe(20);
    expect(log.map((e) => e[1])).toEqual(['a', 'b']);
    expect(s.runUntil(100)).toBe(1);
    expect(s.now).toBe(100);
    expect(() => s.runUntil(50)).toThrow(/50 ns is in the past \(now = 100 ns\)/);
  });

  it('runToIdle(limit) throws when still busy after limit events', () => {
    const s = new Scheduler();
    const tick = (): void => void s.schedule(s.now + 1, tick, null);
    s.schedule(0, tick, null);
    expect(() => s.runToIdle(100)).toThrow(/not idle after 100 events/);
    expect(s.now).toBe(99);
  });
});

describe('Scheduler cancellation', () => {
  it('a cancelled event never fires; cancel() is false once fired or cancelled', () => {
    const { s, log, at } = logged();
    const a = at(10, 'a');
    const b = at(20, 'b');
    expect(s.pending).toBe(2);
    expect(s.isPending(b)).toBe(true);
    expect(s.cancel(b)).toBe(true);
    expect(s.isPending(b)).toBe(false);
    expect(s.cancel(b)).toBe(false);
    expect(s.pending).toBe(1);
    s.runToIdle();
    expect(s.isPending(a)).toBe(false);
    expect(s.cancel(a)).toBe(false);
    expect(log).toEqual([[10, 'a']]);
    expect(s.now).toBe(10); // the cancelled event at 20 did not move the clock
  });

  it('an old handle does not cancel a newer event that reuses its slot', () => {
    const { s, log, at } = logged();
    const a = at(10, 'a');
    s.cancel(a);
    const b = at(20, 'b'); // recycles a's slot
    expect(s.cancel(a)).toBe(false);
    expect(s.isPending(b)).toBe(true);
    s.runToIdle();
    expect(log).toEqual([[20, 'b']]);
  });

  it('re-arm: cancel the old timer and schedule a new one, only the new fires', () => {
    const { s, log, at } = logged();
    let t = at(100, 'first');
    s.schedule(50, () => {
      s.cancel(t);
      t = at(70, 'rearmed');
    }, null);
    s.runToIdle();
    expect(log).toEqual([[70, 'rearmed']]);
  });

  it('compacts a heap of mostly cancelled entries without changing the order', () => {
    const s = new Scheduler();
    const fired: number[] = [];
    const evs = [];
    for (let i = 0; i < 5000; i++) evs.push(s.schedule(5000 - i, (v) => fired.push(v), 5000 - i));
    for (let i = 0; i < 5000; i++) if (i % 10 !== 0) s.cancel(evs[i]);
    expect(s.pending).toBe(500);
    // Compaction ran: the heap holds fewer than the 5000 entries pushed.
    expect(s.heapSize).toBeLessThan(5000);
    s.runToIdle();
    expect(fired).toHaveLength(500);
    expect(fired).toEqual([...fired].sort((x, y) => x - y));
  });

  it('matches a sorted reference model under random schedule/cancel/step (property)', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('add' as const), dt: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ k: fc.constant('cancel' as const), i: fc.nat() }),
      fc.record({ k: fc.constant('step' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const s = new Scheduler();
        const fired: number[] = [];
        const model: { t: number; id: number; live: boolean }[] = [];
        const handles: ReturnType<Scheduler['schedule']>[] = [];
        const expected: number[] = [];
        for (const o of ops) {
          if (o.k === 'add') {
            const id = handles.length;
            handles.push(s.schedule(s.now + o.dt, (v) => fired.push(v), id));
            model.push({ t: s.now + o.dt, id, live: true });
          } else if (o.k === 'cancel' && handles.length > 0) {
            const id = o.i % handles.length;
            const m = model.find((x) => x.id === id)!;
            expect(s.cancel(handles[id])).toBe(m.live);
            m.live = false;
          } else if (o.k === 'step') {
            const live = model.filter((x) => x.live).sort((a, b) => a.t - b.t || a.id - b.id);
            expect(s.step()).toBe(live.length > 0);
            if (live.length > 0) {
              live[0].live = false;
              expected.push(live[0].id);
            }
          }
        }
        expect(fired).toEqual(expected);
      }),
    );
  });
});

describe('Scheduler lane (near events kept in a FIFO beside the heap)', () => {
  it('keeps (time, seq) order when near and far events, and cancels, mix (property)', () => {
    // Delays straddle the 1 ms lane horizon: some events go to the lane,
    // others to the heap, and the lane's tail moves with `now`.
    const op = fc.oneof(
      fc.record({ k: fc.constant('add' as const), dt: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 900_000, max: 3_000_000 })) }),
      fc.record({ k: fc.constant('cancel' as const), i: fc.nat() }),
      fc.record({ k: fc.constant('step' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const s = new Scheduler();
        const fired: number[] = [];
        const model: { t: number; id: number; live: boolean }[] = [];
        const handles: number[] = [];
        const expected: number[] = [];
        for (const o of ops) {
          if (o.k === 'add') {
            handles.push(s.schedule(s.now + o.dt, (v) => fired.push(v), model.length));
            model.push({ t: s.now + o.dt, id: model.length, live: true });
          } else if (o.k === 'cancel' && handles.length > 0) {
            const m = model[o.i % handles.length];
            expect(s.cancel(handles[m.id])).toBe(m.live);
            m.live = false;
          } else if (o.k === 'step') {
            const live = model.filter((x) => x.live).sort((a, b) => a.t - b.t || a.id - b.id);
            expect(s.pending).toBe(live.length);
            expect(s.peek()).toBe(live.length > 0 ? live[0].t : Infinity);
            expect(s.step()).toBe(live.length > 0);
            if (live.length > 0) {
              live[0].live = false;
              expected.push(live[0].id);
            }
          }
        }
        expect(fired).toEqual(expected);
      }),
    );
  });

  it('an event due now runs before a later one already in the heap, and after those due now before it', () => {
    const { s, log, at } = logged();
    at(5_000_000, 'far'); // beyond the horizon: heap
    at(0, 'near-1'); // lane
    at(10, 'near-2'); // lane
    at(5, 'near-between'); // earlier than the lane's tail: heap
    s.runToIdle();
    expect(log.map(([, l]) => l)).toEqual(['near-1', 'near-between', 'near-2', 'far']);
  });

  it('grows the lane past its first capacity without losing order', () => {
    const s = new Scheduler();
    const fired: number[] = [];
    // 300 events due within the horizon at increasing times, consumed half way
    // so that the ring wraps before it grows.
    for (let i = 0; i < 40; i++) s.schedule(i, (v) => fired.push(v), i);
    for (let i = 0; i < 30; i++) s.step();
    for (let i = 40; i < 300; i++) s.schedule(i, (v) => fired.push(v), i);
    s.runToIdle();
    expect(fired).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });
});

describe('Scheduler errors', () => {
  it('scheduling in the past names the time and now', () => {
    const s = new Scheduler();
    s.schedule(1000, () => {}, null);
    s.runToIdle();
    expect(() => s.schedule(999, () => {}, null)).toThrow(/999 ns is in the past \(now = 1000 ns\)/);
    expect(() => s.scheduleIn(-1, () => {}, null)).toThrow(RangeError);
  });

  it('a non-integer or beyond-2^53 time is an error naming it', () => {
    const s = new Scheduler();
    expect(() => s.schedule(1.5, () => {}, null)).toThrow(/1\.5 ns is not an integer.*now = 0 ns/);
    expect(() => s.schedule(NaN, () => {}, null)).toThrow(/NaN ns/);
    expect(() => s.schedule(2 ** 53, () => {}, null)).toThrow(/beyond 2\^53/);
  });

  it('a throwing handler aborts the run with the event as cause; the run can resume', () => {
    const s = new Scheduler();
    const boom = new Error('boom');
    s.schedule(5, () => { throw boom; }, { what: 'bad' }, (d) => `bad event ${d.what}`);
    let after = false;
    s.schedule(6, () => { after = true; }, null);
    let caught: unknown;
    try {
      s.runToIdle();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EventError);
    const err = caught as EventError;
    expect(err.message).toMatch(/event "bad event bad" at 5 ns \(seq 0\) failed: boom/);
    expect(err.cause.time).toBe(5);
    expect(err.cause.data).toEqual({ what: 'bad' });
    expect(err.error).toBe(boom);
    expect(after).toBe(false);
    s.runToIdle();
    expect(after).toBe(true);
  });

  it('step() from inside a handler is refused', () => {
    const s = new Scheduler();
    s.schedule(1, () => s.step(), null);
    expect(() => s.step()).toThrow(/inside an event handler/);
  });
});
