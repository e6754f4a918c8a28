// Host processing of Redirects (RFC 4861 §8.3), conformance.md section F
// and the stateful part of section A (v6LC.2.3.3 "not the first hop").

import { describe, expect, it } from 'vitest';
import { resolveHostConfig, type HostNdConfig } from '../../src/nd/config.ts';
import type { InterfaceView } from '../../src/nd/interface-view.ts';
import type { Action } from '../../src/nd/machine.ts';
import { NeighborCache, ndPacket } from '../../src/nd/neighbor-cache.ts';
import { NextHop } from '../../src/nd/next-hop.ts';
import { handleRedirect } from '../../src/nd/redirect.ts';
import type { Ip6, Mac, Redirect } from '../../src/packet/types.ts';
import { linkParams } from './fake-clock.ts';

const HUT = '2001:db8::a';
const HUT_LL = 'fe80::a';
const TR1 = 'fe80::1';
const TR1_MAC = '00:00:00:00:01:01';
const TR2 = 'fe80::2';
const TR2_MAC = '00:00:00:00:02:02';
const TN1 = '2001:db8:1::1'; // off-link by prefix, yet redirected on-link
const TN1_MAC = '00:00:00:00:0a:01';

function rig(config: Partial<HostNdConfig> = {}) {
  const view: InterfaceView = {
    ifname: 'eth0', mac: () => '00:00:00:00:00:0a',
    params: linkParams(),
    isRouter: () => config.forwarding === 1,
    addressUse: (a) => (a === HUT || a === HUT_LL ? 'preferred' : undefined),
    selectSource: (d) => (d.startsWith('fe80') || d.startsWith('ff') ? HUT_LL : HUT), random: () => 0.5,
  };
  const r = resolveHostConfig(config);
  if (!r.ok) throw new Error(r.errors.join());
  const log: Action[] = [];
  const nc = new NeighborCache(view, r.config);
  const nh = new NextHop('eth0', { isOnLink: () => false }, { routerFor: () => TR1 }, (a) => nc.isReachable(a));
  const ctx = { ifname: 'eth0', config: r.config, nextHop: nh, neighbors: nc };
  const run = (f: (out: Action[]) => void) => {
    const out: Action[] = [];
    f(out);
    log.push(...out);
    return out;
  };
  /** Sends an echo to `dst` the way the stack would: next hop, then the neighbour cache. */
  const send = (dst: Ip6) =>
    run((out) => {
      const h = nh.resolve(dst, 0, out);
      if (h.ok) nc.output(ndPacket(HUT, dst, { type: 129, code: 0, identifier: 1, sequence: 1, data: new Uint8Array(0) }), h.nextHop, 0, out);
    });
  const redirect = (src: Ip6, target: Ip6, destination: Ip6, tlla?: Mac) => {
    const rd: Redirect = { type: 137, code: 0, target, destination, options: tlla ? [{ type: 2, lladdr: tlla }] : [] };
    let res: ReturnType<typeof handleRedirect> | undefined;
    run((out) => (res = handleRedirect(ctx, ndPacket(src, HUT_LL, rd), rd, 0, out)));
    return res!;
  };
  const learnTr1 = () => run((out) => nc.learn(TR1, TR1_MAC, { origin: 'RA', isRouter: true }, 0, out));
  const sent = (from: number) => log.slice(from).flatMap((a) => (a.kind === 'send' ? [a.frame] : []));
  return { nc, nh, log, send, redirect, learnTr1, sent, run };
}

describe('Redirect to the destination itself (target == destination)', () => {
  it('v6LC.2.3.1 C/D: with a TLLA the destination is on-link and reached directly at that MAC, no NS', () => {
    const h = rig();
    h.learnTr1();
    expect(h.redirect(TR1, TN1, TN1, TN1_MAC)).toMatchObject({ accepted: true, onLink: true });
    expect(h.nc.get(TN1)).toMatchObject({ state: 'STALE', lladdr: TN1_MAC, isRouter: false });
    const mark = h.log.length;
    h.send(TN1);
    const frames = h.sent(mark);
    expect(frames.map((f) => [f.dst, f.ipv6!.icmpv6!.type])).toEqual([[TN1_MAC, 129]]);
  });

  it('v6LC.2.3.1 A/B: without a TLLA the destination is on-link but must be resolved first (multicast NS for it)', () => {
    const h = rig();
    h.learnTr1();
    h.redirect(TR1, TN1, TN1);
    expect(h.nc.get(TN1)).toBeUndefined();
    const mark = h.log.length;
    h.send(TN1);
    const ns = h.sent(mark)[0];
    expect([ns.ipv6!.dst, (ns.ipv6!.icmpv6 as { target: Ip6 }).target]).toEqual(['ff02::1:ff00:1', TN1]);
  });
});

