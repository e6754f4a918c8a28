// Conformance §2 C: router discovery and RA processing on a host (RFC 4861
// §6.3, RFC 4191, RFC 8106) through the whole stack on a simulated link.

import { describe, expect, it } from 'vitest';
import type { NdOption, Preference, RouteInformationOption } from '../../src/packet/types.ts';
import {
  echo,
  echoReplies,
  makeIncomplete,
  resolvedStates,
  makeProbe,
  makeReachable,
  makeStale,
  multicastSolicits,
  na,
  ns,
  NUT_GA,
  NUT_LL,
  OTHER_MAC,
  pio,
  ra,
  S,
  simPair,
  TAHI_HOST_SYSCTL,
  TN1,
  TN2,
  TR1,
  TR2,
  unicastProbes,
  withRouter,
  type Lab,
  type Party,
} from './harness.ts';

const host = (): Lab => simPair({ sysctl: TAHI_HOST_SYSCTL }).ready();

/** TN2 (off-link) pings the NUT through `via`; returns the Ethernet hops of the replies. */
function offLinkReplies(lab: Lab, via: Party = TR1, seq = 1, wait = 0.1): string[] {
  const t = lab.now;
  lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via, seq }));
  lab.run(wait);
  return echoReplies(lab, t).map((r) => r.ethDst);
}

describe('v6LC.2.2.1 / 2.2.2 Router Solicitations (RFC 4861 §6.3.7)', () => {
  it('v6LC.2.2.1: at most 3 RSs, RTR_SOLICITATION_INTERVAL (4 s) apart, from the link-local address (or ::) to ff02::2, within 13 s', () => {
    const lab = simPair({ sysctl: TAHI_HOST_SYSCTL });
    lab.runTo(30);
    const sent = lab.frames({ type: 133 });
    expect(sent.length).toBe(3);
    for (const f of sent) {
      expect(f.ip.dst).toBe('ff02::2');
      expect([NUT_LL, '::']).toContain(f.ip.src);
      expect(f.ip.hopLimit).toBe(255);
    }
    expect(sent[1].time - sent[0].time).toBeGreaterThanOrEqual(4 * S);
    expect(sent[2].time - sent[1].time).toBeGreaterThanOrEqual(4 * S);
    expect(sent[2].time).toBeLessThanOrEqual(14 * S);
  });

  for (const [part, opts] of [
    ['A', { slla: undefined, dst: undefined }],
    ['B', { slla: null, dst: undefined }],
    ['G', { slla: undefined, dst: NUT_LL }],
  ] as const) {
    const what = part === 'A' ? 'with SLLA' : part === 'B' ? 'without SLLA' : 'sent to the unicast link-local address';
    it(`v6LC.2.2.2 ${part}: a valid RA ${what} after the first RS stops retransmission: exactly one RS`, () => {
      const lab = simPair({ sysctl: TAHI_HOST_SYSCTL });
      lab.runTo(1.5);
      expect(lab.frames({ type: 133 }).length).toBe(1);
      lab.send(ra(TR1, { slla: opts.slla, dst: opts.dst }));
      lab.runTo(20);
      expect(lab.frames({ type: 133 }).length).toBe(1);
    });
  }
});

describe('v6LC.2.2.13 CurHopLimit (RFC 4861 §6.3.4)', () => {
  it('v6LC.2.2.13 A: CurHopLimit 0 (unspecified) keeps the current hop limit in Echo Replies', () => {
    const lab = host();
    withRouter(lab, { curHopLimit: 0 });
    const t = lab.now;
    lab.send(echo(TN1));
    lab.run(0.2).send(na(TN1));
    expect(echoReplies(lab, t).map((r) => r.hopLimit)).toEqual([64]);
  });

  it('v6LC.2.2.13 B: CurHopLimit 15 is adopted by Echo Replies', () => {
    const lab = host();
    withRouter(lab, { curHopLimit: 15 });
    const t = lab.now;
    lab.send(echo(TN1));
    lab.run(0.2).send(na(TN1));
    expect(echoReplies(lab, t).map((r) => r.hopLimit)).toEqual([15]);
  });
});

