// Conformance §2 G (continued): v6LC.2.3.16, a router that forwards a
// packet back out the interface it arrived on sends a Redirect (RFC 4861
// §8.2), with Linux's rate limits and its test of "the source is a
// neighbour". The rest of the router-side rows are in
// conformance-g-router.test.ts.
//
import { describe, expect, it } from 'vitest';
import type { Nanos } from '../../src/nd/machine.ts';
import { formatIp6, formatMac, solicitedNodeAddress } from '../../src/packet/address.ts';
import { icmpv6Frame } from '../../src/packet/build.ts';
import { encode } from '../../src/packet/encode.ts';
import type { EthernetFrame, Ip6, Mac } from '../../src/packet/types.ts';
import type { TxEvent } from '../../src/sim/trace.ts';
import type { StaticRoute } from '../../src/stack/forwarding.ts';
import {
  expectFrames,
  na,
  ns,
  NUT_LL,
  NUT_MAC,
  OFFLINK_PREFIX,
  party,
  PREFIX,
  type Party,
  S,
  simPair,
  TN1,
  TN2,
  TR1,
  TR2,
  type Lab,
  type NodeDef,
} from './harness.ts';

const PREFIXES = [{ prefix: '2001:db8:1::/64' }];

// TAHI's Link B: the RUT (RUT_GA/64, advertising prefix X) with TN1 and, in
// parts A, C and D, TN2 on it; in part B TN2 is off-link, behind TR1 on the
// same link (a static route via TR1's link-local address). Everything the
// RUT sends is read back from the bytes on the wire (RFC 4861 §4.5 layout).

const RUT_GA = '2001:db8:1::1';
/** TN2 on link B with prefix X (parts A, C, D). */
const TN2_ON_LINK = party('TN2', TN2.mac, PREFIX);
/** TN1 with an off-link prefix (part C). */
const TN1_OFF_LINK = party('TN1', TN1.mac, '2001:db8:3::');
/** `ip -6 route add 2001:db8:2::/64 via TR1` and a default route via TR1. */
const RUT_ROUTES: StaticRoute[] = [
  { prefix: OFFLINK_PREFIX, prefixLength: 64, via: TR1.ll },
  { prefix: '::', prefixLength: 0, via: TR1.ll },
];
const IPV6_MIN_MTU = 1280; // RFC 8200 §5

function rut(routes: StaticRoute[] = RUT_ROUTES, extra: Partial<NodeDef> = {}): Lab {
  const lab = simPair({ role: 'router', radvd: { prefixes: PREFIXES }, routes, ...extra });
  lab.command('ip-addr-add', { address: RUT_GA, prefixLength: 64 });
  return lab.ready().run(2);
}

/** An Echo Request from `from` (TN1) with the RUT as first hop: Ethernet destination the RUT's MAC, whatever the IPv6 destination. */
function throughRut(dst: Ip6, o: { src?: Ip6; seq?: number; size?: number; from?: Party } = {}): EthernetFrame {
  const from = o.from ?? TN1;
  const data = Uint8Array.from({ length: o.size ?? 16 }, (_, i) => (i * 7 + 3) & 0xff);
  const f = icmpv6Frame(from.mac, o.src ?? from.ga, dst, { type: 128, code: 0, identifier: 0x2316, sequence: o.seq ?? 1, data }, { hopLimit: 64, dstMac: NUT_MAC });
  return { ...f, dst: NUT_MAC };
}

/** The IPv6 packet of a frame as TN1 put it on the wire. */
const ipBytes = (f: EthernetFrame): Uint8Array => encode(f).subarray(14);

interface WireOption {
  type: number;
  /** In units of 8 bytes. */
  length: number;
  /** The bytes after Type and Length. */
  body: Uint8Array;
}

interface WireRedirect {
  time: Nanos;
  ethDst: Mac;
  ethSrc: Mac;
  version: number;
  /** 40 + Payload Length: the whole IPv6 packet. */
  ipPacketLength: number;
  hopLimit: number;
  src: Ip6;
  dst: Ip6;
  code: number;
  reserved: number;
  target: Ip6;
  destination: Ip6;
  options: WireOption[];
  checksumValid: boolean | null;
}

