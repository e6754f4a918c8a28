// Conformance §2 G: router-side behaviour (RFC 4861 §6.2, §7.2.4, §8.2;
// RFC 4191) of a NodeStack router running radvd, on a simulated link: its
// RA schedule, answers to RSs, the final RA, its neighbour cache fed by RSs,
// NAs with R=1, and what it does with Redirects.

import { describe, expect, it } from 'vitest';
import { validate, RULES } from '../../src/packet/validate.ts';
import type { RouteInformationOption } from '../../src/packet/types.ts';
import type { TxEvent } from '../../src/sim/trace.ts';
import {
  badChecksum,
  echo,
  echoReplies,
  expectFrames,
  makeIncomplete,
  makeProbe,
  makeReachable,
  makeStale,
  multicastSolicits,
  naOf,
  ns,
  NUT_LL,
  NUT_MAC,
  option,
  OTHER_MAC,
  ra,
  raOf,
  redirect,
  rs,
  S,
  simLan,
  simPair,
  TN1,
  TN2,
  TR1,
  TR2,
  truncated,
  unicastProbes,
  zeroLengthOption,
  type Lab,
  type NodeDef,
} from './harness.ts';
import type { RadvdConfigInput } from '../../src/nd/radvd-config.ts';

const PREFIXES = [{ prefix: '2001:db8:1::/64' }];
/** A router; by default its initial RAs are over and the next one is minutes away. */
function router(radvd: RadvdConfigInput = {}, extra: Partial<NodeDef> = {}, settle = 60): Lab {
  const lab = simPair({ role: 'router', radvd: { prefixes: PREFIXES, ...radvd }, ...extra }).ready();
  lab.run(settle);
  return lab;
}

const ras = (lab: Lab, since = 0, ifname?: string) => lab.frames({ type: 134, since, ifname });
const gaps = (times: number[]) => times.slice(1).map((t, i) => (t - times[i]) / S);

describe('v6LC.2.2.5 / 2.2.6 what a router advertises and where (RFC 4861 §6.1.2, §6.2.2)', () => {
  it('v6LC.2.2.5: every RA passes host validation: link-local source, hop limit 255, code 0, length ≥ 16, valid checksum', () => {
    const lab = router({}, {}, 120);
    const sent = lab.sink.ofType('tx').filter((e: TxEvent) => e.node === 'nut' && e.frame?.ipv6?.icmpv6?.type === 134);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const e of sent) {
      expect(e.checksumValid).toBe(true);
      expect(e.icmpv6Length).toBeGreaterThanOrEqual(16);
      const discards = validate(e.frame!, e.checksumValid).filter((v) => RULES[v.rule as keyof typeof RULES]?.effect === 'discard');
      expect(discards).toEqual([]);
      expect(e.frame!.ipv6).toMatchObject({ src: NUT_LL, hopLimit: 255 });
      expect(e.frame!.ipv6!.icmpv6!.code).toBe(0);
    }
  });

  it('v6LC.2.2.5 (whole stack): a host on the link accepts the router\'s RAs: default router and a SLAAC address', () => {
    const lab = simLan([{ name: 'r', role: 'router', radvd: { prefixes: PREFIXES } }, { name: 'h', sysctl: { router_solicitations: 3 } }]);
    lab.run(10);
    const rLl = lab.iface('r').addresses.usableLinkLocal();
    expect(lab.iface('h').rd.routers.entries().map((e) => e.router)).toEqual([rLl]);
    expect(lab.iface('h').addresses.entries().some((e) => e.address.startsWith('2001:db8:1:0:') && !e.tentative)).toBe(true);
  });

  it('v6LC.2.2.6 A: RAs go out only on the advertising interface (eth0), never on eth1', () => {
    const lab = router({}, { secondLink: 'lan1' }, 120);
    expect(ras(lab, 0, 'eth0').length).toBeGreaterThanOrEqual(3);
    expect(ras(lab, 0, 'eth1')).toEqual([]);
  });

  it('v6LC.2.2.6 B: with AdvSendAdvert off, no RA at all, even when solicited', () => {
    const lab = router({ AdvSendAdvert: false }, {}, 120);
    lab.send(rs(TN1)).run(1);
    expect(ras(lab)).toEqual([]);
  });
});

