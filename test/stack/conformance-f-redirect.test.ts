// Conformance §2 F: Redirect processing on a host (RFC 4861 §8.3) through
// the whole stack. Set-up as TAHI's: TR1 is the default router, TN2 is
// off-link and pings the NUT through TR1; TR1 then redirects the NUT, and the
// judgement is where the next Echo Reply to TN2 goes.

import { describe, expect, it } from 'vitest';
import type { NdOption } from '../../src/packet/types.ts';
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
  NUT_GA,
  OTHER_MAC,
  redirect,
  simPair,
  TAHI_HOST_SYSCTL,
  TN2,
  TR1,
  TR2,
  TR3,
  unicastProbes,
  withRouter,
  type Lab,
  type Party,
} from './harness.ts';

/** A host with TR1 as default router (from an RA with SLLA). `talk`: TN2 already pinged through TR1. */
function bench(talk = true): Lab {
  const lab = simPair({ sysctl: TAHI_HOST_SYSCTL }).ready();
  withRouter(lab);
  if (talk) {
    lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via: TR1 }));
    expect(echoReplies(lab, 0).map((r) => r.ethDst)).toEqual([TR1.mac]);
  }
  return lab;
}

/** TN2 pings again (arriving through `via`); returns the Ethernet hops of the replies. */
function replyHops(lab: Lab, seq = 2, via: Party = TR1): string[] {
  const t = lab.now;
  lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via, seq }));
  lab.run(0.1);
  return echoReplies(lab, t).map((r) => r.ethDst);
}

describe('v6LC.2.3.1 A–D Redirect to an on-link destination (target = destination)', () => {
  for (const [part, tlla, rh] of [['A', false, 0], ['B', false, 56], ['C', true, 0], ['D', true, 56]] as const) {
    it(`v6LC.2.3.1 ${part}: ${tlla ? 'with TLLA: sent straight to TN2\'s MAC, no NS' : 'without TLLA: NS for TN2, then sent to it directly'}${rh ? ' (with a Redirected Header)' : ''}`, () => {
      const lab = bench();
      const t = lab.now;
      lab.send(redirect(TR1, { target: TN2.ga, destination: TN2.ga, tlla: tlla ? TN2.mac : null, redirected: rh }));
      const hops = replyHops(lab);
      if (tlla) {
        expect(hops).toEqual([TN2.mac]);
        expect(lab.frames({ type: 135, target: TN2.ga, since: t })).toEqual([]);
      } else {
        expect(multicastSolicits(lab, TN2.ga, t).length).toBe(1);
        lab.send(na(TN2, { target: TN2.ga }));
        expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TN2.mac]);
      }
    });
  }
});

describe('v6LC.2.3.4 A–D Redirect to a better router (target ≠ destination)', () => {
  for (const [part, tlla, rh] of [['A', false, 0], ['B', false, 56], ['C', true, 0], ['D', true, 56]] as const) {
    it(`v6LC.2.3.4 ${part}: TR2 becomes the first hop for TN2 ${tlla ? '(TLLA given: no NS)' : '(NS for TR2 first)'}${rh ? ', with a Redirected Header' : ''}`, () => {
      const lab = bench();
      const t = lab.now;
      lab.send(redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla: tlla ? TR2.mac : null, redirected: rh }));
      const hops = replyHops(lab);
      if (tlla) {
        expect(hops).toEqual([TR2.mac]);
      } else {
        expect(multicastSolicits(lab, TR2.ll, t).length).toBe(1);
        lab.send(na(TR2, { R: true }));
        expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TR2.mac]);
      }
      expect(lab.neighbor(TR2.ll)?.isRouter).toBe(true);
    });
  }
});

describe('v6LC.2.3.2 A–C / 2.3.5 A–B suspicious but valid Redirects (RFC 4861 §4.5, §8.1)', () => {
  const unknown: NdOption = { type: 255, unknown: true, body: new Uint8Array(6) };
  it('v6LC.2.3.2 A: on-link Redirect with an unknown option is accepted', () => {
    const lab = bench();
    lab.send(redirect(TR1, { target: TN2.ga, destination: TN2.ga, tlla: TN2.mac, extra: [unknown] }));
    expect(replyHops(lab)).toEqual([TN2.mac]);
  });
  it('v6LC.2.3.2 B: on-link Redirect with a non-zero Reserved field is accepted', () => {
    const lab = bench();
    lab.send(redirect(TR1, { target: TN2.ga, destination: TN2.ga, tlla: TN2.mac, reserved: 0xffffffff }));
    expect(replyHops(lab)).toEqual([TN2.mac]);
  });
  it('v6LC.2.3.2 C: an on-link target no on-link prefix covers is accepted (TN2 is in no advertised prefix)', () => {
    const lab = bench();
    expect(lab.iface().rd.prefixes.isOnLink(TN2.ga)).toBe(false);
    lab.send(redirect(TR1, { target: TN2.ga, destination: TN2.ga, tlla: TN2.mac }));
    expect(replyHops(lab)).toEqual([TN2.mac]);
  });
  it('v6LC.2.3.5 A: better-router Redirect with an unknown option is accepted', () => {
    const lab = bench();
    lab.send(redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla: TR2.mac, extra: [unknown] }));
    expect(replyHops(lab)).toEqual([TR2.mac]);
  });
  it('v6LC.2.3.5 B: better-router Redirect with a non-zero Reserved field is accepted', () => {
    const lab = bench();
    lab.send(redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla: TR2.mac, reserved: 1 }));
    expect(replyHops(lab)).toEqual([TR2.mac]);
  });
});