/** The Redirects the RUT transmitted since `since`, decoded by hand from the frame bytes. */
function wireRedirects(lab: Lab, since: Nanos): WireRedirect[] {
  const out: WireRedirect[] = [];
  for (const e of lab.sink.ofType('tx') as TxEvent[]) {
    const b = e.bytes;
    // EtherType IPv6, Next Header ICMPv6 (no extension header), type 137.
    if (e.node !== 'nut' || e.time < since || b.length < 94 || b[12] !== 0x86 || b[13] !== 0xdd || b[20] !== 58 || b[54] !== 137) continue;
    const payloadLength = (b[18] << 8) | b[19];
    expect(b.length, 'frame = Ethernet header + IPv6 header + Payload Length').toBe(14 + 40 + payloadLength);
    const options: WireOption[] = [];
    let at = 54 + 8 + 16 + 16; // ICMPv6 header and Reserved, Target, Destination
    while (at + 2 <= b.length) {
      const length = b[at + 1];
      expect(length, `option Length at byte ${at}`).toBeGreaterThan(0);
      if (length === 0) break;
      options.push({ type: b[at], length, body: b.slice(at + 2, at + length * 8) });
      at += length * 8;
    }
    expect(at, 'the options fill the payload exactly').toBe(b.length);
    out.push({
      time: e.time,
      ethDst: formatMac(b, 0),
      ethSrc: formatMac(b, 6),
      version: b[14] >> 4,
      ipPacketLength: 40 + payloadLength,
      hopLimit: b[21],
      src: formatIp6(b, 22),
      dst: formatIp6(b, 38),
      code: b[55],
      reserved: ((b[58] << 24) | (b[59] << 16) | (b[60] << 8) | b[61]) >>> 0,
      target: formatIp6(b, 62),
      destination: formatIp6(b, 78),
      options,
      checksumValid: e.checksumValid,
    });
  }
  return out;
}

/** The fields every Redirect from the RUT to `to` carries (RFC 4861 §4.5). */
const redirectTo = (to: Party, src: Ip6 = to.ga) => ({ ethSrc: NUT_MAC, ethDst: to.mac, version: 6, hopLimit: 255, src: NUT_LL, dst: src, code: 0, reserved: 0, checksumValid: true });