describe('v6LC.2.2.7 the unsolicited RA schedule (RFC 4861 §6.2.4)', () => {
  it('v6LC.2.2.7 A: the first RAs come at intervals ≤ MAX_INITIAL_RTR_ADVERT_INTERVAL (16 s), then in [Min, Max]RtrAdvInterval', () => {
    const lab = router({ MaxRtrAdvInterval: 600, MinRtrAdvInterval: 198 }, {}, 3000);
    const g = gaps(ras(lab).map((f) => f.time));
    expect(g.length).toBeGreaterThanOrEqual(6);
    expect(g[0]).toBeLessThanOrEqual(16);
    expect(g[1]).toBeLessThanOrEqual(16);
    for (const x of g.slice(2)) {
      expect(x).toBeGreaterThanOrEqual(198);
      expect(x).toBeLessThanOrEqual(600);
    }
  });

  it('v6LC.2.2.7 B (Min 5 s, Max 10 s): every interval is in [5, 10] s, drawn at random (not all equal)', () => {
    const lab = router({ MaxRtrAdvInterval: 10, MinRtrAdvInterval: 5 }, {}, 200);
    const g = gaps(ras(lab).map((f) => f.time));
    expect(g.length).toBeGreaterThanOrEqual(15);
    for (const x of g) {
      expect(x).toBeGreaterThanOrEqual(5);
      expect(x).toBeLessThanOrEqual(10);
    }
    expect(new Set(g.map((x) => x.toFixed(3))).size).toBeGreaterThan(3);
  });
});

describe('v6LC.2.2.7 C–F / 2.2.13 / 2.2.15 B advertised values (RFC 4861 §6.2.1)', () => {
  it('v6LC.2.2.7 C/D: the RA carries the configured values, and zero-ending and site-local prefixes as configured', () => {
    const lab = router(
      {
        AdvManagedFlag: true, AdvOtherConfigFlag: true, AdvLinkMTU: 1400, AdvReachableTime: 10000, AdvRetransTimer: 2000,
        AdvCurHopLimit: 100, AdvDefaultLifetime: 1800,
        prefixes: [
          { prefix: '2001:db8:1::/64', AdvValidLifetime: 3600, AdvPreferredLifetime: 1800 },
          { prefix: '8000::/64', AdvOnLink: false },
          { prefix: 'fec0:0:0:1::/64', AdvAutonomous: false },
        ],
      },
      {},
      5,
    );
    const m = raOf(ras(lab)[0]);
    expect(m).toMatchObject({ curHopLimit: 100, routerLifetime: 1800, reachableTime: 10000, retransTimer: 2000, flags: { M: true, O: true } });
    expect(option(m, 5)).toMatchObject({ mtu: 1400 });
    expect(option(m, 1)).toEqual({ type: 1, lladdr: NUT_MAC });
    const pios = m.options.filter((o) => o.type === 3);
    expect(pios).toMatchObject([
      { prefix: '2001:db8:1::', prefixLength: 64, L: true, A: true, validLifetime: 3600, preferredLifetime: 1800 },
      { prefix: '8000::', L: false, A: true },
      { prefix: 'fec0:0:0:1::', L: true, A: false },
    ]);
  });

  it('v6LC.2.2.7 E: the largest configurable values are advertised as configured', () => {
    const lab = router(
      { AdvCurHopLimit: 255, AdvDefaultLifetime: 9000, AdvReachableTime: 3_600_000, AdvRetransTimer: 4294967295, prefixes: [{ prefix: '2001:db8:1::/64', AdvValidLifetime: 'infinity', AdvPreferredLifetime: 'infinity' }] },
      {},
      5,
    );
    const m = raOf(ras(lab)[0]);
    expect(m).toMatchObject({ curHopLimit: 255, routerLifetime: 9000, reachableTime: 3_600_000, retransTimer: 4294967295 });
    expect(option(m, 3)).toMatchObject({ validLifetime: 0xffffffff, preferredLifetime: 0xffffffff });
  });

  it('v6LC.2.2.7 F: the smallest values (unspecified hop limit, reachable and retrans timers; lifetime 0: not a default router) are advertised as configured', () => {
    const lab = router({ AdvCurHopLimit: 0, AdvDefaultLifetime: 0, AdvReachableTime: 0, AdvRetransTimer: 0, prefixes: [{ prefix: '2001:db8:1::/64', AdvValidLifetime: 0, AdvPreferredLifetime: 0 }] }, {}, 5);
    const m = raOf(ras(lab)[0]);
    expect(m).toMatchObject({ curHopLimit: 0, routerLifetime: 0, reachableTime: 0, retransTimer: 0 });
    expect(option(m, 3)).toMatchObject({ validLifetime: 0, preferredLifetime: 0 });
  });

  it('v6LC.2.2.13 / 2.2.15 B (router): the router itself uses its configured reachable time (base_reachable_time_ms 10000 → REACHABLE lasts 5–15 s)', () => {
    const lab = router({}, { sysctl: { base_reachable_time_ms: 10000 } });
    makeReachable(lab, TN1);
    const t = lab.now;
    lab.run(20);
    const stale = lab.states({ machine: 'neighbor', key: TN1.ll, since: t }).find((e) => e.to === 'STALE');
    expect(stale).toBeDefined();
    expect((stale!.time - t) / S).toBeGreaterThanOrEqual(5);
    expect((stale!.time - t) / S).toBeLessThanOrEqual(15);
  });
});

