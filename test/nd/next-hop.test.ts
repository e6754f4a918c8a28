// Next-hop determination (RFC 4861 §5.2) and the destination cache, with
// small fakes for the prefix list and the default router list.

import { describe, expect, it } from 'vitest';
import { resolveHostConfig } from '../../src/nd/config.ts';
import type { InterfaceView } from '../../src/nd/interface-view.ts';
import type { Action, StateChange } from '../../src/nd/machine.ts';
import { NeighborCache, ndPacket } from '../../src/nd/neighbor-cache.ts';
import { NextHop, routerSelector, type IsReachable, type RouterSelector } from '../../src/nd/next-hop.ts';
import { inPrefix } from '../../src/packet/address.ts';
import type { Ip6 } from '../../src/packet/types.ts';
import { linkParams } from './fake-clock.ts';

const TR1 = 'fe80::1';
const TR2 = 'fe80::2';
const TN1_LL = 'fe80::211:22ff:fe66:7788';
const TN1 = '2001:db8::211:22ff:fe66:7788';
const TN2 = '2001:db8:ffff::2'; // off-link
const S = 1_000_000_000;

const prefixes = (...p: Array<[Ip6, number]>) => ({ isOnLink: (a: Ip6) => p.some(([q, l]) => inPrefix(a, q, l)) });

/** Default Router List stand-in: the first router not known to be unreachable, else round-robin. */
function routers(...list: Ip6[]): RouterSelector & { asked: number } {
  let rr = 0;
  const sel = {
    asked: 0,
    routerFor(_dst: Ip6, _now: number, isReachable: IsReachable) {
      sel.asked++;
      if (list.length === 0) return null;
      return list.find((r) => isReachable(r) !== false) ?? list[rr++ % list.length];
    },
  };
  return sel;
}

function changes(out: Action[]): StateChange[] {
  return out.flatMap((a) => (a.kind === 'notify' ? [a.change] : []));
}

describe('next-hop determination (§5.2)', () => {
  it('v6LC.2.1.1 A: a link-local destination is on-link even with no prefix and no router', () => {
    const nh = new NextHop('eth0', prefixes(), routers(), () => undefined);
    expect(nh.resolve(TN1_LL, 0, [])).toEqual({ ok: true, nextHop: TN1_LL, via: 'link-local', onLink: true });
  });

  it('v6LC.2.1.1 B: a global destination covered by an on-link prefix is on-link', () => {
    const nh = new NextHop('eth0', prefixes(['2001:db8::', 64]), routers(TR1), () => undefined);
    expect(nh.resolve(TN1, 0, [])).toMatchObject({ ok: true, nextHop: TN1, via: 'on-link-prefix' });
  });

  it('v6LC.2.1.1 C: an off-link destination goes to the default router', () => {
    const nh = new NextHop('eth0', prefixes(['2001:db8::', 64]), routers(TR1), () => undefined);
    expect(nh.resolve(TN2, 0, [])).toEqual({ ok: true, nextHop: TR1, via: 'router', onLink: false });
  });

  it('v6LC.2.2.19: without an on-link prefix (L=0 makes no statement) a global destination goes to the router', () => {
    const nh = new NextHop('eth0', prefixes(), routers(TR1), () => undefined);
    expect(nh.resolve(TN1, 0, [])).toMatchObject({ nextHop: TR1, via: 'router' });
  });

  it('v6LC.2.2.14 C: with no default router an off-link destination is unreachable (RFC 4943: no on-link assumption)', () => {
    const nh = new NextHop('eth0', prefixes(), routers(), () => undefined);
    const r = nh.resolve(TN2, 0, []);
    expect(r.ok).toBe(false);
  });

  it('multicast destinations need no next hop', () => {
    const nh = new NextHop('eth0', prefixes(), routers(), () => undefined);
    expect(nh.resolve('ff02::1', 0, [])).toMatchObject({ nextHop: 'ff02::1', via: 'multicast' });
  });

  it('the destination cache reports a new next hop once, and again only when it changes', () => {
    let reach: IsReachable = () => undefined;
    const nh = new NextHop('eth0', prefixes(), routers(TR1, TR2), (a) => reach(a));
    const out: Action[] = [];
    nh.resolve(TN2, 0, out);
    nh.resolve(TN2, 1, out);
    expect(changes(out)).toEqual([expect.objectContaining({ machine: 'destination', key: TN2, from: null, to: TR1, rfc: 'RFC 4861 §6.3.6' })]);
    reach = (a) => (a === TR1 ? false : undefined);
    nh.resolve(TN2, 2, out);
    expect(changes(out).at(-1)).toMatchObject({ from: TR1, to: TR2 });
    expect(nh.get(TN2)).toMatchObject({ nextHop: TR2, since: 2 });
  });
});

