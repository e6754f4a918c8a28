// Conformance §2 A: message validation (RFC 4861 §6.1, §7.1, §8.1; RFC 6980)
// through the whole stack on a simulated link. Each invalid message is sent
// by the tester; the judgement is TAHI's: nothing answered, nothing learnt,
// and a later exchange shows the node's state did not change.

import { describe, expect, it } from 'vitest';
import type { EthernetFrame } from '../../src/packet/types.ts';
import {
  atomicFragment,
  badChecksum,
  echo,
  echoReplies,
  expectFrames,
  fragments,
  makeIncomplete,
  multicastSolicits,
  na,
  ns,
  NUT_GA,
  NUT_LL,
  pio,
  ra,
  redirect,
  rs,

  simPair,
  TAHI_HOST_SYSCTL,
  TN1,
  TN2,
  TR1,
  TR2,
  truncated,
  withRouter,
  zeroLengthOption,
  type Lab,
} from './harness.ts';

const host = (): Lab => simPair({ sysctl: TAHI_HOST_SYSCTL }).ready();

type Bytes = EthernetFrame | Uint8Array;

/** The NUT did not learn TN1 from what it got: the next echo needs a multicast NS. */
function expectNoEntryFor(lab: Lab, p: typeof TN1): void {
  expect(lab.neighbor(p.ll)).toBeUndefined();
  const t = lab.now;
  lab.send(echo(p, { seq: 77 }));
  expect(multicastSolicits(lab, p.ll, t).length).toBe(1);
}

describe('v6LC.2.1.7 D–H invalid NS (RFC 4861 §7.1.1)', () => {
  const good = () => ns(TN1);
  const parts: [string, string, () => Bytes][] = [
    ['D', 'hop limit 254', () => ns(TN1, { hopLimit: 254 })],
    ['E', 'bad checksum', () => badChecksum(good())],
    ['F', 'code 1', () => ns(TN1, { code: 1 })],
    ['G', 'ICMP length 20 (< 24)', () => truncated(ns(TN1, { slla: null }), 20)],
    ['H', 'an option of length 0', () => zeroLengthOption(good())],
  ];
  it('v6LC.2.1.7 (control): the valid NS is answered', () => {
    const lab = host();
    const t = lab.now;
    lab.send(good());
    expectFrames(lab.sink, { type: 136, since: t }, 1);
  });
  for (const [part, what, make] of parts) {
    it(`v6LC.2.1.7 ${part}: NS with ${what} is dropped: no NA, no entry for TN1`, () => {
      const lab = host();
      const t = lab.now;
      lab.send(make());
      lab.run(1);
      expect(lab.frames({ type: 136, since: t })).toEqual([]);
      expectNoEntryFor(lab, TN1);
    });
  }
});

describe('v6LC.2.1.7 A–C NS with bad addressing (RFC 4861 §7.1.1)', () => {
  const parts: [string, string, () => Bytes][] = [
    ['A', 'a multicast target (all-nodes)', () => ns(TN1, { target: 'ff02::1', dst: NUT_LL })],
    ['B', 'source :: sent to the NUT\'s unicast address', () => ns(TN1, { src: '::', dst: NUT_LL })],
    ['C', 'source :: to the solicited-node group with an SLLA', () => ns(TN1, { src: '::', slla: TN1.mac })],
  ];
  for (const [part, what, make] of parts) {
    it(`v6LC.2.1.7 ${part}: NS with ${what} is dropped: no NA`, () => {
      const lab = host();
      const t = lab.now;
      lab.send(make());
      lab.run(1);
      expect(lab.frames({ type: 136, since: t })).toEqual([]);
      expect(lab.neighbor(TN1.ll)).toBeUndefined();
    });
  }

  it('v6LC.2.1.7 (control for B/C): a valid DAD NS for the NUT\'s address is answered to all-nodes', () => {
    const lab = host();
    const t = lab.now;
    lab.send(ns(TN1, { src: '::' }));
    expectFrames(lab.sink, { type: 136, since: t, dst: 'ff02::1' }, 1);
  });
});

