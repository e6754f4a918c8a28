// Neighbour cache and NUD, driven directly on the class with a fake clock
// that plays the driver's part (applies setTimer/cancelTimer, fires due
// timers in order). Test names carry the conformance.md row they cover.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AddressUse, InterfaceView, LinkParameters } from '../../src/nd/interface-view.ts';
import type { Action, StateChange } from '../../src/nd/machine.ts';
import { LINUX_HOST_DEFAULTS, initialLinkParameters, reachableTimeBounds, resolveHostConfig, type HostNdConfig } from '../../src/nd/config.ts';
import { MAX_NEIGHBOR_ADVERTISEMENT, MAX_RANDOM_FACTOR, MIN_RANDOM_FACTOR, randomReachableTimeMs } from '../../src/nd/constants.ts';
import { formatNeighbors } from '../../src/nd/format.ts';
import { NeighborCache, ndPacket, type AddressUnreachable } from '../../src/nd/neighbor-cache.ts';
import type { EthernetFrame, Ip6, Ipv6Packet, Mac, NeighborAdvertisement, NeighborSolicitation } from '../../src/packet/types.ts';
import { A_GUA, A_LL, A_MAC, B_GUA, B_LL, B_MAC } from '../support/seed-nodes.ts';
import { linkParams } from './fake-clock.ts';

const EVIL = '66:66:66:66:66:66';
const S = 1_000_000_000;

interface RigOptions {
  config?: Partial<HostNdConfig>;
  mac?: Mac;
  addrs?: Array<[Ip6, AddressUse]>;
  router?: boolean;
  params?: Partial<LinkParameters>;
}

class Rig {
  now = 0;
  log: Action[] = [];
  timers = new Map<string, number>();
  errors: AddressUnreachable[] = [];
  lost: Ip6[] = [];
  failed: Ip6[] = [];
  readonly addrs: Map<Ip6, AddressUse>;
  readonly view: InterfaceView;
  readonly nc: NeighborCache;
  mac: Mac;

  constructor(o: RigOptions = {}) {
    this.mac = o.mac ?? A_MAC;
    const ll = o.mac === B_MAC ? B_LL : A_LL;
    const gua = o.mac === B_MAC ? B_GUA : A_GUA;
    this.addrs = new Map(o.addrs ?? [[ll, 'preferred'], [gua, 'preferred']]);
    const params = linkParams(o.params);
    this.view = {
      ifname: 'eth0',
      mac: () => this.mac,
      params,
      isRouter: () => o.router ?? false,
      addressUse: (a) => this.addrs.get(a),
      selectSource: (dst) => (dst.startsWith('fe80') || dst.startsWith('ff02') ? ll : gua),
      random: () => 0.5,
    };
    const r = resolveHostConfig(o.config ?? {});
    if (!r.ok) throw new Error(r.errors.join('; '));
    this.nc = new NeighborCache(this.view, r.config, {
      addressUnreachable: (rep) => void this.errors.push(rep),
      routerLost: (a) => void this.lost.push(a),
      neighborFailed: (a) => void this.failed.push(a),
    });
  }

  run(f: (out: Action[]) => void): Action[] {
    const out: Action[] = [];
    f(out);
    for (const a of out) {
      this.log.push(a);
      if (a.kind === 'setTimer') this.timers.set(a.key, a.at);
      if (a.kind === 'cancelTimer') this.timers.delete(a.key);
    }
    return out;
  }

  advance(seconds: number): void {
    const until = this.now + Math.round(seconds * S);
    for (;;) {
      let next: [string, number] | null = null;
      for (const t of this.timers) if (t[1] <= until && (next === null || t[1] < next[1])) next = t;
      if (next === null) break;
      this.timers.delete(next[0]);
      this.now = next[1];
      const [key] = next;
      this.run((out) => this.nc.handleTimer(key, this.now, out));
    }
    this.now = until;
  }