describe('v6LC.2.2.14 Router Lifetime (RFC 4861 §6.3.4, §6.3.5)', () => {
  it('v6LC.2.2.14 A: an RA with Router Lifetime 0 removes the router at once: no more echo replies to off-link TN2, no NS for TR1', () => {
    const lab = host();
    withRouter(lab);
    expect(offLinkReplies(lab)).toEqual([TR1.mac]);
    lab.send(ra(TR1, { routerLifetime: 0 }));
    expect(lab.iface().rd.routers.size).toBe(0);
    const t = lab.now;
    expect(offLinkReplies(lab, TR1, 2, 3)).toEqual([]);
    expect(lab.frames({ type: 135, target: TR1.ll, since: t })).toEqual([]);
  });

  it('v6LC.2.2.14 B: each RA refreshes the lifetime; when it runs out the router is gone', () => {
    const lab = host();
    withRouter(lab, { routerLifetime: 10 });
    lab.run(6).send(ra(TR1, { routerLifetime: 10 }));
    lab.run(6);
    expect(offLinkReplies(lab)).toEqual([TR1.mac]); // 12 s after the first RA, 6 s after the refresh
    lab.run(5);
    expect(lab.iface().rd.routers.size).toBe(0);
    expect(offLinkReplies(lab, TR1, 2, 3)).toEqual([]);
  });

  it('v6LC.2.2.14 C: with two routers, traffic moves to TR2 when TR1 goes, then stops when TR2 goes', () => {
    const lab = host();
    withRouter(lab);
    lab.send(ra(TR2));
    expect(offLinkReplies(lab, TR1, 1)).toEqual([TR1.mac]);
    lab.send(ra(TR1, { routerLifetime: 0 }));
    expect(offLinkReplies(lab, TR1, 2)).toEqual([TR2.mac]);
    lab.send(ra(TR2, { routerLifetime: 0 }));
    expect(offLinkReplies(lab, TR1, 3, 3)).toEqual([]);
  });
});

describe('v6LC.2.2.11 default router switch (RFC 4861 §6.3.6, §7.3.3)', () => {
  it('v6LC.2.2.11: when NUD to TR1 fails (3 unanswered unicast NS) the next packet goes to TR2', () => {
    const lab = host();
    withRouter(lab);
    lab.send(ra(TR2));
    const t = lab.now;
    expect(offLinkReplies(lab)).toEqual([TR1.mac]);
    lab.run(9); // DELAY 5 s, then 3 probes 1 s apart, all unanswered
    expect(unicastProbes(lab, TR1.ll, t).length).toBe(3);
    expect(offLinkReplies(lab, TR1, 2)).toEqual([TR2.mac]);
  });
});