describe('v6LC.2.1.15 A–G invalid NA (RFC 4861 §7.1.2)', () => {
  const parts: [string, string, () => Bytes][] = [
    ['A', 'S=1 sent to a multicast destination', () => na(TN1, { S: true, dst: 'ff02::1' })],
    ['B', 'hop limit 254', () => na(TN1, { hopLimit: 254 })],
    ['C', 'bad checksum', () => badChecksum(na(TN1))],
    ['D', 'code 1', () => na(TN1, { code: 1 })],
    ['E', 'ICMP length 20 (< 24)', () => truncated(na(TN1, { tlla: null }), 20)],
    ['F', 'a multicast target', () => na(TN1, { target: 'ff02::1', src: TN1.ll })],
    ['G', 'an option of length 0', () => zeroLengthOption(na(TN1))],
  ];
  it('v6LC.2.1.15 (control): the valid NA completes resolution', () => {
    const lab = host();
    makeIncomplete(lab, TN1);
    lab.send(na(TN1));
    expect(lab.neighbor(TN1.ll)?.state).toBe('REACHABLE');
  });
  for (const [part, what, make] of parts) {
    it(`v6LC.2.1.15 ${part}: NA with ${what} is dropped: entry stays INCOMPLETE, 3 multicast NS`, () => {
      const lab = host();
      const t = lab.now;
      makeIncomplete(lab, TN1);
      lab.run(0.3).send(make());
      expect(lab.neighbor(TN1.ll)?.state).toBe('INCOMPLETE');
      lab.run(4);
      expect(multicastSolicits(lab, TN1.ll, t).length).toBe(3);
      expect(echoReplies(lab, t)).toEqual([]);
    });
  }
});

describe('v6LC.2.2.12 A–F / 2.2.2 C–F invalid RA (RFC 4861 §6.1.2, §6.3.7)', () => {
  const parts: [string, string, () => Bytes][] = [
    ['A', 'a global source address', () => ra(TR1, { src: TR1.ga })],
    ['B', 'hop limit 254', () => ra(TR1, { hopLimit: 254 })],
    ['C', 'bad checksum', () => badChecksum(ra(TR1))],
    ['D', 'code 1', () => ra(TR1, { code: 1 })],
    ['E', 'ICMP length 14 (< 16)', () => truncated(ra(TR1, { slla: null, prefixes: [] }), 14)],
    ['F', 'an option of length 0', () => zeroLengthOption(ra(TR1))],
  ];
  it('v6LC.2.2.12 (control): the valid RA after the first RS makes TR1 a router, stops RSs', () => {
    const lab = simPair({ sysctl: TAHI_HOST_SYSCTL });
    lab.runTo(1.5).send(ra(TR1));
    lab.runTo(15);
    expect(lab.frames({ type: 133 }).length).toBe(1);
    expect(lab.iface().rd.routers.size).toBe(1);
  });
  for (const [part, what, make] of parts) {
    it(`v6LC.2.2.12 ${part}: RA with ${what} is dropped: no router, no entry for TR1, RSs continue (3 in all)`, () => {
      const lab = simPair({ sysctl: TAHI_HOST_SYSCTL });
      lab.runTo(1.5);
      expect(lab.frames({ type: 133 }).length).toBe(1);
      lab.send(make());
      lab.runTo(15);
      expect(lab.frames({ type: 133 }).length).toBe(3);
      expect(lab.iface().rd.routers.size).toBe(0);
      expect(lab.iface().addresses.get(NUT_GA)).toBeUndefined();
      expectNoEntryFor(lab, TR1);
    });
  }
});