  sendTo(dst: Ip6, src: Ip6 = A_LL, data = 1): Action[] {
    return this.run((out) => this.nc.output(echo(src, dst, data), dst, this.now, out));
  }
  rxNs(src: Ip6, dst: Ip6, target: Ip6, slla?: Mac): Action[] {
    const ns: NeighborSolicitation = { type: 135, code: 0, target, options: slla ? [{ type: 1, lladdr: slla }] : [] };
    return this.run((out) => this.nc.handleNeighborSolicitation(ndPacket(src, dst, ns), ns, this.now, out));
  }
  rxNa(target: Ip6, f: { R?: boolean; S?: boolean; O?: boolean }, tlla?: Mac, src: Ip6 = target): Action[] {
    const na: NeighborAdvertisement = {
      type: 136, code: 0, flags: { R: f.R ?? false, S: f.S ?? false, O: f.O ?? false }, target,
      options: tlla ? [{ type: 2, lladdr: tlla }] : [],
    };
    return this.run((out) => this.nc.handleNeighborAdvertisement(ndPacket(src, A_LL, na), na, this.now, out));
  }
  frames(from = 0): EthernetFrame[] {
    return this.log.slice(from).flatMap((a) => (a.kind === 'send' ? [a.frame] : []));
  }
  ns(from = 0): EthernetFrame[] {
    return this.frames(from).filter((f) => f.ipv6?.icmpv6?.type === 135);
  }
  changes(): StateChange[] {
    return this.log.flatMap((a) => (a.kind === 'notify' ? [a.change] : []));
  }
  state(addr: Ip6) {
    return this.nc.get(addr)?.state;
  }
  /** Makes `addr` REACHABLE at `mac` the ordinary way: packet, NS, solicited NA. */
  resolve(addr: Ip6, mac: Mac, router = false): void {
    this.sendTo(addr);
    this.rxNa(addr, { S: true, O: true, R: router }, mac);
  }
}

function echo(src: Ip6, dst: Ip6, seq = 1): Ipv6Packet {
  return ndPacket(src, dst, { type: 128, code: 0, identifier: 1, sequence: seq, data: new Uint8Array(8) });
}
const nsOf = (f: EthernetFrame) => f.ipv6!.icmpv6 as NeighborSolicitation;
const naOf = (f: EthernetFrame) => f.ipv6!.icmpv6 as NeighborAdvertisement;
const echoes = (fs: EthernetFrame[]) => fs.filter((f) => f.ipv6?.icmpv6?.type === 128);