describe('v6LC.2.2.8 final RAs (RFC 4861 §6.2.5)', () => {
  it('v6LC.2.2.8: when advertising stops the router sends 1–3 final RAs with Router Lifetime 0, then nothing', () => {
    const lab = router({ MaxRtrAdvInterval: 10, MinRtrAdvInterval: 5 });
    const t = lab.now;
    lab.command('radvd-stop');
    lab.run(60);
    const finals = ras(lab, t);
    expect(finals.length).toBeGreaterThanOrEqual(1);
    expect(finals.length).toBeLessThanOrEqual(3);
    for (const f of finals) expect(raOf(f).routerLifetime).toBe(0);
    expect(finals[finals.length - 1].time - t).toBeLessThan(10 * S);
  });

  it('v6LC.2.2.8 (whole stack): a host drops the router at once on the final RA', () => {
    const lab = simLan([{ name: 'r', role: 'router', radvd: { prefixes: PREFIXES } }, { name: 'h', sysctl: { router_solicitations: 3 } }]);
    lab.run(10);
    expect(lab.iface('h').rd.routers.size).toBe(1);
    lab.command('radvd-stop', {}, 'r');
    lab.run(0.01);
    expect(lab.iface('h').rd.routers.size).toBe(0);
  });
});

describe('v6LC.2.2.9 answering RSs (RFC 4861 §6.2.6)', () => {
  it('v6LC.2.2.9 A: an RS is answered within MAX_RA_DELAY_TIME (0.5 s) by a multicast RA (AdvRASolicitedUnicast off)', () => {
    const lab = router({ AdvRASolicitedUnicast: false });
    const t = lab.now;
    lab.send(rs(TN1));
    lab.run(1);
    const [f] = expectFrames(lab.sink, { type: 134, since: t }, 1);
    expect(f.ip.dst).toBe('ff02::1');
    expect(f.time - t).toBeLessThanOrEqual(0.5 * S);
  });

  it('v6LC.2.2.9 A (AdvRASolicitedUnicast on, RFC 7772): the answer is unicast to the solicitor within 0.5 s', () => {
    const lab = router();
    const t = lab.now;
    lab.send(rs(TN1));
    lab.run(1);
    const [f] = expectFrames(lab.sink, { type: 134, since: t }, 1);
    expect(f.ip.dst).toBe(TN1.ll);
    expect(f.frame.dst).toBe(TN1.mac);
    expect(f.time - t).toBeLessThanOrEqual(0.5 * S);
  });

  it('v6LC.2.2.9 B: with an RS every 0.5 s for 12 s, multicast RAs are at least MIN_DELAY_BETWEEN_RAS (3 s) apart', () => {
    const lab = router({ AdvRASolicitedUnicast: false });
    const t = lab.now;
    for (let i = 0; i < 24; i++) lab.send(rs(TN1)).run(0.5);
    const times = ras(lab, t).map((f) => f.time);
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times.length).toBeLessThanOrEqual(5);
    for (const g of gaps(times)) expect(g).toBeGreaterThanOrEqual(3);
  });
});