describe('default router switch on NUD failure', () => {
  it('v6LC.2.2.11: when NUD to the current router fails (3 unanswered NS), traffic moves to the other router', () => {
    const view: InterfaceView = {
      ifname: 'eth0', mac: () => '00:11:22:33:44:55',
      params: linkParams(),
      isRouter: () => false, addressUse: (a) => (a === 'fe80::a' ? 'preferred' : undefined), selectSource: () => 'fe80::a', random: () => 0.5,
    };
    const cfg = resolveHostConfig();
    if (!cfg.ok) throw new Error('config');
    let nh: NextHop;
    const timers = new Map<string, number>();
    const nc = new NeighborCache(view, cfg.config, { neighborFailed: (n, _t, out) => nh.invalidateNextHop(n, out) });
    nh = new NextHop('eth0', prefixes(), routers(TR1, TR2), (a) => nc.isReachable(a));
    let now = 0;
    const log: Action[] = [];
    const apply = (out: Action[]) => {
      for (const a of out) {
        log.push(a);
        if (a.kind === 'setTimer') timers.set(a.key, a.at);
        if (a.kind === 'cancelTimer') timers.delete(a.key);
      }
    };
    const send = () => {
      const out: Action[] = [];
      const r = nh.resolve(TN2, now, out);
      if (r.ok) nc.output(ndPacket('2001:db8::a', TN2, { type: 128, code: 0, identifier: 1, sequence: 1, data: new Uint8Array(0) }), r.nextHop, now, out);
      apply(out);
      return r;
    };
    expect(send()).toMatchObject({ nextHop: TR1 });
    for (now = S; now <= 3 * S; now += S) {
      const out: Action[] = [];
      nc.handleTimer(`nc:${TR1}`, now, out);
      apply(out);
    }
    const ns = log.filter((a) => a.kind === 'send' && a.frame.ipv6?.icmpv6?.type === 135);
    expect(ns).toHaveLength(3);
    expect(nc.get(TR1)?.state).toBe('FAILED');
    expect(nh.get(TN2)).toBeUndefined();
    expect(send()).toMatchObject({ nextHop: TR2 });
  });
});

describe('routerSelector adapter for the router-discovery lists', () => {
  it('a more specific RFC 4191 route beats the default routers; ::/0 routes compete with them', () => {
    const extraSeen: unknown[] = [];
    const list = { choose: (_n: number, _r: IsReachable, extra: readonly unknown[] = []) => (extraSeen.push(extra), TR1) };
    const routes = {
      routeFor: (dst: Ip6) => (inPrefix(dst, '2001:db8:ffff::', 48) ? { router: TR2, length: 48 } : inPrefix(dst, '::', 0) ? { router: TR2, length: 0 } : null),
      defaultRoutes: () => [{ router: TR2, preference: 'high' as const }],
    };
    const sel = routerSelector(list, routes);
    expect(sel.routerFor(TN2, 0, () => undefined)).toBe(TR2);
    expect(sel.routerFor('2001:db8:1::1', 0, () => undefined)).toBe(TR1);
    expect(extraSeen).toEqual([[{ router: TR2, preference: 'high' }]]);
  });
});