describe('address resolution (INCOMPLETE)', () => {
  it('v6LC.2.1.5 A: new → INCOMPLETE: multicast NS with SLLA to the solicited-node group, MAX_MULTICAST_SOLICIT NS one RetransTimer apart', () => {
    const r = new Rig();
    r.sendTo(B_GUA);
    expect(r.state(B_GUA)).toBe('INCOMPLETE');
    r.advance(2.5);
    const ns = r.ns();
    expect(ns).toHaveLength(3);
    for (const f of ns) {
      expect(f.dst).toBe('33:33:ff:66:77:88');
      expect(f.src).toBe(A_MAC);
      expect(f.ipv6!.dst).toBe('ff02::1:ff66:7788');
      expect(f.ipv6!.hopLimit).toBe(255);
      expect(nsOf(f).target).toBe(B_GUA);
      expect(nsOf(f).options).toEqual([{ type: 1, lladdr: A_MAC }]);
    }
    const sentAt = r.log.filter((a) => a.kind === 'setTimer').map((a) => (a as { at: number }).at);
    expect(sentAt).toEqual([1 * S, 2 * S, 3 * S]);
  });

  it('RFC 4429 §2.2: an NS from an optimistic link-local address carries no SLLA', () => {
    const r = new Rig({ addrs: [[A_LL, 'optimistic']] });
    r.sendTo(B_LL);
    const [ns] = r.ns();
    expect(ns.ipv6!.src).toBe(A_LL);
    expect(nsOf(ns).options).toEqual([]);
    r.addrs.set(A_LL, 'preferred');
    r.advance(1);
    expect(nsOf(r.ns()[1]).options).toEqual([{ type: 1, lladdr: A_MAC }]);
  });

  it('v6LC.2.1.5 B: NS go out one RetransTimer apart when an RA set RetransTimer = 5000 ms', () => {
    const r = new Rig({ params: { retransTimerMs: 5000 } });
    r.sendTo(B_GUA);
    r.advance(4.9);
    expect(r.ns()).toHaveLength(1);
    r.advance(0.1);
    expect(r.ns()).toHaveLength(2);
  });

  it('mcast_solicit = 5 sends five multicast NS before failing', () => {
    const r = new Rig({ config: { mcast_solicit: 5 } });
    r.sendTo(B_GUA);
    r.advance(10);
    expect(r.ns()).toHaveLength(5);
    expect(r.state(B_GUA)).toBe('FAILED');
  });

  it('v6LC.2.1.2 A/B: packets queue per neighbour while INCOMPLETE; overflow drops the oldest; the rest go out on the NA', () => {
    const r = new Rig({ config: { unres_qlen: 3 } });
    for (let i = 1; i <= 5; i++) r.sendTo(B_GUA, A_LL, i);
    expect(r.nc.get(B_GUA)?.queued).toBe(3);
    expect(r.log.filter((a) => a.kind === 'drop' && a.drop.rule === 'nc-queue-overflow')).toHaveLength(2);
    const mark = r.log.length;
    r.rxNa(B_GUA, { S: true, O: true }, B_MAC);
    const sent = echoes(r.frames(mark));
    expect(sent.map((f) => (f.ipv6!.icmpv6 as { sequence: number }).sequence)).toEqual([3, 4, 5]);
    expect(sent.every((f) => f.dst === B_MAC)).toBe(true);
  });

  it('v6LC.2.1.17 E: INCOMPLETE ignores an NA without TLLA, keeps soliciting, then INCOMPLETE → FAILED with address unreachable for each queued packet', () => {
    const r = new Rig();
    r.sendTo(B_GUA, A_GUA, 1);
    r.sendTo(B_GUA, A_GUA, 2);
    r.rxNa(B_GUA, { S: true, O: true });
    expect(r.state(B_GUA)).toBe('INCOMPLETE');
    r.advance(3);
    expect(r.ns()).toHaveLength(3);
    expect(r.state(B_GUA)).toBe('FAILED');
    expect(r.nc.get(B_GUA)?.lladdr).toBeNull();
    expect(r.errors).toHaveLength(2);
    for (const e of r.errors) {
      expect(e.neighbor).toBe(B_GUA);
      expect(e.error.dst).toBe(A_GUA);
      const msg = e.error.icmpv6 as { type: number; code: number; invoking: Uint8Array };
      expect([msg.type, msg.code]).toEqual([1, 3]);
      expect(msg.invoking[0] >> 4).toBe(6); // the invoking packet's IPv6 header comes first
      expect(msg.invoking.length).toBeLessThanOrEqual(1232);
    }
    expect(r.failed).toEqual([B_GUA]);
    const last = r.changes().at(-1)!;
    expect([last.from, last.to, last.rfc]).toEqual(['INCOMPLETE', 'FAILED', 'RFC 4861 §7.2.2']);
  });

  it('failed_entries = delete (RFC 4861): INCOMPLETE → removed', () => {
    const r = new Rig({ config: { failed_entries: 'delete' } });
    r.sendTo(B_GUA);
    r.advance(3);
    expect(r.nc.get(B_GUA)).toBeUndefined();
    expect(r.changes().at(-1)).toMatchObject({ from: 'INCOMPLETE', to: null });
  });

  it('an ICMPv6 error is never answered with an error (RFC 4443 §2.4 e)', () => {
    const r = new Rig();
    const err = ndPacket(A_GUA, B_GUA, { type: 1, code: 3, invoking: new Uint8Array(0) });
    r.run((out) => r.nc.output(err, B_GUA, r.now, out));
    r.advance(3);
    expect(r.errors).toHaveLength(0);
  });

  it('v6LC.2.1.17 A: INCOMPLETE → REACHABLE on solicited NA with TLLA; queue sent; no probe afterwards', () => {
    const r = new Rig();
    r.sendTo(B_GUA);
    r.rxNa(B_GUA, { S: true, O: true }, B_MAC);
    expect(r.state(B_GUA)).toBe('REACHABLE');
    expect(echoes(r.frames())[0].dst).toBe(B_MAC);
    const mark = r.log.length;
    r.advance(8);
    expect(r.ns(mark)).toHaveLength(0);
  });

  it('v6LC.2.1.17 B: INCOMPLETE → STALE on unsolicited NA with TLLA, the queued packet moves it to DELAY, unicast NS 5 s later', () => {
    const r = new Rig();
    r.sendTo(B_GUA);
    r.rxNa(B_GUA, { S: false, O: true }, B_MAC);
    expect(r.changes().map((c) => c.to)).toEqual(['INCOMPLETE', 'STALE', 'DELAY']);
    const mark = r.log.length;
    r.advance(4.9);
    expect(r.ns(mark)).toHaveLength(0);
    r.advance(0.1);
    const probe = r.ns(mark);
    expect(probe).toHaveLength(1);
    expect([probe[0].dst, probe[0].ipv6!.dst]).toEqual([B_MAC, B_GUA]);
  });

  it('v6LC.2.1.16 A–H: an NA with no matching entry creates nothing, whatever S, O and TLLA say', () => {
    for (const Sf of [false, true]) for (const O of [false, true]) for (const t of [undefined, B_MAC]) {
      const r = new Rig();
      r.rxNa(B_GUA, { S: Sf, O }, t);
      expect(r.nc.entries()).toEqual([]);
      expect(r.frames()).toEqual([]);
    }
  });
});