describe('v6LC.2.2.4 A–F invalid RS (RFC 4861 §6.1.1)', () => {
  it('v6LC.2.2.4 (control): a valid RS is answered', () => {
    const lab = router();
    const t = lab.now;
    lab.send(rs(TN1)).run(1);
    expect(ras(lab, t).length).toBe(1);
  });
  const parts: [string, string, () => Uint8Array | ReturnType<typeof rs>][] = [
    ['A', 'hop limit 254', () => rs(TN1, { hopLimit: 254 })],
    ['B', 'a bad checksum', () => badChecksum(rs(TN1))],
    ['C', 'code 1', () => rs(TN1, { code: 1 })],
    ['D', 'ICMP length 4 (< 8)', () => truncated(rs(TN1, { slla: null }), 4)],
    ['E', 'an option of length 0', () => zeroLengthOption(rs(TN1))],
    ['F', 'source :: and an SLLA', () => rs(TN1, { src: '::', slla: TN1.mac })],
  ];
  for (const [part, what, make] of parts) {
    it(`v6LC.2.2.4 ${part}: an RS with ${what} is dropped: no RA, no entry`, () => {
      const lab = router();
      const t = lab.now;
      lab.send(make()).run(1);
      expect(ras(lab, t)).toEqual([]);
      expect(lab.neighbor(TN1.ll)).toBeUndefined();
    });
  }
});

describe('v6LC.2.2.10 A–I an RS and the router\'s neighbour cache (RFC 4861 §6.2.6, §7.3.3)', () => {
  const rsFrom = (slla: string | null) => rs(TN1, { slla });

  it('v6LC.2.2.10 (no entry, SLLA): STALE is created: echo reply to the SLLA, unicast probe 5 s later', () => {
    const lab = router();
    lab.send(rsFrom(TN1.mac));
    expect(lab.neighbor(TN1.ll)).toMatchObject({ state: 'STALE', lladdr: TN1.mac });
    const t = lab.now;
    lab.send(echo(TN1));
    expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TN1.mac]);
    lab.run(5.5);
    expect(unicastProbes(lab, TN1.ll, t).length).toBe(1);
  });

  it('v6LC.2.2.10 (no entry, no SLLA): no entry; the echo makes the router send a multicast NS', () => {
    const lab = router();
    lab.send(rsFrom(null));
    expect(lab.neighbor(TN1.ll)).toBeUndefined();
    const t = lab.now;
    lab.send(echo(TN1));
    expect(multicastSolicits(lab, TN1.ll, t).length).toBe(1);
  });

  it('v6LC.2.2.10 (INCOMPLETE, SLLA): STALE with the address; the queued reply goes out', () => {
    const lab = router();
    const t = lab.now;
    makeIncomplete(lab, TN1);
    lab.send(rsFrom(TN1.mac));
    expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TN1.mac]);
  });

  const setups: [string, (lab: Lab) => void][] = [
    ['REACHABLE', (lab) => makeReachable(lab, TN1)],
    ['STALE', (lab) => makeStale(lab, TN1)],
    ['PROBE', (lab) => makeProbe(lab, TN1)],
  ];
  for (const [state, setup] of setups) {
    it(`v6LC.2.2.10 (${state}, changed SLLA): STALE with the new address`, () => {
      const lab = router();
      setup(lab);
      lab.send(rsFrom(OTHER_MAC));
      expect(lab.neighbor(TN1.ll)).toMatchObject({ state: 'STALE', lladdr: OTHER_MAC });
    });
    it(`v6LC.2.2.10 (${state}, same SLLA): unchanged`, () => {
      const lab = router();
      setup(lab);
      lab.send(rsFrom(TN1.mac));
      expect(lab.neighbor(TN1.ll)).toMatchObject({ state, lladdr: TN1.mac });
    });
  }
});

describe('v6LC.2.1.8–2.1.12 (router runs): NAs carry R=1 (RFC 4861 §7.2.4)', () => {
  it('v6LC.2.1.8 B (router): multicast NS with SLLA → NA S=1 O=1 R=1 with TLLA', () => {
    const lab = router();
    const t = lab.now;
    lab.send(ns(TN1));
    const m = naOf(expectFrames(lab.sink, { type: 136, since: t, dst: TN1.ll }, 1)[0]);
    expect(m.flags).toEqual({ R: true, S: true, O: true });
    expect(option(m, 2)).toEqual({ type: 2, lladdr: NUT_MAC });
  });

  it('v6LC.2.1.8 A (router): unicast NS → NA with R=1, S=1', () => {
    const lab = router();
    const t = lab.now;
    lab.send(ns(TN1, { dst: NUT_LL }));
    expect(naOf(expectFrames(lab.sink, { type: 136, since: t }, 1)[0]).flags).toMatchObject({ R: true, S: true });
  });

  it('v6LC.2.1.9 (router): INCOMPLETE + NS with SLLA → the NA and the queued reply go out, the NA with R=1', () => {
    const lab = router();
    const t = lab.now;
    makeIncomplete(lab, TN1);
    lab.send(ns(TN1));
    expect(echoReplies(lab, t).map((r) => r.ethDst)).toEqual([TN1.mac]);
    expect(naOf(expectFrames(lab.sink, { type: 136, since: t }, 1)[0]).flags.R).toBe(true);
  });
});

