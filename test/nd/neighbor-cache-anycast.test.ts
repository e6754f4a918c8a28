// The neighbour cache's anycast answers (RFC 4861 §7.2.4, §7.2.7) and
// RFC 9131 untracked NAs, driven on the class alone with a fake clock and a
// scripted random stream: the delay must be the one Linux pneigh_enqueue
// would draw (random × proxy_delay, in whole ms), from the interface's
// Random and nothing else.

import { describe, expect, it } from 'vitest';
import { resolveHostConfig, type HostNdConfig } from '../../src/nd/config.ts';
import type { AddressUse, InterfaceView } from '../../src/nd/interface-view.ts';
import type { Action, Nanos } from '../../src/nd/machine.ts';
import { NS_PER_MS } from '../../src/nd/machine.ts';
import { NeighborCache, ndPacket } from '../../src/nd/neighbor-cache.ts';
import { solicitedNodeAddress } from '../../src/packet/address.ts';
import type { Ip6, NeighborAdvertisement, NeighborSolicitation } from '../../src/packet/types.ts';
import { A_LL, A_MAC, B_LL, B_MAC } from '../support/seed-nodes.ts';
import { FakeClock, linkParams } from './fake-clock.ts';

const ANYCAST = '2001:db8::';

class Bench extends FakeClock {
  readonly sent: { at: Nanos; na: NeighborAdvertisement; src: Ip6; dst: Ip6; why?: string }[] = [];
  readonly drops: string[] = [];
  readonly draws: number[];
  readonly nc: NeighborCache;
  anycast = true;

  constructor(randoms: number[], config: Partial<HostNdConfig> = {}, router = true) {
    super();
    this.draws = [...randoms];
    const addrs = new Map<Ip6, AddressUse>([[A_LL, 'preferred']]);
    const view: InterfaceView = {
      ifname: 'eth0',
      mac: () => A_MAC,
      params: linkParams(),
      isRouter: () => router,
      addressUse: (a) => addrs.get(a),
      selectSource: () => A_LL,
      random: () => {
        const r = this.draws.shift();
        if (r === undefined) throw new Error('random stream exhausted: an unexpected draw');
        return r;
      },
    };
    const r = resolveHostConfig(config);
    if (!r.ok) throw new Error(r.errors.join('; '));
    this.nc = new NeighborCache(view, r.config, {
      isAnycast: (a) => this.anycast && a === ANYCAST,
      inConfiguredPrefix: (a) => a.startsWith('fe80:'),
    });
  }

  protected fire(key: string, now: Nanos, out: Action[]): void {
    this.nc.handleTimer(key, now, out);
  }

  protected record(a: Action): void {
    if (a.kind === 'drop') this.drops.push(a.drop.rule ?? a.drop.reason);
    if (a.kind === 'send' && a.frame.ipv6?.icmpv6?.type === 136) {
      this.sent.push({ at: this.now, na: a.frame.ipv6.icmpv6 as NeighborAdvertisement, src: a.frame.ipv6.src, dst: a.frame.ipv6.dst, why: a.why });
    }
  }

  /** A multicast NS from B for the anycast address (or `dst`). */
  solicit(dst = solicitedNodeAddress(ANYCAST), src = B_LL): void {
    const ns: NeighborSolicitation = { type: 135, code: 0, target: ANYCAST, options: src === '::' ? [] : [{ type: 1, lladdr: B_MAC }] };
    this.do((out, now) => this.nc.handleNeighborSolicitation(ndPacket(src, dst, ns), ns, now, out));
  }
}

