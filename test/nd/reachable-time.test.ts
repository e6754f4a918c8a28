// The periodic ReachableTime redraw (RFC 4861 §6.3.4: "at least once every
// few hours"; Linux neigh_periodic_work: every 300 s, the first one
// 20 × ReachableTime later, as neigh_table_init sets last_rand), on the
// RouterDiscovery machine with a fake clock, and through a whole node stack
// for the NUD timer that reads it.

import { describe, expect, it } from 'vitest';
import { LINUX_HOST_DEFAULTS } from '../../src/nd/config.ts';
import type { InterfaceView, LinkParameters } from '../../src/nd/interface-view.ts';
import { NS_PER_MS, NS_PER_S, type Action, type Nanos, type StateChange } from '../../src/nd/machine.ts';
import { REACHABLE_TIME_TIMER, RouterDiscovery, type RdConfig } from '../../src/nd/router-discovery.ts';
import type { RouterAdvertisement } from '../../src/packet/types.ts';
import { mulberry32 } from '../support/random.ts';
import { FakeClock, linkParams } from './fake-clock.ts';
import { TN1, echo, makeReachable, simPair } from '../stack/harness.ts';

const S = NS_PER_S;
const PERIODIC = 'rd.param.reachable-time-periodic';
const RA_DRIVEN = 'rd.param.reachable-time';

/** Every value the interface's random stream gave, with the time it was drawn. */
interface Draw {
  at: Nanos;
  r: number;
}

class Driver extends FakeClock {
  readonly changes: Array<{ at: Nanos; change: StateChange }> = [];
  constructor(private readonly rd: RouterDiscovery) {
    super();
  }
  protected fire(key: string, now: Nanos, out: Action[]): void {
    this.rd.onTimer(key, now, out);
  }
  protected record(a: Action): void {
    if (a.kind === 'notify') this.changes.push({ at: this.now, change: a.change });
  }
  /** Times (s) and values of the ReachableTime changes with this reason id. */
  redraws(reasonId = PERIODIC): Array<{ s: number; from: number; to: number }> {
    return this.changes
      .filter((c) => c.change.reasonId === reasonId)
      .map((c) => ({ s: c.at / S, from: Number(c.change.from), to: Number(c.change.to) }));
  }
}

function setup(o: { seed?: number; router?: boolean; params?: Partial<LinkParameters>; cfg?: Partial<RdConfig> } = {}) {
  const params = linkParams(o.params);
  const stream = mulberry32(o.seed ?? 7);
  const draws: Draw[] = [];
  let d: Driver | undefined;
  const view: InterfaceView = {
    ifname: 'eth0',
    mac: () => '00:11:22:33:44:55',
    params,
    isRouter: () => o.router ?? false,
    addressUse: () => 'preferred',
    selectSource: () => 'fe80::211:22ff:fe33:4455',
    random: () => {
      const r = stream();
      draws.push({ at: d?.now ?? 0, r });
      return r;
    },
  };
  // No RSs: their random delays would share the stream with the redraws.
  const rd = new RouterDiscovery(view, { ...LINUX_HOST_DEFAULTS, router_solicitations: 0, ...o.cfg });
  d = new Driver(rd);
  return { rd, d, params, draws };
}

function ra(reachableTime: number): RouterAdvertisement {
  return {
    type: 134, code: 0, curHopLimit: 64, flags: { M: false, O: false, H: false, prf: 'medium' },
    routerLifetime: 1800, reachableTime, retransTimer: 0, options: [],
  };
}