describe('v6LC.2.3.7 / 2.3.9 the Destination Cache (RFC 4861 §8.3)', () => {
  it('v6LC.2.3.7: a second Redirect (from the new first hop) replaces the first: via TR2, then via TR3', () => {
    const lab = bench();
    lab.send(redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla: TR2.mac }));
    expect(replyHops(lab, 2, TR2)).toEqual([TR2.mac]);
    lab.send(redirect(TR2, { target: TR3.ll, destination: TN2.ga, tlla: TR3.mac }));
    expect(replyHops(lab, 3, TR3)).toEqual([TR3.mac]);
  });

  it('v6LC.2.3.9: a Redirect for a destination with no Destination Cache entry creates one', () => {
    const lab = bench(false);
    expect(lab.iface().nextHop.get(TN2.ga)).toBeUndefined();
    lab.send(redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla: TR2.mac }));
    expect(lab.iface().nextHop.get(TN2.ga)?.nextHop).toBe(TR2.ll);
    expect(replyHops(lab)).toEqual([TR2.mac]);
  });
});

describe('v6LC.2.3.10–2.3.14 the Redirect\'s TLLA and the neighbour cache (RFC 4861 §8.3, §7.3.3)', () => {
  const toTr2 = (tlla: string | null, redirected = 0) => redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla, redirected });

  it('v6LC.2.3.10: no entry + TLLA → STALE: replies go to the TLLA, a unicast probe follows 5 s later', () => {
    const lab = bench();
    lab.send(toTr2(TR2.mac));
    expect(lab.neighbor(TR2.ll)?.state).toBe('STALE');
    const t = lab.now;
    expect(replyHops(lab)).toEqual([TR2.mac]);
    lab.run(5.5);
    expect(unicastProbes(lab, TR2.ll, t).length).toBe(1);
  });

  it('v6LC.2.3.11: INCOMPLETE + TLLA → STALE with the address; the queued packet goes out', () => {
    const lab = bench();
    const t = lab.now;
    makeIncomplete(lab, TR2);
    lab.send(toTr2(TR2.mac));
    expect(lab.neighbor(TR2.ll)?.lladdr).toBe(TR2.mac);
    expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TR2.mac]);
  });

  for (const [state, setup] of resolvedStates(TR2)) {
    it(`v6LC.2.3.12 (${state}): a different TLLA → STALE with the new address; replies and the probe go to it`, () => {
      const lab = bench();
      setup(lab);
      lab.send(toTr2(OTHER_MAC));
      expect(lab.neighbor(TR2.ll)).toMatchObject({ state: 'STALE', lladdr: OTHER_MAC });
      const t = lab.now;
      expect(replyHops(lab)).toEqual([OTHER_MAC]);
      lab.run(5.5);
      expect(unicastProbes(lab, TR2.ll, t).map((f) => f.frame.dst)).toEqual([OTHER_MAC]);
    });

    it(`v6LC.2.3.13 (${state}): the same TLLA → no state change`, () => {
      const lab = bench();
      setup(lab);
      lab.send(toTr2(TR2.mac));
      expect(lab.neighbor(TR2.ll)).toMatchObject({ state, lladdr: TR2.mac });
    });
  }

  it('v6LC.2.3.14: no TLLA → no entry is created; the NUT resolves TR2 with a multicast NS', () => {
    const lab = bench();
    lab.send(toTr2(null));
    expect(lab.neighbor(TR2.ll)).toBeUndefined();
    const t = lab.now;
    replyHops(lab);
    expect(multicastSolicits(lab, TR2.ll, t).length).toBe(1);
  });

  it('v6LC.2.3.14 (oversized Redirected Header): a Redirect whose Redirected Header makes it exceed 1280 bytes is still accepted', () => {
    const lab = bench();
    lab.send(toTr2(TR2.mac, 1400));
    expect(replyHops(lab)).toEqual([TR2.mac]);
  });
});
