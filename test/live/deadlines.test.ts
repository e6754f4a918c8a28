// Time-driven inference without table scans: the deadline queue beside a
// BoundedMap, expiry in the order a scan of the table would find entries,
// and the alert limiter's flush against a reference that walks every key
// (the behaviour `ndsim annotate` output depends on, byte for byte).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertLimiter, type Alert, type AlertDraft } from '../../src/live/alerts.ts';
import { BoundedMap, DeadlineQueue } from '../../src/live/tracker-table.ts';
import { PassiveTracker } from '../../src/live/tracker.ts';
import { A, B, MS, dadNs } from './frames.ts';

describe('BoundedMap.recency', () => {
  it('orders keys as values() lists them, through gets, sets, deletes and evictions', () => {
    const op = fc.tuple(fc.constantFrom('get', 'set', 'delete'), fc.integer({ min: 0, max: 12 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const m = new BoundedMap<number, number>(6);
        for (const [o, k] of ops) {
          if (o === 'get') m.get(k);
          else if (o === 'set') m.set(k, k);
          else m.delete(k);
        }
        const listed = [...m.entries()].map(([k]) => k);
        const byStamp = [...listed].sort((a, b) => m.recency(a) - m.recency(b));
        expect(byStamp).toEqual(listed);
        expect(m.recency(99)).toBe(-1);
      }),
    );
  });
});

describe('DeadlineQueue', () => {
  it('pops the live entries that fell due, earliest first, skipping replaced and deleted ones', () => {
    const table = new BoundedMap<string, { at: number }>(100);
    const q = new DeadlineQueue(table);
    const put = (k: string, at: number) => {
      const v = { at };
      table.set(k, v);
      q.push(at, k, v);
    };
    put('a', 30);
    put('b', 10);
    put('c', 20);
    put('b', 40); // replaced: the entry queued at 10 is stale
    table.delete('c');
    expect(q.next()).toBe(30);
    expect(q.popDue(35).map((e) => [e.key, e.at])).toEqual([['a', 30]]);
    expect(q.popDue(100).map((e) => [e.key, e.at])).toEqual([['b', 40]]);
    expect(q.next()).toBe(Infinity);
  });

  it('stays bounded when entries go stale faster than they fall due', () => {
    const table = new BoundedMap<number, object>(8);
    const q = new DeadlineQueue(table);
    for (let i = 0; i < 10_000; i++) {
      const v = {};
      table.set(i, v); // evicts all but the last 8
      q.push(1e12 + i, i, v);
    }
    expect(q.size).toBeLessThanOrEqual(4 * 8 + 64 + 1);
    expect(q.popDue(Infinity).map((e) => e.key)).toEqual([9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999]);
  });
});

describe('expiry order', () => {
  it('DAD probes falling due at one tick come out in the order the DAD table lists them', () => {
    const tr = new PassiveTracker();
    const targets = ['fe80::1', 'fe80::2', 'fe80::3', 'fe80::4'];
    // Same start time, so the same deadline; a repeated probe of fe80::2
    // moves it to the recent end of the table.
    targets.forEach((t, i) => tr.observe(dadNs(i % 2 === 0 ? A : B, t), 0, { frameIndex: i }));
    tr.observe(dadNs(B, 'fe80::2'), 0, { frameIndex: 4 });
    const listed = tr.snapshot(0).dad.map((d) => d.target);
    expect(listed).toEqual(['fe80::1', 'fe80::3', 'fe80::4', 'fe80::2']);
    const o = tr.tick(tr.nextDeadline());
    const done = o.stateChanges.filter((c) => c.reasonId === 'dad-succeeded').map((c) => c.key);
    expect(done).toEqual(listed);
    expect(tr.snapshot().dad).toEqual([]);
  });
});

/** The limiter's documented rules, flushing by a walk over every key in
 *  least-recently-used order. */
class ReferenceLimiter {
  private keys = new Map<string, { last: number; pending: number; frames: number[]; draft: AlertDraft | null }>();
  private budget = new Map<string, { start: number; reported: number }>();
  constructor(private readonly o: { intervalNs: number; burst: number; keyCap: number }) {}

  raise(id: string, key: string, frames: number[], now: number, draft: () => AlertDraft): unknown {
    const k = `${id}|${key}`;
    let st = this.keys.get(k);
    const fresh = st === undefined;
    if (st === undefined) {
      if (this.keys.size >= this.o.keyCap) this.keys.delete(this.keys.keys().next().value!);
      st = { last: now, pending: 0, frames: [], draft: null };
    }
    this.keys.delete(k);
    this.keys.set(k, st);
    st.pending++;
    for (const f of frames) if (st.frames.length < 8 && !st.frames.includes(f)) st.frames.push(f);
    if (!(fresh || now - st.last >= this.o.intervalNs) || !this.spend(id, now)) {
      if (st.draft === null || st.pending % 64 === 1) st.draft = draft();
      return null;
    }
    return this.report(id, st, now, draft());
  }

  flush(now: number): unknown[] {
    const out: unknown[] = [];
    for (const [k, st] of this.keys) {
      if (st.pending === 0 || st.draft === null || now - st.last < this.o.intervalNs) continue;
      const id = k.slice(0, k.indexOf('|'));
      if (this.spend(id, now)) out.push(this.report(id, st, now, st.draft));
    }
    return out;
  }

  private spend(id: string, now: number): boolean {
    let b = this.budget.get(id);
    if (b === undefined || now - b.start >= this.o.intervalNs) this.budget.set(id, (b = { start: now, reported: 0 }));
    if (b.reported >= this.o.burst) return false;
    b.reported++;
    return true;
  }

  private report(id: string, st: { last: number; pending: number; frames: number[]; draft: AlertDraft | null }, now: number, d: AlertDraft): unknown {
    const r = { id, message: st.pending > 1 ? `${d.message} (${st.pending} times since the last report)` : d.message, frames: st.frames, timeNs: now, count: st.pending };
    st.last = now;
    st.pending = 0;
    st.frames = [];
    st.draft = null;
    return r;
  }
}

const plain = (a: Alert | null): unknown => (a === null ? null : { id: a.id, message: a.message, frames: a.frames, timeNs: a.timeNs, count: a.count });

describe('AlertLimiter.flush', () => {
  it('reports what a walk over every key would, in the same order', () => {
    const ids = ['new-station', 'ns-flood', 'address-moved'] as const;
    const op = fc.oneof(
      fc.record({ raise: fc.constantFrom(...ids), key: fc.integer({ min: 0, max: 9 }), dt: fc.integer({ min: 0, max: 700 }) }),
      fc.record({ flushAfter: fc.integer({ min: 0, max: 1500 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 3, max: 12 }), (ops, burst, keyCap) => {
        const o = { intervalNs: 1000 * MS, burst, keyCap, historyCap: 16 };
        const lim = new AlertLimiter(o);
        const ref = new ReferenceLimiter(o);
        let now = 1.7e18; // epoch times, where doubles step by 256 ns
        for (const [i, x] of ops.entries()) {
          if ('raise' in x) {
            now += x.dt * MS;
            const draft = () => ({ message: `${x.raise} ${x.key} at ${i}` });
            expect(plain(lim.raise(x.raise, String(x.key), [i], now, draft))).toEqual(ref.raise(x.raise, String(x.key), [i], now, draft));
          } else {
            now += x.flushAfter * MS;
            expect(lim.flush(now).map(plain)).toEqual(ref.flush(now));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