describe('v6LC.2.2.3 A–C a host ignores RS (RFC 4861 §6.2.6)', () => {
  for (const [part, dst] of [['A', 'ff02::2'], ['B', 'ff02::1'], ['C', NUT_LL]] as const) {
    it(`v6LC.2.2.3 ${part}: RS with SLLA to ${dst} is ignored and its SLLA not learnt`, () => {
      const lab = host();
      const t = lab.now;
      lab.send(rs(TN1, { dst }));
      lab.run(1);
      expect(lab.frames({ type: 134, since: t })).toEqual([]);
      expectNoEntryFor(lab, TN1);
    });
  }
});

/** A host with TR1 as default router, answering off-link TN2 through TR1. */
function redirectBench(): Lab {
  const lab = host();
  withRouter(lab);
  lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via: TR1 }));
  expect(echoReplies(lab, 0).map((r) => r.ethDst)).toEqual([TR1.mac]);
  return lab;
}

function firstHopAfter(lab: Lab): string[] {
  const t = lab.now;
  lab.send(echo(TN2, { src: TN2.ga, dst: NUT_GA, via: TR1, seq: 2 }));
  lab.run(0.1);
  return echoReplies(lab, t).map((r) => r.ethDst);
}

describe('v6LC.2.3.3 / 2.3.6 / 2.3.15 A–I invalid Redirect (RFC 4861 §8.1)', () => {
  for (const kind of ['better router', 'on-link'] as const) {
    const target = kind === 'better router' ? TR2.ll : TN2.ga;
    const tlla = kind === 'better router' ? TR2.mac : TN2.mac;
    const base = { target, destination: TN2.ga, tlla, redirected: 48 };
    const parts: [string, string, () => Bytes][] = [
      ['A', 'a global source address', () => redirect(TR1, { ...base, src: TR1.ga })],
      ['B', 'a source that is not the current first hop (TR2)', () => redirect(TR2, base)],
      ['C', 'hop limit 254', () => redirect(TR1, { ...base, hopLimit: 254 })],
      ['D', 'code 1', () => redirect(TR1, { ...base, code: 1 })],
      ['E', 'bad checksum', () => badChecksum(redirect(TR1, base))],
      ['F', 'a multicast Destination', () => redirect(TR1, { ...base, destination: 'ff1e::1' })],
      ['G', 'a multicast Target', () => redirect(TR1, { ...base, target: 'ff02::1' })],
      ['H', 'ICMP length 32 (< 40)', () => truncated(redirect(TR1, { ...base, tlla: null, redirected: 0 }), 32)],
      ['I', 'an option of length 0', () => zeroLengthOption(redirect(TR1, base))],
    ];
    it(`v6LC.2.3.3 (control, ${kind}): the valid Redirect changes the first hop`, () => {
      const lab = redirectBench();
      lab.send(redirect(TR1, base));
      expect(firstHopAfter(lab)).toEqual([tlla]);
    });
    for (const [part, what, make] of parts) {
      it(`v6LC.2.3.3 ${part} (${kind}): Redirect with ${what} is dropped: replies still via TR1, no entry for the target`, () => {
        const lab = redirectBench();
        lab.send(make());
        expect(firstHopAfter(lab)).toEqual([TR1.mac]);
        expect(lab.neighbor(target)).toBeUndefined();
      });
    }
  }
});

describe('unknown and misplaced options are skipped (RFC 4861 §4.6, §6.1.2, §8.1)', () => {
  it('gVisor TestRouterAdvertValidation/OKWithOptions: an RA with an unknown option type 255 still takes effect', () => {
    const lab = host();
    withRouter(lab, { extra: [{ type: 255, unknown: true, body: new Uint8Array(6) }] });
    expect(lab.iface().rd.routers.size).toBe(1);
    expect(lab.iface().addresses.addressUse(NUT_GA)).toBe('preferred');
  });

  const extras: [string, string, Parameters<typeof redirect>[1]['extra'], number | undefined][] = [
    ['2.3.2 A', 'an unknown option type 255', [{ type: 255, unknown: true, body: new Uint8Array(6) }], undefined],
    ['2.3.8 A', 'an MTU option', [{ type: 5, mtu: 1500 }], undefined],
    ['2.3.8 B', 'a Prefix Information option', [pio()], undefined],
    ['2.3.8 C', 'an SLLA option and a non-zero Reserved field', [{ type: 1, lladdr: TR1.mac }], 0xffffffff],
  ];
  for (const [id, what, extra, reserved] of extras) {
    it(`v6LC.${id}: a Redirect with ${what} is still processed: the first hop becomes TR2`, () => {
      const lab = redirectBench();
      lab.send(redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla: TR2.mac, extra, reserved, redirected: 48 }));
      expect(firstHopAfter(lab)).toEqual([TR2.mac]);
    });
  }
});

