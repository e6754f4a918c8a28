// What the ND machine tests share: the link parameters a fresh Ethernet
// interface starts with, and a fake clock that plays the driver's part
// (applies setTimer/cancelTimer, fires due timers in time order).

import type { LinkParameters } from '../../src/nd/interface-view.ts';
import type { Action, Nanos } from '../../src/nd/machine.ts';

/** RFC 4861 §6.3.2 start-up values on Ethernet (Linux defaults), as a fresh
 *  object the test may change. */
export function linkParams(over: Partial<LinkParameters> = {}): LinkParameters {
  return { retransTimerMs: 1000, baseReachableTimeMs: 30000, reachableTimeMs: 30000, curHopLimit: 64, mtu: 1500, ...over };
}

/** Keeps the timers the machine arms and fires them in order; every other
 *  action goes to `record`. */
export abstract class FakeClock {
  now: Nanos = 0;
  readonly timers = new Map<string, Nanos>();

  /** The machine's timer entry point. */
  protected abstract fire(key: string, now: Nanos, out: Action[]): void;
  /** An action that is not a timer, at `this.now`. */
  protected abstract record(a: Action): void;

  apply(out: Action[]): void {
    for (const a of out) {
      if (a.kind === 'setTimer') this.timers.set(a.key, a.at);
      else if (a.kind === 'cancelTimer') this.timers.delete(a.key);
      else this.record(a);
    }
    out.length = 0;
  }

  do(fn: (out: Action[], now: Nanos) => void): void {
    const out: Action[] = [];
    fn(out, this.now);
    this.apply(out);
  }

  /** Fires every timer due at or before t (timers due at t run before an input at t). */
  runUntil(t: Nanos): void {
    for (;;) {
      let key: string | null = null;
      let at = Infinity;
      for (const [k, v] of this.timers) if (v < at) [key, at] = [k, v];
      if (key === null || at > t) break;
      this.timers.delete(key);
      this.now = at;
      this.do((out, now) => this.fire(key!, now, out));
    }
    this.now = t;
  }
}