describe('Redirect to a better router (target ≠ destination)', () => {
  it('v6LC.2.3.4 A–D: the destination cache next hop becomes the target, marked as a router', () => {
    const h = rig();
    h.learnTr1();
    h.run((out) => h.nc.learn(TR2, TR2_MAC, { origin: 'NS' }, 0, out));
    expect(h.redirect(TR1, TR2, TN1)).toMatchObject({ accepted: true, onLink: false });
    expect(h.nh.get(TN1)).toMatchObject({ nextHop: TR2, via: 'redirect-router' });
    expect(h.nc.get(TR2)?.isRouter).toBe(true);
    const mark = h.log.length;
    h.send(TN1);
    expect(h.sent(mark)[0].dst).toBe(TR2_MAC);
  });

  it('v6LC.2.3.7: a second Redirect for the same destination replaces the first', () => {
    const h = rig();
    h.learnTr1();
    h.redirect(TR1, TR2, TN1, TR2_MAC);
    // Now TR2 is the first hop, so only TR2 may redirect again.
    expect(h.redirect(TR1, 'fe80::3', TN1).accepted).toBe(false);
    expect(h.redirect(TR2, 'fe80::3', TN1, '00:00:00:00:03:03').accepted).toBe(true);
    expect(h.nh.get(TN1)?.nextHop).toBe('fe80::3');
  });

  it('v6LC.2.3.9: a Redirect for a destination with no Destination Cache entry creates one', () => {
    const h = rig();
    expect(h.nh.get(TN1)).toBeUndefined();
    expect(h.redirect(TR1, TR2, TN1, TR2_MAC).accepted).toBe(true);
    expect(h.nh.get(TN1)).toMatchObject({ destination: TN1, nextHop: TR2 });
  });

  it('a redirected next hop that fails NUD is forgotten: traffic falls back to the default router', () => {
    const h = rig();
    h.redirect(TR1, TR2, TN1);
    h.run((out) => h.nh.invalidateNextHop(TR2, out));
    expect(h.nh.resolve(TN1, 0, [])).toMatchObject({ nextHop: TR1, via: 'router' });
  });
});

describe('TLLA updates the neighbour cache (v6LC.2.3.10–2.3.14)', () => {
  it('no entry → STALE; INCOMPLETE → STALE and the queued packet is sent; different MAC → STALE; same MAC → unchanged', () => {
    const h = rig();
    h.redirect(TR1, TR2, TN1, TR2_MAC);
    expect(h.nc.get(TR2)).toMatchObject({ state: 'STALE', lladdr: TR2_MAC });

    const inc = rig();
    inc.send('2001:db8:2::9'); // via TR1: TR1 is INCOMPLETE with a queued packet
    expect(inc.nc.get(TR1)?.state).toBe('INCOMPLETE');
    const mark = inc.log.length;
    inc.redirect(TR1, TR1, '2001:db8:3::3', TR1_MAC);
    expect(inc.nc.get(TR1)?.lladdr).toBe(TR1_MAC);
    expect(inc.sent(mark).filter((f) => f.ipv6!.icmpv6!.type === 129).map((f) => f.dst)).toEqual([TR1_MAC]);
    expect(inc.nc.get(TR1)?.state).toBe('DELAY'); // STALE, then used by the flushed packet

    const re = rig();
    re.run((out) => re.nc.learn(TR2, TR2_MAC, { origin: 'RA', isRouter: true }, 0, out));
    re.run((out) => re.nc.confirm(TR2, 0, out));
    re.redirect(TR1, TR2, TN1, TR2_MAC);
    expect(re.nc.get(TR2)?.state).toBe('REACHABLE');
    re.redirect(TR2, TR2, TN1, '00:00:00:00:0e:0e');
    expect(re.nc.get(TR2)).toMatchObject({ state: 'STALE', lladdr: '00:00:00:00:0e:0e' });
  });
});

describe('Redirects that must change nothing', () => {
  it('v6LC.2.3.3 B: a Redirect from a router that is not the current first hop is dropped and touches neither cache', () => {
    const h = rig();
    const out = h.redirect(TR2, TR2, TN1, TR2_MAC);
    expect(out).toMatchObject({ accepted: false, rule: 'redirect-not-first-hop', rfc: 'RFC 4861 §8.1' });
    expect(h.nc.get(TR2)).toBeUndefined();
    expect(h.nh.resolve(TN1, 0, [])).toMatchObject({ nextHop: TR1 });
  });

  it('a Redirect for a destination reached on-link (no first-hop router) is dropped', () => {
    const h = rig();
    expect(h.redirect(TR1, TR2, 'fe80::99').accepted).toBe(false);
  });

  it('v6LC.2.3.17: a router does not change its routing from Redirects; accept_redirects=0 likewise', () => {
    expect(rig({ forwarding: 1 }).redirect(TR1, TR2, TN1, TR2_MAC)).toMatchObject({ accepted: false, rule: 'redirect-on-router' });
    const off = rig({ accept_redirects: 0 });
    expect(off.redirect(TR1, TR2, TN1, TR2_MAC)).toMatchObject({ accepted: false, rule: 'redirect-disabled' });
    expect(off.nc.entries()).toEqual([]);
  });
});