describe('v6LC.2.2.16 the RA\'s SLLA and the neighbour cache (RFC 4861 §6.3.4, §7.3.3)', () => {
  /** An RA that says nothing but its SLLA (lifetime 0, no prefix). */
  const slla = (mac: string | null) => ra(TR1, { routerLifetime: 0, prefixes: [], slla: mac });

  it('v6LC.2.2.16 (no entry, SLLA): a STALE entry is created', () => {
    const lab = host();
    lab.send(slla(TR1.mac));
    expect(lab.neighbor(TR1.ll)).toMatchObject({ state: 'STALE', lladdr: TR1.mac });
  });

  it('v6LC.2.2.16 (INCOMPLETE, SLLA): → STALE with the address, the queued echo is answered', () => {
    const lab = host();
    const t = lab.now;
    makeIncomplete(lab, TR1);
    lab.send(slla(TR1.mac));
    expect(lab.neighbor(TR1.ll)?.lladdr).toBe(TR1.mac);
    expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TR1.mac]);
  });

  for (const [state, setup] of resolvedStates(TR1)) {
    it(`v6LC.2.2.16 (${state}, changed SLLA): → STALE, address updated; echo reply and probe go to the new MAC`, () => {
      const lab = host();
      setup(lab);
      lab.send(slla(OTHER_MAC));
      expect(lab.neighbor(TR1.ll)).toMatchObject({ state: 'STALE', lladdr: OTHER_MAC });
      const t = lab.now;
      lab.send(echo(TR1, { seq: 9 }));
      expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([OTHER_MAC]);
      lab.run(5.5);
      expect(unicastProbes(lab, TR1.ll, t).map((f) => f.frame.dst)).toEqual([OTHER_MAC]);
    });
    for (const same of [true, false]) {
      it(`v6LC.2.2.16 (${state}, ${same ? 'same' : 'no'} SLLA): no state change${state === 'PROBE' ? ', probing continues to MAX_UNICAST_SOLICIT' : ''}`, () => {
        const lab = host();
        setup(lab);
        const t = lab.now - 1000;
        lab.run(0.3).send(slla(same ? TR1.mac : null));
        expect(lab.neighbor(TR1.ll)).toMatchObject({ state, lladdr: TR1.mac });
        if (state === 'PROBE') {
          lab.run(3);
          expect(unicastProbes(lab, TR1.ll, t).length).toBe(3);
        }
      });
    }
  }
});

describe('v6LC.2.2.17 / 2.2.18 IsRouter and the default router (RFC 4861 §6.3.4, §6.3.6)', () => {
  const setups: [string, string, (lab: Lab) => void][] = [
    ['A', 'an NCE made by an NS', (lab) => lab.send(ns(TR1))],
    ['B', 'an NCE confirmed by an NA with R=0', (lab) => makeReachable(lab, TR1, { R: false })],
    ['C', 'no NCE', () => {}],
  ];
  for (const [part, what, setup] of setups) {
    it(`v6LC.2.2.17 ${part}: an RA sets IsRouter on ${what}; off-link replies go to TR1's MAC`, () => {
      const lab = host();
      setup(lab);
      expect(lab.neighbor(TR1.ll)?.isRouter ?? false).toBe(false);
      withRouter(lab);
      expect(lab.neighbor(TR1.ll)?.isRouter).toBe(true);
      expect(offLinkReplies(lab)).toEqual([TR1.mac]);
    });
  }

  it('v6LC.2.2.18: the next hop for an off-link destination is a default router (resolved with NS for TR1 when the RA had no SLLA)', () => {
    const lab = host();
    withRouter(lab, { slla: null });
    const t = lab.now;
    lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via: TR1 }));
    expect(multicastSolicits(lab, TR1.ll, t).length).toBe(1);
    lab.run(0.2).send(na(TR1, { R: true }));
    expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TR1.mac]);
  });
});