describe('RFC 6980 §5: fragmented ND is dropped (v6LC.2.1.22/23, 2.2.26/27, 2.3.18/19)', () => {
  it('v6LC.2.1.22 A: an NS in an atomic fragment gets no NA and teaches nothing', () => {
    const lab = host();
    const t = lab.now;
    lab.send(atomicFragment(ns(TN1)));
    lab.run(1);
    expect(lab.frames({ type: 136, since: t })).toEqual([]);
    expect(lab.drops()).toContain('nd-fragmented');
    expectNoEntryFor(lab, TN1);
  });

  it('v6LC.2.1.23 A: an NS in two fragments gets no NA (the stack does not reassemble ND)', () => {
    const lab = host();
    const t = lab.now;
    for (const b of fragments(ns(TN1))) lab.send(b);
    lab.run(1);
    expect(lab.frames({ type: 136, since: t })).toEqual([]);
    expect(lab.neighbor(TN1.ll)).toBeUndefined();
  });

  for (const [id, split] of [['2.1.22 B', false], ['2.1.23 B', true]] as const) {
    it(`v6LC.${id}: an NA ${split ? 'in two fragments' : 'in an atomic fragment'} does not complete resolution: the entry stays INCOMPLETE`, () => {
      const lab = host();
      makeIncomplete(lab, TN1);
      lab.run(0.3);
      if (split) for (const b of fragments(na(TN1))) lab.send(b);
      else lab.send(atomicFragment(na(TN1)));
      expect(lab.neighbor(TN1.ll)?.state).toBe('INCOMPLETE');
    });
  }

  it('v6LC.2.2.27: an RA in an atomic fragment, or in two fragments, is not applied', () => {
    const lab = host();
    lab.send(atomicFragment(ra(TR1)));
    for (const b of fragments(ra(TR1))) lab.send(b);
    lab.run(3);
    expect(lab.iface().rd.routers.size).toBe(0);
    expect(lab.iface().addresses.get(NUT_GA)).toBeUndefined();
  });

  it('v6LC.2.2.26 (router): an RS in an atomic fragment gets no RA', () => {
    const lab = simPair({ role: 'router', radvd: { MinRtrAdvInterval: 200, MaxRtrAdvInterval: 600 } }).ready();
    lab.run(60); // past the initial RAs
    const t = lab.now;
    lab.send(atomicFragment(rs(TN1)));
    lab.run(1);
    expect(lab.frames({ type: 134, since: t })).toEqual([]);
    lab.send(rs(TN1));
    lab.run(1);
    expect(lab.frames({ type: 134, since: t }).length).toBe(1);
  });

  it('v6LC.2.3.18/19: a Redirect in an atomic fragment, or in two fragments, leaves TR1 as first hop', () => {
    const lab = redirectBench();
    const base = { target: TR2.ll, destination: TN2.ga, tlla: TR2.mac, redirected: 48 };
    lab.send(atomicFragment(redirect(TR1, base)));
    for (const b of fragments(redirect(TR1, base))) lab.send(b);
    expect(firstHopAfter(lab)).toEqual([TR1.mac]);
    expect(lab.neighbor(TR2.ll)).toBeUndefined();
  });
});