describe('v6LC.2.3.17 Redirects and routers (RFC 4861 §8.2)', () => {
  it('v6LC.2.3.17: a router ignores Redirects: its own traffic to off-link TN2 keeps going via TR1', () => {
    // accept_ra=2 lets the router learn TR1 as its default router.
    const lab = router({}, { sysctl: { accept_ra: 2 } });
    const own = '2001:db8:1::1';
    lab.command('ip-addr-add', { address: own, prefixLength: 64, nodad: true });
    lab.send(ra(TR1));
    const ping = () => {
      const t = lab.now;
      lab.command('ping', { to: TN2.ga, count: 1 });
      lab.run(0.1);
      return lab.frames({ type: 128, since: t }).map((f) => f.frame.dst);
    };
    expect(ping()).toEqual([TR1.mac]);
    const t = lab.now;
    lab.send(redirect(TR1, { target: TR2.ll, destination: TN2.ga, tlla: TR2.mac, dst: own, redirected: 48 }));
    expect(lab.drops('nut', t)).toContain('redirect-on-router');
    expect(ping()).toEqual([TR1.mac]);
    expect(lab.neighbor(TR2.ll)).toBeUndefined();
  });
});

describe('v6LC.2.2.20 / 2.2.21 RFC 4191 on the router (Prf bits, Route Information)', () => {
  for (const [part, pref, bits] of [['A', 'high', 0b01], ['B', 'low', 0b11], ['C', 'medium', 0b00]] as const) {
    it(`v6LC.2.2.20 ${part}: AdvDefaultPreference ${pref} → Prf bits ${bits.toString(2).padStart(2, '0')} in every RA`, () => {
      const lab = router({ AdvDefaultPreference: pref }, {}, 40);
      const sent = lab.sink.ofType('tx').filter((e: TxEvent) => e.node === 'nut' && e.frame?.ipv6?.icmpv6?.type === 134);
      expect(sent.length).toBeGreaterThanOrEqual(3);
      for (const e of sent) expect((e.bytes[14 + 40 + 5] >> 3) & 0b11).toBe(bits);
    });
  }

  it('v6LC.2.2.21 A–E: Route Information options (type 24) carry the configured prefix, length, lifetime and preference, Reserved 0', () => {
    const lab = router(
      {
        routes: [
          { route: '2001:db8:2::/64', AdvRoutePreference: 'high', AdvRouteLifetime: 1800 },
          { route: '2001:db8::/48', AdvRoutePreference: 'low', AdvRouteLifetime: 600 },
          { route: '2001:db8:3::1:0:0/96', AdvRoutePreference: 'medium', AdvRouteLifetime: 300 },
          { route: '::/0', AdvRoutePreference: 'low', AdvRouteLifetime: 100 },
        ],
      },
      {},
      5,
    );
    const e = lab.sink.ofType('tx').find((x: TxEvent) => x.node === 'nut' && x.frame?.ipv6?.icmpv6?.type === 134)!;
    const rios = (e.frame!.ipv6!.icmpv6 as { options: RouteInformationOption[] }).options.filter((o) => o.type === 24);
    expect(rios).toMatchObject([
      { prefix: '2001:db8:2::', prefixLength: 64, prf: 'high', routeLifetime: 1800 },
      { prefix: '2001:db8::', prefixLength: 48, prf: 'low', routeLifetime: 600 },
      { prefix: '2001:db8:3::1:0:0', prefixLength: 96, prf: 'medium', routeLifetime: 300 },
      { prefix: '::', prefixLength: 0, prf: 'low', routeLifetime: 100 },
    ]);
    // On the wire: walk the options for the Length byte and the Reserved bits.
    const b = e.bytes;
    const lengths: number[] = [];
    for (let off = 14 + 40 + 16; off < b.length; off += b[off + 1] * 8) {
      if (b[off] !== 24) continue;
      lengths.push(b[off + 1]);
      expect(b[off + 3] & 0b11100111).toBe(0); // Resvd bits around Prf
    }
    expect(lengths[0]).toBeGreaterThanOrEqual(2); // /64: 2 (or 3)
    expect(lengths[1]).toBeGreaterThanOrEqual(2); // /48
    expect(lengths[2]).toBe(3); // /96
    expect(lengths[3]).toBeGreaterThanOrEqual(1); // /0
  });
});