describe('v6LC.2.2.19 / 2.1.3 / 2.1.4 the Prefix List (RFC 4861 §6.3.4)', () => {
  /** TN1 pings the NUT's global address from its own global address (arriving via TR1's MAC, as
   *  from off-link): true when the NUT answers TN1 directly (on-link; it resolves TN1 if needed),
   *  false when it answers through TR1. */
  function resolvesDirectly(lab: Lab, seq: number, dst = NUT_GA): boolean {
    const t = lab.now;
    lab.send(echo(TN1, { src: TN1.ga, dst, via: TR1, seq }));
    if (lab.frames({ type: 135, target: TN1.ga, since: t }).length > 0) lab.send(na(TN1, { target: TN1.ga, dst }));
    lab.run(0.1);
    const hops = echoReplies(lab, t).map((r) => r.ethDst);
    expect(hops.length).toBe(1);
    expect([TN1.mac, TR1.mac]).toContain(hops[0]);
    return hops[0] === TN1.mac;
  }

  it('v6LC.2.1.4 A/B, 2.2.19: an L=1 prefix is on-link while its lifetime has not expired (A) and when an RA refreshed it (B); off-link once it expires', () => {
    const lab = host();
    // The NUT's own address is elsewhere, so that it outlives the prefix (A=0: no SLAAC in it).
    const own = '2001:db8:9::1';
    lab.command('ip-addr-add', { address: own, prefixLength: 64, nodad: true });
    const short = pio({ valid: 20, preferred: 10, A: false });
    withRouter(lab, { prefixes: [short], routerLifetime: 9000 });
    expect(resolvesDirectly(lab, 1, own)).toBe(true);
    lab.run(12).send(ra(TR1, { prefixes: [short], routerLifetime: 9000 }));
    lab.run(12);
    expect(resolvesDirectly(lab, 2, own)).toBe(true); // 24 s after the first RA
    lab.run(22);
    expect(lab.iface().rd.prefixes.isOnLink(TN1.ga)).toBe(false);
    expect(resolvesDirectly(lab, 3, own)).toBe(false);
  });

  it('v6LC.2.1.3: a prefix advertised with L=1 is on-link; a destination outside it goes to the router', () => {
    const lab = host();
    withRouter(lab);
    expect(resolvesDirectly(lab, 1)).toBe(true);
    expect(offLinkReplies(lab)).toEqual([TR1.mac]);
  });

  it('v6LC.2.2.19 (L=0 after L=1): a later PIO with L=0 for the same prefix makes no statement: still on-link', () => {
    const lab = host();
    withRouter(lab);
    lab.send(ra(TR1, { prefixes: [pio({ L: false })] }));
    expect(lab.iface().rd.prefixes.isOnLink(TN1.ga)).toBe(true);
    expect(resolvesDirectly(lab, 1)).toBe(true);
  });

  it('v6LC.2.2.19 (L=0 only): a PIO with L=0 alone does not make the prefix on-link (but the address is formed)', () => {
    const lab = host();
    withRouter(lab, { prefixes: [pio({ L: false })] });
    expect(lab.iface().addresses.addressUse(NUT_GA)).toBe('preferred');
    expect(resolvesDirectly(lab, 1)).toBe(false);
  });
});

describe('v6LC.2.2.22 default router preference (RFC 4191 §2.2, §3.2)', () => {
  const cases: [string, Preference, Preference, Party][] = [
    ['A', 'low', 'high', TR2],
    ['B', 'high', 'low', TR1],
    ['C', 'low', 'reserved', TR2], // reserved is treated as medium (RFC 4191 §2.2)
  ];
  for (const [part, p1, p2, winner] of cases) {
    it(`v6LC.2.2.22 ${part}: TR1 ${p1}, TR2 ${p2} → next hop ${winner.name}`, () => {
      const lab = host();
      withRouter(lab, { prf: p1 });
      lab.send(ra(TR2, { prf: p2 }));
      expect(offLinkReplies(lab)).toEqual([winner.mac]);
    });
  }

  it('v6LC.2.2.22 C (medium vs reserved): reserved counts as medium, so the tie keeps TR1', () => {
    const lab = host();
    withRouter(lab, { prf: 'medium' });
    lab.send(ra(TR2, { prf: 'reserved' }));
    expect(offLinkReplies(lab)).toEqual([TR1.mac]);
  });

  it('v6LC.2.2.22 D/E: a change of preference takes effect with the next RA', () => {
    const lab = host();
    withRouter(lab, { prf: 'high' });
    lab.send(ra(TR2, { prf: 'medium' }));
    expect(offLinkReplies(lab, TR1, 1)).toEqual([TR1.mac]);
    lab.send(ra(TR2, { prf: 'high' })).send(ra(TR1, { prf: 'low' }));
    expect(offLinkReplies(lab, TR1, 2)).toEqual([TR2.mac]);
    lab.send(ra(TR1, { prf: 'high' }));
    expect(offLinkReplies(lab, TR1, 3)).toEqual([TR1.mac]);
  });
});