describe('periodic ReachableTime redraw (RFC 4861 §6.3.4, Linux neigh_periodic_work)', () => {
  it('first redraw 20 × ReachableTime + 300 s after link-up, then every 300 s', () => {
    const { rd, d } = setup();
    d.runUntil(7 * S);
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(2000 * S);
    // ReachableTime is 30 s at link-up: a 600 s hold-off (last_rand = now + 20 × reachable_time).
    expect(d.redraws().map((r) => r.s)).toEqual([7 + 600 + 300, 7 + 900 + 300, 7 + 1200 + 300, 7 + 1500 + 300]);
  });

  it('the hold-off follows the ReachableTime drawn at start-up', () => {
    const { rd, d } = setup({ params: { reachableTimeMs: 22_400 } });
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(1100 * S);
    expect(d.redraws().map((r) => r.s)).toEqual([448 + 300, 448 + 600]);
  });

  it('each value is BaseReachableTime × (0.5 + r) for the next r of the interface’s stream, within [0.5, 1.5] × base', () => {
    const { rd, d, params, draws } = setup({ params: { baseReachableTimeMs: 30_000, reachableTimeMs: 30_000 } });
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(900 * S + 20 * 300 * S);
    const redraws = d.redraws();
    expect(redraws.length).toBe(21);
    let before = 30_000;
    for (const r of redraws) {
      const drawn = draws.filter((x) => x.at === r.s * S);
      expect(drawn.length).toBe(1);
      expect(r.to).toBe(Math.round(30_000 * (0.5 + drawn[0].r)));
      expect(r.to).toBeGreaterThanOrEqual(15_000);
      expect(r.to).toBeLessThanOrEqual(45_000);
      expect(r.from).toBe(before);
      before = r.to;
    }
    expect(params.reachableTimeMs).toBe(before);
    // Nothing else drew from the stream.
    expect(draws.length).toBe(redraws.length);
  });

  it('the values come from the seeded stream: another seed, other values; the same seed, the same values', () => {
    const run = (seed: number) => {
      const { rd, d } = setup({ seed });
      d.do((out, now) => rd.onLinkUp(now, out));
      d.runUntil(2500 * S);
      return d.redraws().map((r) => r.to);
    };
    expect(run(1).length).toBe(6);
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
  });

  it('the change goes through the paramChange path: machine router, key ReachableTime, RFC 4861 §6.3.4', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(900 * S);
    const c = d.changes.find((x) => x.change.reasonId === PERIODIC)?.change;
    expect(c).toMatchObject({ machine: 'router', ifname: 'eth0', key: 'ReachableTime', from: '30000', rfc: 'RFC 4861 §6.3.4' });
    expect(c?.reason).toContain('BaseReachableTime 30000 ms');
  });

  it('an RA that changes BaseReachableTime redraws at once and does not move the 300 s clock (Linux leaves last_rand alone)', () => {
    const { rd, d, params } = setup();
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(800 * S);
    d.do((out, now) => rd.onRouterAdvertisement('fe80::1', ra(10_000), now, out));
    const byRa = d.redraws(RA_DRIVEN);
    expect(byRa.map((r) => r.s)).toEqual([800]);
    expect(byRa[0].to).toBeGreaterThanOrEqual(5_000);
    expect(byRa[0].to).toBeLessThanOrEqual(15_000);
    expect(params.baseReachableTimeMs).toBe(10_000);
    expect(rd.reachableTimeRedrawAt).toBe(900 * S);
    d.runUntil(1500 * S);
    const periodic = d.redraws();
    expect(periodic.map((r) => r.s)).toEqual([900, 1200, 1500]);
    // Drawn from the new base; the first starts from the RA's value.
    expect(periodic[0].from).toBe(byRa[0].to);
    for (const r of periodic) {
      expect(r.to).toBeGreaterThanOrEqual(5_000);
      expect(r.to).toBeLessThanOrEqual(15_000);
    }
  });

  it('runs on while the link is down, and a later link-up does not restart the clock', () => {
    const { rd, d } = setup();
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(100 * S);
    d.do((out, now) => rd.onLinkDown(now, out));
    expect(d.timers.has(REACHABLE_TIME_TIMER)).toBe(true);
    d.runUntil(1000 * S);
    expect(d.redraws().map((r) => r.s)).toEqual([900]);
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(1300 * S);
    expect(d.redraws().map((r) => r.s)).toEqual([900, 1200]);
  });

  it('routers redraw too (nd_tbl serves both roles)', () => {
    const { rd, d } = setup({ router: true });
    expect(rd.acceptsRa()).toBe(false);
    d.do((out, now) => rd.onLinkUp(now, out));
    d.runUntil(1200 * S);
    expect(d.redraws().map((r) => r.s)).toEqual([900, 1200]);
  });

  it('nothing before the first link-up, and a timer that fires early is a no-op', () => {
    const { rd, d, params, draws } = setup();
    d.runUntil(5000 * S);
    expect(d.timers.size).toBe(0);
    d.do((out, now) => rd.onLinkUp(now, out));
    const out: Action[] = [];
    expect(rd.onTimer(REACHABLE_TIME_TIMER, 500 * S, out)).toBe(true);
    expect(out).toEqual([]);
    expect(params.reachableTimeMs).toBe(30_000);
    expect(draws).toEqual([]);
  });
});

describe('periodic redraw in a node stack, and the NUD timer that reads it', () => {
  it('the scoped rd: timer fires in the stack and a neighbour confirmed afterwards stays REACHABLE for the new value', () => {
    const lab = simPair({ sysctl: { router_solicitations: 0 } }).ready();
    const initial = lab.iface().params.reachableTimeMs;
    // The NUT's eth0 came up at t = 0.
    const due = 20 * initial * NS_PER_MS + 300 * S;
    lab.sim.runUntil(due - 1);
    expect(lab.states({ machine: 'router', key: 'ReachableTime' })).toEqual([]);
    lab.sim.runUntil(due);
    const [redraw] = lab.states({ machine: 'router', key: 'ReachableTime' });
    expect(redraw).toMatchObject({ time: due, reasonId: PERIODIC, from: String(initial) });
    const fresh = Number(redraw.to);
    expect(fresh).not.toBe(initial);
    expect(lab.iface().params.reachableTimeMs).toBe(fresh);

    lab.run(1);
    makeReachable(lab, TN1);
    const reachable = lab.states({ machine: 'neighbor', key: TN1.ll }).filter((e) => e.to === 'REACHABLE').at(-1)!;
    lab.run(Math.max(fresh, initial) / 1000 + 1);
    const stale = lab.states({ machine: 'neighbor', key: TN1.ll, since: reachable.time }).find((e) => e.to === 'STALE');
    expect(stale?.time).toBe(reachable.time + fresh * NS_PER_MS);
    // Still answers: the entry is usable after the redraw.
    lab.send(echo(TN1, { seq: 9 }));
    expect(lab.neighbor(TN1.ll)?.state).toBe('DELAY');
  });
});