describe('NUD (REACHABLE, STALE, DELAY, PROBE)', () => {
  it('v6LC.2.1.6 A–D: REACHABLE → STALE → DELAY → PROBE → FAILED, then a new packet → INCOMPLETE → address unreachable', () => {
    const r = new Rig({ params: { reachableTimeMs: 22400 } });
    r.resolve(B_GUA, B_MAC);
    let mark = r.log.length;
    r.sendTo(B_GUA); // upper-layer traffic does not leave REACHABLE
    r.advance(22.3);
    expect(r.state(B_GUA)).toBe('REACHABLE');
    expect(r.ns(mark)).toHaveLength(0);
    r.advance(0.1);
    expect(r.state(B_GUA)).toBe('STALE');
    expect(r.changes().at(-1)!.reason).toBe('REACHABLE → STALE: ReachableTime 22.4 s elapsed without confirmation');
    r.sendTo(B_GUA);
    expect(r.state(B_GUA)).toBe('DELAY');
    mark = r.log.length;
    r.advance(5);
    expect(r.state(B_GUA)).toBe('PROBE');
    r.sendTo(B_GUA); // sent, not queued, while probing
    expect(echoes(r.frames(mark))).toHaveLength(1);
    r.advance(2.5);
    const probes = r.ns(mark);
    expect(probes).toHaveLength(3);
    expect(probes.every((f) => f.dst === B_MAC && f.ipv6!.dst === B_GUA && f.ipv6!.src === A_LL)).toBe(true);
    r.advance(0.5);
    expect(r.state(B_GUA)).toBe('FAILED');
    expect(r.errors).toHaveLength(0); // nothing was queued while probing
    mark = r.log.length;
    r.sendTo(B_GUA, A_GUA);
    expect(r.state(B_GUA)).toBe('INCOMPLETE');
    expect(r.ns(mark)[0].ipv6!.dst).toBe('ff02::1:ff66:7788');
    r.advance(3);
    expect(r.errors.map((e) => e.error.dst)).toEqual([A_GUA]);
    expect(r.changes().filter((c) => c.key === B_GUA).map((c) => c.to)).toEqual([
      'INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'INCOMPLETE', 'FAILED',
    ]);
  });

  it('PROBE → removed with failed_entries = delete', () => {
    const r = new Rig({ config: { failed_entries: 'delete' } });
    r.resolve(B_GUA, B_MAC);
    r.advance(30);
    r.sendTo(B_GUA);
    r.advance(5 + 3);
    expect(r.nc.get(B_GUA)).toBeUndefined();
  });

  it('DELAY → REACHABLE on upper-layer confirmation: no probe follows', () => {
    const r = new Rig();
    r.resolve(B_GUA, B_MAC);
    r.advance(30);
    r.sendTo(B_GUA);
    r.advance(2);
    r.run((out) => expect(r.nc.confirm(B_GUA, r.now, out)).toBe(true));
    expect(r.state(B_GUA)).toBe('REACHABLE');
    const mark = r.log.length;
    r.advance(10);
    expect(r.ns(mark)).toHaveLength(0);
  });

  it('a timer that was re-armed is a no-op when its old deadline fires', () => {
    const r = new Rig();
    r.resolve(B_GUA, B_MAC);
    const firstDeadline = r.timers.get(`nc:${B_GUA}`)!;
    r.now = 10 * S;
    r.run((out) => r.nc.confirm(B_GUA, r.now, out));
    const before = r.log.length;
    r.run((out) => r.nc.handleTimer(`nc:${B_GUA}`, firstDeadline, out));
    expect(r.log.length).toBe(before);
    expect(r.state(B_GUA)).toBe('REACHABLE');
  });

  it('confirm() on an INCOMPLETE entry does nothing', () => {
    const r = new Rig();
    r.sendTo(B_GUA);
    r.run((out) => expect(r.nc.confirm(B_GUA, r.now, out)).toBe(false));
    expect(r.state(B_GUA)).toBe('INCOMPLETE');
  });

  it('v6LC.2.2.15: ReachableTime is drawn in [MIN_RANDOM_FACTOR, MAX_RANDOM_FACTOR] × BaseReachableTime', () => {
    expect(randomReachableTimeMs(30000, () => 0)).toBe(15000);
    expect(randomReachableTimeMs(30000, () => 0.5)).toBe(30000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_600_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (base, u) => {
        const t = randomReachableTimeMs(base, () => u);
        const { min, max } = reachableTimeBounds(base);
        return t >= Math.floor(base * MIN_RANDOM_FACTOR) && t <= Math.ceil(base * MAX_RANDOM_FACTOR) && t >= min - 1 && t <= max;
      }),
    );
    const p = initialLinkParameters(LINUX_HOST_DEFAULTS, () => 0.999);
    expect(p.reachableTimeMs).toBeGreaterThanOrEqual(44900);
    expect(p.reachableTimeMs).toBeLessThanOrEqual(45000);
  });
});