describe('v6LC.2.2.23 Route Information Option (RFC 4191 §2.3, §3.1)', () => {
  const rio = (prefix: string, prefixLength: number, prf: Preference = 'medium', routeLifetime = 1800): RouteInformationOption => ({ type: 24, prefixLength, prf, routeLifetime, prefix });
  const tr2With = (...extra: NdOption[]) => ra(TR2, { routerLifetime: 0, prefixes: [], extra });
  const cases: [string, string, RouteInformationOption, Party][] = [
    ['A', '/64 for TN2\'s prefix', rio('2001:db8:2::', 64), TR2],
    ['B', '/64 with PRF low (more specific still wins)', rio('2001:db8:2::', 64, 'low'), TR2],
    ['C', 'with the reserved PRF (option ignored)', rio('2001:db8:2::', 64, 'reserved'), TR1],
    ['D', '/96 covering TN2', rio('2001:db8:2:0:200:ff::', 96), TR2],
    ['E', '/32 covering TN2', rio('2001:db8::', 32), TR2],
    ['G', '::/0 with PRF high against a medium TR1', rio('::', 0, 'high'), TR2],
    ['H', '::/0 with PRF low against a medium TR1', rio('::', 0, 'low'), TR1],
  ];
  for (const [part, what, opt, winner] of cases) {
    it(`v6LC.2.2.23 ${part}: an RIO from TR2 ${what} → next hop for TN2 is ${winner.name}`, () => {
      const lab = host();
      withRouter(lab);
      lab.send(tr2With(opt));
      expect(offLinkReplies(lab)).toEqual([winner.mac]);
    });
  }

  it('v6LC.2.2.23 I: when the route lifetime runs out, TN2 goes back to TR1', () => {
    const lab = host();
    withRouter(lab);
    lab.send(tr2With(rio('2001:db8:2::', 64, 'medium', 10)));
    expect(offLinkReplies(lab, TR1, 1)).toEqual([TR2.mac]);
    lab.run(11);
    expect(offLinkReplies(lab, TR1, 2)).toEqual([TR1.mac]);
  });

  it('v6LC.2.2.23 J: a ::/0 RIO with lifetime 0 removes that route', () => {
    const lab = host();
    withRouter(lab);
    lab.send(tr2With(rio('::', 0, 'high')));
    expect(offLinkReplies(lab, TR1, 1)).toEqual([TR2.mac]);
    lab.send(tr2With(rio('::', 0, 'high', 0)));
    expect(offLinkReplies(lab, TR1, 2)).toEqual([TR1.mac]);
  });
});

describe('v6LC.2.2.25 RDNSS / DNSSL (RFC 8106 §5.1, §5.2)', () => {
  const rdnss = (lifetime: number): NdOption => ({ type: 25, lifetime, servers: ['2001:db8:1::53'] });
  const dnssl = (lifetime: number): NdOption => ({ type: 31, lifetime, domains: ['example.com'] });
  const values = (lab: Lab) => lab.iface().rd.dnsEntries().map((e) => `${e.kind} ${e.value}`).sort();

  it('v6LC.2.2.25 A/B: RDNSS and DNSSL are learnt, and lifetime 0 removes them', () => {
    const lab = host();
    withRouter(lab, { extra: [rdnss(600), dnssl(600)] });
    expect(values(lab)).toEqual(['dnssl example.com', 'rdnss 2001:db8:1::53']);
    lab.send(ra(TR1, { extra: [rdnss(0), dnssl(0)] }));
    expect(values(lab)).toEqual([]);
  });

  it('v6LC.2.2.25 C–F: entries expire with their lifetime', () => {
    const lab = host();
    withRouter(lab, { extra: [rdnss(10), dnssl(20)] });
    lab.run(12);
    expect(values(lab)).toEqual(['dnssl example.com']);
    lab.run(10);
    expect(values(lab)).toEqual([]);
  });
});