describe('anycast NA delay (RFC 4861 §7.2.7, Linux pneigh_enqueue)', () => {
  it('the delay is floor(random × proxy_delay × 10 ms): 0.5 → 400 ms, 0.999 → 799 ms, 0 → 0 ms (still through the timer)', () => {
    const b = new Bench([0.5, 0.999, 0]);
    b.solicit();
    b.solicit();
    b.solicit();
    expect(b.draws).toEqual([]);
    expect(b.sent).toEqual([]);
    b.runUntil(1000 * NS_PER_MS);
    expect(b.sent.map((s) => s.at / NS_PER_MS)).toEqual([0, 400, 799]);
    for (const s of b.sent) expect(s.na.flags).toMatchObject({ R: true, S: true, O: false });
    expect(b.sent[1].why).toContain('0.400 s');
  });

  it('no draw for a unicast NS, nor with proxy_delay = 0', () => {
    const b = new Bench([]);
    b.solicit(ANYCAST);
    expect(b.sent).toHaveLength(1);
    const z = new Bench([], { proxy_delay: 0 });
    z.solicit();
    expect(z.sent).toHaveLength(1);
    expect(z.sent[0].na.flags.O).toBe(false);
  });

  it('proxy_qlen: once more than proxy_qlen NSs wait, the next is dropped', () => {
    const b = new Bench([0.9, 0.9, 0.9, 0.9], { proxy_qlen: 2 });
    for (let i = 0; i < 4; i++) b.solicit();
    expect(b.nc.deferredSolicitations()).toHaveLength(3);
    expect(b.drops).toEqual(['ns-anycast-queue-full']);
    b.runUntil(1000 * NS_PER_MS);
    expect(b.sent).toHaveLength(3);
  });

  it('the NS is processed afresh when its time comes: no longer anycast → not answered', () => {
    const b = new Bench([0.5]);
    b.solicit();
    b.anycast = false;
    b.runUntil(1000 * NS_PER_MS);
    expect(b.sent).toEqual([]);
    expect(b.drops).toEqual(['ns-not-for-us']);
    expect(b.nc.get(B_LL)).toBeUndefined(); // the SLLA was never learnt
  });

  it('clear() (link down) forgets waiting NSs', () => {
    const b = new Bench([0.5]);
    b.solicit();
    b.do((out, now) => b.nc.clear(now, out));
    b.runUntil(1000 * NS_PER_MS);
    expect(b.sent).toEqual([]);
  });
});

describe('RFC 9131 untracked NA on the class', () => {
  const untracked = (b: Bench, src: Ip6, S = false) => {
    const na: NeighborAdvertisement = { type: 136, code: 0, flags: { R: false, S, O: true }, target: src, options: [{ type: 2, lladdr: B_MAC }] };
    b.do((out, now) => b.nc.handleNeighborAdvertisement(ndPacket(src, 'ff02::1', na), na, now, out));
  };

  it('accept_untracked_na = 2 asks the interface whether the source is in a configured prefix', () => {
    const b = new Bench([], { accept_untracked_na: 2 });
    untracked(b, '2001:db8:5::1');
    expect(b.nc.get('2001:db8:5::1')).toBeUndefined();
    untracked(b, B_LL);
    expect(b.nc.get(B_LL)).toMatchObject({ state: 'STALE', lladdr: B_MAC });
  });

  it('a host (forwarding = 0) never creates one, whatever accept_untracked_na says', () => {
    const b = new Bench([], { accept_untracked_na: 1 }, false);
    untracked(b, B_LL);
    expect(b.nc.get(B_LL)).toBeUndefined();
  });

  it('dropsUnsolicited: only S=0 NAs, only with drop_unsolicited_na = 1', () => {
    const na = (S: boolean): NeighborAdvertisement => ({ type: 136, code: 0, flags: { R: false, S, O: true }, target: B_LL, options: [] });
    const ip = ndPacket(B_LL, 'ff02::1', na(false));
    const on = new Bench([], { drop_unsolicited_na: 1 });
    const out: Action[] = [];
    expect(on.nc.dropsUnsolicited(ip, na(false), out)).toBe(true);
    expect(on.nc.dropsUnsolicited(ip, na(true), out)).toBe(false);
    expect(out.map((a) => a.kind === 'drop' && a.drop.rule)).toEqual(['na-unsolicited-dropped']);
    expect(new Bench([]).nc.dropsUnsolicited(ip, na(false), [])).toBe(false);
  });
});