describe('NA processing on a live cache (spoofing)', () => {
  it('v6LC.2.1.18 J/P: an unsolicited NA with O=1 overrides a REACHABLE entry: REACHABLE → STALE with the new MAC', () => {
    const r = new Rig();
    r.resolve(B_GUA, B_MAC);
    r.rxNa(B_GUA, { S: false, O: true }, EVIL, B_LL);
    expect(r.nc.get(B_GUA)).toMatchObject({ state: 'STALE', lladdr: EVIL });
    const mark = r.log.length;
    r.sendTo(B_GUA);
    expect(echoes(r.frames(mark))[0].dst).toBe(EVIL);
  });

  it('v6LC.2.1.18 I/K/O: an NA with O=0 and a different MAC only makes a REACHABLE entry STALE; the MAC stays', () => {
    const r = new Rig();
    r.resolve(B_GUA, B_MAC);
    r.rxNa(B_GUA, { S: true, O: false }, EVIL);
    expect(r.nc.get(B_GUA)).toMatchObject({ state: 'STALE', lladdr: B_MAC });
  });

  it('v6LC.2.1.20: PROBE + NA S=0 O=0 keeps probing; PROBE + solicited NA without TLLA → REACHABLE', () => {
    const r = new Rig();
    r.resolve(B_GUA, B_MAC);
    r.advance(30);
    r.sendTo(B_GUA);
    r.advance(5);
    expect(r.state(B_GUA)).toBe('PROBE');
    r.rxNa(B_GUA, { S: false, O: false }, B_MAC);
    expect(r.state(B_GUA)).toBe('PROBE');
    r.advance(1);
    expect(r.nc.get(B_GUA)?.probes).toBe(2);
    r.rxNa(B_GUA, { S: true, O: false });
    expect(r.nc.get(B_GUA)).toMatchObject({ state: 'REACHABLE', lladdr: B_MAC });
  });

  it('v6LC.2.1.21: NA with R=0 from a neighbour cached as router clears IsRouter and reports the router lost', () => {
    const r = new Rig();
    r.resolve(B_LL, B_MAC, true);
    expect(r.nc.get(B_LL)?.isRouter).toBe(true);
    r.rxNa(B_LL, { S: false, O: false, R: false });
    expect(r.nc.get(B_LL)?.isRouter).toBe(false);
    expect(r.lost).toEqual([B_LL]);
    expect(r.changes().at(-1)).toMatchObject({ reasonId: 'nc-isrouter-cleared', rfc: 'RFC 4861 §7.2.5' });
  });

  it('an NA for one of our own addresses is dropped (DAD handles tentative ones)', () => {
    const r = new Rig();
    const out = r.rxNa(A_GUA, { S: false, O: true }, EVIL);
    expect(out).toEqual([expect.objectContaining({ kind: 'drop' })]);
    expect(r.nc.entries()).toEqual([]);
  });
});