/** A Redirected Header (RFC 4861 §4.6.3): 6 zero bytes, then the first `length` bytes of `original`. */
function expectRedirectedHeader(o: WireOption | undefined, original: Uint8Array, length: number): void {
  expect(o?.type).toBe(4);
  expect(Array.from(o!.body.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
  const quoted = o!.body.subarray(6);
  expect(quoted.length).toBe(length);
  expect(Buffer.from(quoted).equals(Buffer.from(original.subarray(0, length))), 'the quoted bytes are the packet as received').toBe(true);
}

/** A Target Link-Layer Address option (RFC 4861 §4.6.1) carrying `mac`. */
function expectTlla(o: WireOption | undefined, mac: Mac): void {
  expect(o).toMatchObject({ type: 2, length: 1 });
  expect(formatMac(o!.body, 0)).toBe(mac);
}

/** The Echo Requests the RUT forwarded to `dst` since `since`: on the wire, to `ethDst`. */
const forwarded = (lab: Lab, dst: Ip6, ethDst: Mac, since: Nanos) => lab.frames({ type: 128, dst, ethDst, since });

describe('v6LC.2.3.16 a router sends Redirects (RFC 4861 §8.2)', () => {
  it('v6LC.2.3.16 A: Send Redirect — TN1 → on-link TN2 through the RUT: from the RUT\'s link-local to TN1, Target = Destination = TN2, TLLA once TN2 is known, the Echo Request quoted; the packet is forwarded too', () => {
    const lab = rut();
    const t0 = lab.now;
    const first = throughRut(TN2_ON_LINK.ga);
    lab.send(first);
    const r1 = wireRedirects(lab, t0);
    expect(r1).toHaveLength(1);
    expect(r1[0]).toMatchObject({ ...redirectTo(TN1), target: TN2_ON_LINK.ga, destination: TN2_ON_LINK.ga });
    // TN2's link-layer address is not known yet: no TLLA, only the whole packet.
    expect(r1[0].options.map((o) => o.type)).toEqual([4]);
    expectRedirectedHeader(r1[0].options[0], ipBytes(first), ipBytes(first).length);
    // The RUT still forwards the packet: it resolves TN2 and sends it on with hop limit 63.
    expectFrames(lab.sink, { type: 135, target: TN2_ON_LINK.ga, since: t0 }, 1);
    lab.send(na(TN2_ON_LINK, { target: TN2_ON_LINK.ga, S: true }));
    const [fwd] = forwarded(lab, TN2_ON_LINK.ga, TN2.mac, t0);
    expect(fwd?.ip).toMatchObject({ src: TN1.ga, hopLimit: 63 });
    // TN2 is known now: the next Redirect carries its link-layer address.
    const t1 = lab.now;
    const second = throughRut(TN2_ON_LINK.ga, { seq: 2 });
    lab.send(second);
    const r2 = wireRedirects(lab, t1);
    expect(r2).toHaveLength(1);
    expect(r2[0]).toMatchObject({ ...redirectTo(TN1), target: TN2_ON_LINK.ga, destination: TN2_ON_LINK.ga });
    expect(r2[0].options.map((o) => o.type)).toEqual([2, 4]);
    expectTlla(r2[0].options[0], TN2.mac);
    expectRedirectedHeader(r2[0].options[1], ipBytes(second), ipBytes(second).length);
    expect(forwarded(lab, TN2_ON_LINK.ga, TN2.mac, t1)).toHaveLength(1);
  });

  it('v6LC.2.3.16 B: Send Redirect to Alternate Router — TN1 → off-link TN2 (route via TR1 on the same link): Target = TR1\'s link-local, Destination = TN2, TLLA = TR1\'s MAC once known; the packet goes on to TR1', () => {
    const lab = rut();
    const t0 = lab.now;
    const first = throughRut(TN2.ga);
    lab.send(first);
    const r1 = wireRedirects(lab, t0);
    expect(r1).toHaveLength(1);
    expect(r1[0]).toMatchObject({ ...redirectTo(TN1), target: TR1.ll, destination: TN2.ga });
    expect(r1[0].options.map((o) => o.type)).toEqual([4]);
    expectRedirectedHeader(r1[0].options[0], ipBytes(first), ipBytes(first).length);
    expectFrames(lab.sink, { type: 135, target: TR1.ll, since: t0 }, 1);
    lab.send(na(TR1, { R: true, S: true }));
    const [fwd] = forwarded(lab, TN2.ga, TR1.mac, t0);
    expect(fwd?.ip).toMatchObject({ src: TN1.ga, hopLimit: 63 });
    const t1 = lab.now;
    const second = throughRut(TN2.ga, { seq: 2 });
    lab.send(second);
    const r2 = wireRedirects(lab, t1);
    expect(r2).toHaveLength(1);
    expect(r2[0]).toMatchObject({ ...redirectTo(TN1), target: TR1.ll, destination: TN2.ga });
    expectTlla(r2[0].options[0], TR1.mac);
    expectRedirectedHeader(r2[0].options[1], ipBytes(second), ipBytes(second).length);
    expect(forwarded(lab, TN2.ga, TR1.mac, t1)).toHaveLength(1);
  });

  const partC: [string, StaticRoute[]][] = [
    ['routed back through TR1 by the default route', RUT_ROUTES],
    ['with no route back at all', RUT_ROUTES.slice(0, 1)],
  ];
  for (const [how, routes] of partC) {
    it(`v6LC.2.3.16 C: Source not neighbor — TN1 with an off-link prefix (${how}) draws no Redirect; the packet is forwarded all the same`, () => {
      const lab = rut(routes);
      const t0 = lab.now;
      lab.send(throughRut(TN2_ON_LINK.ga, { src: TN1_OFF_LINK.ga }));
      lab.send(na(TN2_ON_LINK, { target: TN2_ON_LINK.ga, S: true }));
      lab.run(1);
      expect(wireRedirects(lab, t0)).toEqual([]);
      const [fwd] = forwarded(lab, TN2_ON_LINK.ga, TN2.mac, t0);
      expect(fwd?.ip).toMatchObject({ src: TN1_OFF_LINK.ga, hopLimit: 63 });
      // Control: the same packet from TN1's on-link address does draw one.
      const t1 = lab.now;
      lab.send(throughRut(TN2_ON_LINK.ga, { seq: 2 }));
      expect(wireRedirects(lab, t1).map((r) => r.dst)).toEqual([TN1.ga]);
    });
  }

  const partD: [string, Ip6][] = [
    ['TN2\'s solicited-node multicast address', solicitedNodeAddress(TN2_ON_LINK.ga)],
    ['a global-scope group (ff0e::101)', 'ff0e::101'],
  ];
  for (const [what, group] of partD) {
    it(`v6LC.2.3.16 D: Destination Multicast — an Echo Request to ${what}, first hop the RUT: no Redirect (nor forwarded, nor answered)`, () => {
      const lab = rut();
      const t0 = lab.now;
      lab.send(throughRut(group));
      lab.run(1);
      expect(wireRedirects(lab, t0)).toEqual([]);
      expect(lab.frames({ since: t0 }).filter((f) => f.msg.type !== 134)).toEqual([]);
      // Control: to TN2's unicast address the RUT does redirect.
      const t1 = lab.now;
      lab.send(throughRut(TN2_ON_LINK.ga, { seq: 2 }));
      expect(wireRedirects(lab, t1).map((r) => r.destination)).toEqual([TN2_ON_LINK.ga]);
    });
  }

  for (const tllaKnown of [false, true]) {
    it(`v6LC.2.3.16 A (1448-byte packet${tllaKnown ? ', TLLA known' : ''}): the Redirected Header is cut to whole 8-byte units, as much as fits in 1280 bytes; the whole packet is still forwarded`, () => {
      const lab = rut();
      // An NS from TN2 with its SLLA makes the RUT know TN2's MAC (STALE, RFC 4861 §7.2.3).
      if (tllaKnown) lab.send(ns(TN2_ON_LINK, { src: TN2_ON_LINK.ga }));
      const t0 = lab.now;
      const big = throughRut(TN2_ON_LINK.ga, { size: 1400 });
      const original = ipBytes(big);
      expect(original.length).toBe(1448);
      lab.send(big);
      const [r] = wireRedirects(lab, t0);
      expect(r).toMatchObject({ ...redirectTo(TN1), target: TN2_ON_LINK.ga, destination: TN2_ON_LINK.ga });
      expect(r.ipPacketLength).toBeLessThanOrEqual(IPV6_MIN_MTU);
      // RFC 4861 §4.5/§4.6.3: IPv6 header 40, Redirect 40, TLLA 8, Redirected Header 8 + data.
      const room = IPV6_MIN_MTU - 40 - 40 - (tllaKnown ? 8 : 0) - 8;
      expectRedirectedHeader(r.options.at(-1), original, room - (room % 8));
      if (tllaKnown) expectTlla(r.options[0], TN2.mac);
      expect(r.options).toHaveLength(tllaKnown ? 2 : 1);
      if (!tllaKnown) lab.send(na(TN2_ON_LINK, { target: TN2_ON_LINK.ga, S: true }));
      lab.run(0.1);
      // The forwarded packet: the whole of it, with only the hop limit changed.
      const sent = (lab.sink.ofType('tx') as TxEvent[]).filter((e) => e.node === 'nut' && e.time >= t0 && e.bytes[54] === 128);
      expect(sent).toHaveLength(1);
      const out = sent[0].bytes.subarray(14);
      expect(out.length).toBe(original.length);
      expect(out[7]).toBe(63);
      expect(Buffer.from(out).equals(Buffer.from(Uint8Array.from(original, (x, i) => (i === 7 ? 63 : x))))).toBe(true);
    });
  }

  it('v6LC.2.3.16 (no Redirect when the packet leaves by another interface): forwarded out of eth1, no Redirect on eth0', () => {
    const lab = rut([{ prefix: OFFLINK_PREFIX, prefixLength: 64, via: TR2.ll, ifname: 'eth1' }], { secondLink: 'lan1' });
    const t0 = lab.now;
    lab.send(throughRut(TN2.ga));
    lab.run(0.1);
    expect(wireRedirects(lab, t0)).toEqual([]);
    expectFrames(lab.sink, { type: 135, target: TR2.ll, ifname: 'eth1', since: t0 }, 1);
  });

  it('v6LC.2.3.16 (rate limit per destination, Linux ip6_forward inet_peer_xrlim_allow): 8 packets at once → 6 Redirects, all 8 forwarded; then one Redirect per second', () => {
    const lab = rut();
    lab.send(ns(TN2_ON_LINK, { src: TN2_ON_LINK.ga }));
    let seq = 0;
    const burst = (n: number) => {
      const t = lab.now;
      for (let i = 0; i < n; i++) lab.send(throughRut(TN2_ON_LINK.ga, { seq: ++seq }));
      return { redirects: wireRedirects(lab, t).length, forwarded: forwarded(lab, TN2_ON_LINK.ga, TN2.mac, t).length };
    };
    expect(burst(8)).toEqual({ redirects: 6, forwarded: 8 });
    lab.run(1);
    expect(burst(2)).toEqual({ redirects: 1, forwarded: 2 });
    lab.run(2.5);
    expect(burst(4)).toEqual({ redirects: 2, forwarded: 4 });
    // A minute on, the bucket is full again (TN2, whose entry NUD has dropped meanwhile, says it is there).
    lab.run(60);
    lab.send(ns(TN2_ON_LINK, { src: TN2_ON_LINK.ga }));
    expect(burst(8)).toEqual({ redirects: 6, forwarded: 8 });
  });

  it('v6LC.2.3.16 (rate limit per source, Linux ndisc_send_redirect): TN1 to 8 different on-link destinations → 6 Redirects; another neighbour still gets one', () => {
    const lab = rut();
    const dests = Array.from({ length: 8 }, (_, i) => `2001:db8:1::${(0x100 + i).toString(16)}`);
    const t0 = lab.now;
    dests.forEach((d, i) => lab.send(throughRut(d, { seq: i + 1 })));
    expect(wireRedirects(lab, t0).map((r) => r.destination)).toEqual(dests.slice(0, 6));
    // Every packet is forwarded: the RUT resolves every destination.
    expect(lab.frames({ type: 135, since: t0 }).map((f) => (f.msg as { target: Ip6 }).target).sort()).toEqual([...dests].sort());
    // The limit is TN1's, not the RUT's: TN3 to the first destination (whose own bucket has 5 left) is redirected.
    const TN3 = party('TN3', '00:00:00:00:03:00');
    const t1 = lab.now;
    lab.send(throughRut(dests[0], { from: TN3, seq: 9 }));
    expect(wireRedirects(lab, t1).map((r) => [r.dst, r.ethDst])).toEqual([[TN3.ga, TN3.mac]]);
  });

  it('v6LC.2.3.16 (rate limit, Linux order): the destination\'s tokens are spent before the source is checked, so packets to TN2 from a non-neighbour use them up', () => {
    const lab = rut();
    const t0 = lab.now;
    for (let i = 1; i <= 6; i++) lab.send(throughRut(TN2_ON_LINK.ga, { src: TN1_OFF_LINK.ga, seq: i }));
    lab.send(throughRut(TN2_ON_LINK.ga, { seq: 7 }));
    expect(wireRedirects(lab, t0)).toEqual([]);
    // To another destination TN1 is redirected at once.
    lab.send(throughRut('2001:db8:1::99', { seq: 8 }));
    expect(wireRedirects(lab, t0).map((r) => r.destination)).toEqual(['2001:db8:1::99']);
  });

  it('v6LC.2.3.16 (Linux: a neighbour is a source whose route back is on-link): `ip -6 route add 2001:db8:5::/64 dev eth0` makes a source one; a more specific route via TR1 inside the /64 unmakes it', () => {
    const onLink = party('TN1', TN1.mac, '2001:db8:5::');
    const behindTr1 = '2001:db8:1:0:8000::1';
    const lab = rut([...RUT_ROUTES, { prefix: '2001:db8:5::', prefixLength: 64, ifname: 'eth0' }, { prefix: '2001:db8:1:0:8000::', prefixLength: 65, via: TR1.ll }]);
    const t0 = lab.now;
    lab.send(throughRut(TN2_ON_LINK.ga, { src: onLink.ga, seq: 1 }));
    lab.send(throughRut(TN2_ON_LINK.ga, { src: behindTr1, seq: 2 }));
    expect(wireRedirects(lab, t0).map((r) => r.dst)).toEqual([onLink.ga]);
  });
});