describe('NS processing and answers (§7.2.3, §7.2.4)', () => {
  it('v6LC.2.1.8 B: multicast NS with SLLA from an unknown node → STALE entry and NA (src target, S=1 O=1 R=0, TLLA), entry → DELAY, probe 5 s later', () => {
    const r = new Rig();
    r.rxNs(B_LL, 'ff02::1:ff33:4455', A_LL, B_MAC);
    expect(r.changes().map((c) => [c.from, c.to])).toEqual([[null, 'STALE'], ['STALE', 'DELAY']]);
    const na = r.frames().find((f) => f.ipv6?.icmpv6?.type === 136)!;
    expect([na.dst, na.ipv6!.src, na.ipv6!.dst, na.ipv6!.hopLimit]).toEqual([B_MAC, A_LL, B_LL, 255]);
    expect(naOf(na).flags).toEqual({ R: false, S: true, O: true });
    expect(naOf(na).options).toEqual([{ type: 2, lladdr: A_MAC }]);
    const mark = r.log.length;
    r.advance(5);
    expect(r.ns(mark)).toHaveLength(1);
  });

  it('v6LC.2.1.8 A: unicast NS with SLLA → STALE and NA; Linux answers a unicast NS without TLLA and with O=0; na_tlla=always adds both', () => {
    const linux = new Rig();
    linux.rxNs(B_LL, A_LL, A_LL, B_MAC);
    const na1 = naOf(linux.frames()[0]);
    expect([na1.flags.S, na1.flags.O, na1.options.length]).toEqual([true, false, 0]);
    const always = new Rig({ config: { na_tlla: 'always' } });
    always.rxNs(B_LL, A_LL, A_LL, B_MAC);
    const na2 = naOf(always.frames()[0]);
    expect([na2.flags.S, na2.flags.O, na2.options]).toEqual([true, true, [{ type: 2, lladdr: A_MAC }]]);
  });

  it('router: R=1 in solicited NAs', () => {
    const r = new Rig({ router: true });
    r.rxNs(B_LL, 'ff02::1:ff33:4455', A_LL, B_MAC);
    expect(naOf(r.frames()[0]).flags.R).toBe(true);
  });

  it('v6LC.2.1.8 C: unicast NS without SLLA creates no usable entry: the NA waits for a multicast NS resolving the sender', () => {
    const r = new Rig();
    r.rxNs(B_LL, A_LL, A_LL);
    expect(r.state(B_LL)).toBe('INCOMPLETE');
    expect(r.frames().map((f) => f.ipv6!.icmpv6!.type)).toEqual([135]);
    expect(r.frames()[0].ipv6!.dst).toBe('ff02::1:ff66:7788');
    r.rxNa(B_LL, { S: true, O: true }, B_MAC);
    expect(r.frames().at(-1)!.ipv6!.icmpv6!.type).toBe(136);
  });

  it('v6LC.2.1.9 A/B: INCOMPLETE + NS with SLLA → STALE, queue flushed (→ DELAY), NA sent, unicast probe 5 s later', () => {
    const r = new Rig();
    r.sendTo(B_LL);
    r.rxNs(B_LL, 'ff02::1:ff33:4455', A_LL, B_MAC);
    expect(r.changes().map((c) => c.to)).toEqual(['INCOMPLETE', 'STALE', 'DELAY']);
    expect(echoes(r.frames())[0].dst).toBe(B_MAC);
    const mark = r.log.length;
    r.advance(5);
    expect(r.ns(mark)[0].dst).toBe(B_MAC);
  });

  it('v6LC.2.1.10 A–D: REACHABLE + NS with the same SLLA stays REACHABLE; with a different SLLA → STALE and updated', () => {
    const same = new Rig();
    same.resolve(B_LL, B_MAC);
    same.rxNs(B_LL, A_LL, A_LL, B_MAC);
    expect(same.state(B_LL)).toBe('REACHABLE');
    const diff = new Rig();
    diff.resolve(B_LL, B_MAC);
    diff.rxNs(B_LL, A_LL, A_LL, EVIL);
    // STALE with the new MAC, then the NA sent back moves it to DELAY.
    expect(diff.changes().slice(-2).map((c) => c.to)).toEqual(['STALE', 'DELAY']);
    expect(diff.nc.get(B_LL)?.lladdr).toBe(EVIL);
  });

  it('v6LC.2.1.12 A–D: PROBE + NS with the same SLLA keeps probing; with a different SLLA → STALE and updated', () => {
    const r = new Rig();
    r.resolve(B_LL, B_MAC);
    r.advance(30);
    r.sendTo(B_LL);
    r.advance(5);
    r.rxNs(B_LL, A_LL, A_LL, B_MAC);
    expect(r.state(B_LL)).toBe('PROBE');
    r.rxNs(B_LL, A_LL, A_LL, EVIL);
    expect(r.nc.get(B_LL)?.lladdr).toBe(EVIL);
    expect(r.changes().slice(-2).map((c) => [c.from, c.to])).toEqual([['PROBE', 'STALE'], ['STALE', 'DELAY']]);
  });

  it('v6LC.2.1.13: an NS does not change the IsRouter flag of an existing entry', () => {
    const r = new Rig();
    r.resolve(B_LL, B_MAC, true);
    r.rxNs(B_LL, A_LL, A_LL, EVIL);
    expect(r.nc.get(B_LL)?.isRouter).toBe(true);
  });

  it('v6LC.3.1.1 Judgement #2: a DAD NS (src ::) for our address → NA to ff02::1, S=0 O=1, TLLA, no entry created', () => {
    const r = new Rig();
    r.rxNs('::', 'ff02::1:ff33:4455', A_LL);
    const [f] = r.frames();
    expect([f.dst, f.ipv6!.src, f.ipv6!.dst]).toEqual(['33:33:00:00:00:01', A_LL, 'ff02::1']);
    expect(naOf(f).flags).toEqual({ R: false, S: false, O: true });
    expect(naOf(f).options).toEqual([{ type: 2, lladdr: A_MAC }]);
    expect(r.nc.entries()).toEqual([]);
  });

  it('v6LC.3.1.5: never answers for a tentative address; RFC 4429 §3.3: an optimistic one answers with O=0', () => {
    const r = new Rig({ addrs: [[A_LL, 'preferred'], [A_GUA, 'tentative']] });
    r.rxNs(B_LL, 'ff02::1:ff33:4455', A_GUA, B_MAC);
    expect(r.frames()).toEqual([]);
    expect(r.nc.entries()).toEqual([]);
    const o = new Rig({ addrs: [[A_LL, 'preferred'], [A_GUA, 'optimistic']] });
    o.rxNs(B_LL, 'ff02::1:ff33:4455', A_GUA, B_MAC);
    expect(naOf(o.frames()[0]).flags.O).toBe(false);
  });

  it('an NS for an address that is not ours is dropped and learns nothing', () => {
    const r = new Rig();
    r.rxNs(B_LL, 'ff02::1:ff00:99', '2001:db8::99', B_MAC);
    expect(r.nc.entries()).toEqual([]);
    expect(r.log.map((a) => a.kind)).toEqual(['drop']);
  });
});

describe('sources of NS and NA: Linux vs the slide (seed-vectors.md)', () => {
  it('ns_source = prompting (Linux): the NS comes from the prompting packet’s global source; PROBE from the link-local address', () => {
    const r = new Rig();
    r.sendTo(B_GUA, A_GUA);
    expect(r.ns()[0].ipv6!.src).toBe(A_GUA);
    const t = new Rig({ addrs: [[A_LL, 'preferred'], [A_GUA, 'optimistic']] });
    t.sendTo(B_GUA, A_GUA);
    expect(t.ns()[0].ipv6!.src).toBe(A_LL); // Linux never solicits from an optimistic address
  });

  it('the slide’s exchange, byte-for-field: A (ns_source link-local) asks, B (na_source link-local) answers', () => {
    const a = new Rig({ config: { ns_source: 'link-local' } });
    const b = new Rig({ mac: B_MAC, config: { na_source: 'link-local' } });
    a.sendTo(B_GUA, A_GUA);
    const ns = a.ns()[0];
    expect([ns.src, ns.dst, ns.ipv6!.src, ns.ipv6!.dst, nsOf(ns).type, nsOf(ns).target]).toEqual([
      '00:11:22:33:44:55', '33:33:ff:66:77:88', 'fe80::211:22ff:fe33:4455', 'ff02::1:ff66:7788', 135, '2001:db8::211:22ff:fe66:7788',
    ]);
    b.run((out) => b.nc.handleNeighborSolicitation(ns.ipv6!, nsOf(ns), b.now, out));
    const na = b.frames().find((f) => f.ipv6?.icmpv6?.type === 136)!;
    expect([na.src, na.dst, na.ipv6!.src, na.ipv6!.dst, naOf(na).target, naOf(na).options]).toEqual([
      '00:11:22:66:77:88', '00:11:22:33:44:55', 'fe80::211:22ff:fe66:7788', 'fe80::211:22ff:fe33:4455',
      '2001:db8::211:22ff:fe66:7788', [{ type: 2, lladdr: '00:11:22:66:77:88' }],
    ]);
    // Linux default: the NA comes from the target address instead.
    const linux = new Rig({ mac: B_MAC });
    linux.run((out) => linux.nc.handleNeighborSolicitation(ns.ipv6!, nsOf(ns), linux.now, out));
    expect(linux.frames().find((f) => f.ipv6?.icmpv6?.type === 136)!.ipv6!.src).toBe(B_GUA);
  });
});

describe('learning from RS/RA/Redirect (§7.3.3 table)', () => {
  it('v6LC.2.2.16/2.2.17: an RA SLLA creates a STALE router entry, updates a changed MAC to STALE, leaves a same MAC alone', () => {
    const r = new Rig();
    r.run((out) => r.nc.learn(B_LL, B_MAC, { origin: 'RA', isRouter: true }, r.now, out));
    expect(r.nc.get(B_LL)).toMatchObject({ state: 'STALE', lladdr: B_MAC, isRouter: true });
    r.run((out) => r.nc.confirm(B_LL, r.now, out));
    r.run((out) => r.nc.learn(B_LL, B_MAC, { origin: 'RA', isRouter: true }, r.now, out));
    expect(r.state(B_LL)).toBe('REACHABLE');
    r.run((out) => r.nc.learn(B_LL, EVIL, { origin: 'RA', isRouter: true }, r.now, out));
    expect(r.nc.get(B_LL)).toMatchObject({ state: 'STALE', lladdr: EVIL });
  });

  it('v6LC.2.2.17 A: an RA without SLLA still sets IsRouter on an entry learnt from NS', () => {
    const r = new Rig();
    r.rxNs(B_LL, A_LL, A_LL, B_MAC);
    r.run((out) => r.nc.learn(B_LL, null, { origin: 'RA', isRouter: true }, r.now, out));
    expect(r.nc.get(B_LL)?.isRouter).toBe(true);
  });
});

describe('unsolicited NAs (§7.2.6)', () => {
  it('announce after a MAC change: MAX_NEIGHBOR_ADVERTISEMENT NAs to ff02::1, S=0 O=1, new MAC, RetransTimer apart; tentative skipped', () => {
    const r = new Rig({ addrs: [[A_LL, 'preferred'], [A_GUA, 'tentative'], ['2001:db8::77', 'optimistic']] });
    r.mac = '02:00:00:00:00:01';
    r.run((out) => r.nc.announce([A_LL, A_GUA, '2001:db8::77'], r.now, out, MAX_NEIGHBOR_ADVERTISEMENT));
    r.advance(5);
    const nas = r.frames();
    expect(nas).toHaveLength(6);
    const targets = nas.map((f) => naOf(f).target);
    expect(targets).toEqual([A_LL, '2001:db8::77', A_LL, '2001:db8::77', A_LL, '2001:db8::77']);
    for (const f of nas) {
      expect([f.dst, f.src, f.ipv6!.dst, f.ipv6!.src]).toEqual(['33:33:00:00:00:01', '02:00:00:00:00:01', 'ff02::1', naOf(f).target]);
      expect(naOf(f).flags).toEqual({ R: false, S: false, O: naOf(f).target === A_LL });
      expect(naOf(f).options).toEqual([{ type: 2, lladdr: '02:00:00:00:00:01' }]);
    }
    const timers = r.log.filter((a) => a.kind === 'setTimer').map((a) => (a as { at: number }).at);
    expect(timers).toEqual([1 * S, 2 * S]);
  });
});

describe('ip -6 neigh format', () => {
  it('prints Linux lines: lladdr only in valid states, router flag, trailing space (iproute2 ≥ 5.16)', () => {
    const r = new Rig();
    r.resolve('2001:db8:0:1::dead:beaf', '00:00:5e:00:53:01', true);
    r.sendTo('fd00::1');
    r.advance(3); // fd00::1 fails
    const text = formatNeighbors(r.nc.entries(), r.now, { ifname: 'eth0' });
    expect(text).toBe('2001:db8:0:1::dead:beaf dev eth0 lladdr 00:00:5e:00:53:01 router REACHABLE \nfd00::1 dev eth0 FAILED \n');
    expect(formatNeighbors(r.nc.entries(), r.now, { ifname: 'eth0', style: 'legacy' })).toBe(
      '2001:db8:0:1::dead:beaf dev eth0 lladdr 00:00:5e:00:53:01 router REACHABLE\nfd00::1 dev eth0  FAILED\n',
    );
    expect(formatNeighbors(r.nc.entries().slice(1), r.now, { ifname: 'eth0', filteredByDev: true })).toBe('fd00::1 FAILED \n');
  });

  it('ip -s: the used/confirmed/updated ages and probes with iproute2 6.1’s spacing', () => {
    const r = new Rig();
    r.sendTo('fd00::1');
    r.advance(3);
    r.advance(60);
    const line = formatNeighbors(r.nc.entries(), r.now, { ifname: 'eth0', stats: true });
    expect(line).toBe('fd00::1 dev eth0  used 63/63/60probes 3 FAILED \n');
  });
});

describe('configuration', () => {
  it('Linux defaults, overrides, and every error reported with a suggestion', () => {
    const ok = resolveHostConfig({ mcast_solicit: 5 });
    expect(ok.ok && ok.config.mcast_solicit).toBe(5);
    expect(ok.ok && ok.config.router_solicitations).toBe(-1);
    const bad = resolveHostConfig({ mcast_solicitt: 5, hop_limit: 0, accept_ra: 3, ns_source: 'global', mtu: 1000 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toHaveLength(5);
      expect(bad.errors[0]).toBe('unknown ND setting "mcast_solicitt" (did you mean "mcast_solicit"?)');
      expect(bad.errors.join('\n')).toContain('hop_limit = 0: must be a whole number from 1 to 255');
    }
    const rs = resolveHostConfig({ router_solicitation_interval: 10, router_solicitation_max_interval: 5 });
    expect(rs.ok).toBe(false);
  });
});
