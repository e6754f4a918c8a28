// The seed's six frames (/work/shared/seed-vectors.md) as EthernetFrame reprs,
// written by hand from the slide tables, plus a few more frames the
// explanation layer has sentences for.

import type { EthernetFrame, Icmpv6Message, Ipv6Packet, NdOption } from '../../src/packet/types.ts';

export const A = { mac: '00:11:22:33:44:55', ll: 'fe80::211:22ff:fe33:4455', global: '2001:db8::211:22ff:fe33:4455' };
export const B = { mac: '00:11:22:66:77:88', ll: 'fe80::211:22ff:fe66:7788', global: '2001:db8::211:22ff:fe66:7788' };

export function frame(srcMac: string, dstMac: string, src: string, dst: string, icmpv6: Icmpv6Message, hopLimit = 255): EthernetFrame {
  const ipv6: Ipv6Packet = { trafficClass: 0, flowLabel: 0, hopLimit, src, dst, extensionHeaders: [], nextHeader: 58, icmpv6 };
  return { dst: dstMac, src: srcMac, etherType: 0x86dd, ipv6 };
}

const slla = (lladdr: string): NdOption => ({ type: 1, lladdr });
const tlla = (lladdr: string): NdOption => ({ type: 2, lladdr });

/** Address resolution ① NS: A asks for B's global address. */
export const SEED_NS = frame(A.mac, '33:33:ff:66:77:88', A.ll, 'ff02::1:ff66:7788', {
  type: 135, code: 0, target: B.global, options: [slla(A.mac)],
});

/** Address resolution ② NA: B answers (solicited, override). */
export const SEED_NA = frame(B.mac, A.mac, B.ll, A.ll, {
  type: 136, code: 0, flags: { R: false, S: true, O: true }, target: B.global, options: [tlla(B.mac)],
});

/** SLAAC ① DAD for A's link-local address. */
export const SEED_DAD_LL = frame(A.mac, '33:33:ff:33:44:55', '::', 'ff02::1:ff33:4455', {
  type: 135, code: 0, target: A.ll, options: [],
});

/** SLAAC ② RS. */
export const SEED_RS = frame(A.mac, '33:33:00:00:00:02', A.ll, 'ff02::2', { type: 133, code: 0, options: [slla(A.mac)] });

/** SLAAC ③ RA from B with prefix 2001:db8::/64 (radvd defaults for the rest). */
export const SEED_RA = frame(B.mac, '33:33:00:00:00:01', B.ll, 'ff02::1', {
  type: 134, code: 0, curHopLimit: 64, flags: { M: false, O: false, H: false, prf: 'medium' },
  routerLifetime: 1800, reachableTime: 0, retransTimer: 0,
  options: [
    slla(B.mac),
    { type: 3, prefixLength: 64, L: true, A: true, validLifetime: 86400, preferredLifetime: 14400, prefix: '2001:db8::' },
  ],
});

/** SLAAC ④ DAD for A's global address. */
export const SEED_DAD_GLOBAL = frame(A.mac, '33:33:ff:33:44:55', '::', 'ff02::1:ff33:4455', {
  type: 135, code: 0, target: A.global, options: [],
});

// ------------------------------------------------------------ more frames

/** The same NS as Linux sends it when A talks from its global address. */
export const LINUX_NS = frame(A.mac, '33:33:ff:66:77:88', A.global, 'ff02::1:ff66:7788', {
  type: 135, code: 0, target: B.global, options: [slla(A.mac)],
});

/** Linux's solicited NA: from the target address. */
export const LINUX_NA = frame(B.mac, A.mac, B.global, A.global, {
  type: 136, code: 0, flags: { R: false, S: true, O: true }, target: B.global, options: [tlla(B.mac)],
});

/** NUD probe: unicast NS to the cached MAC. */
export const NUD_NS = frame(A.mac, B.mac, A.ll, B.ll, { type: 135, code: 0, target: B.ll, options: [slla(A.mac)] });

/** B defends its link-local address against A's DAD probe. */
export const DAD_DEFENCE = frame(B.mac, '33:33:00:00:00:01', A.ll, 'ff02::1', {
  type: 136, code: 0, flags: { R: false, S: false, O: true }, target: A.ll, options: [tlla(B.mac)],
});

/** radvd's final RA on shutdown. */
export const FINAL_RA = frame(B.mac, '33:33:00:00:00:01', B.ll, 'ff02::1', {
  type: 134, code: 0, curHopLimit: 64, flags: { M: true, O: true, H: false, prf: 'reserved' },
  routerLifetime: 0, reachableTime: 30000, retransTimer: 1000,
  options: [
    { type: 3, prefixLength: 64, L: true, A: true, validLifetime: 0, preferredLifetime: 0, prefix: '2001:db8::' },
    { type: 3, prefixLength: 64, L: true, A: false, validLifetime: 0xffffffff, preferredLifetime: 0xffffffff, prefix: '2001:db8:1::' },
    { type: 3, prefixLength: 64, L: false, A: true, validLifetime: 3600, preferredLifetime: 0, prefix: '2001:db8:2::' },
    { type: 3, prefixLength: 64, L: false, A: false, validLifetime: 3600, preferredLifetime: 1800, prefix: '2001:db8:3::' },
    { type: 5, mtu: 1500 },
    { type: 24, prefixLength: 48, prf: 'high', routeLifetime: 1800, prefix: '2001:db8:100::' },
    { type: 25, lifetime: 600, servers: ['2001:db8::53'] },
    { type: 31, lifetime: 600, domains: ['example.com'] },
  ],
});

export const REDIRECT_ROUTER = frame(B.mac, A.mac, B.ll, A.global, {
  type: 137, code: 0, target: 'fe80::1', destination: '2001:db8:9::1', options: [],
});
export const REDIRECT_ON_LINK = frame(B.mac, A.mac, B.ll, A.global, {
  type: 137, code: 0, target: '2001:db8::99', destination: '2001:db8::99', options: [],
});
export const ECHO_REQUEST = frame(A.mac, B.mac, A.global, B.global, { type: 128, code: 0, identifier: 1, sequence: 2, data: new Uint8Array(0) }, 64);
export const ECHO_REPLY = frame(B.mac, A.mac, B.global, A.global, { type: 129, code: 0, identifier: 1, sequence: 2, data: new Uint8Array(0) }, 64);

/** A joins its solicited-node group before DAD (from ::, CHANGE_TO_EXCLUDE, no sources). */
export const MLD_JOIN = frame(A.mac, '33:33:00:00:00:16', '::', 'ff02::16', {
  type: 143, code: 0, records: [{ recordType: 4, multicastAddress: 'ff02::1:ff33:4455', sources: [] }],
}, 1);
export const MLD_LEAVE = frame(A.mac, '33:33:00:00:00:16', A.ll, 'ff02::16', {
  type: 143, code: 0, records: [{ recordType: 3, multicastAddress: 'ff02::1:ff33:4455', sources: [] }],
}, 1);
export const MLD_STATE = frame(A.mac, '33:33:00:00:00:16', A.ll, 'ff02::16', {
  type: 143, code: 0, records: [{ recordType: 2, multicastAddress: 'ff02::1:ff33:4455', sources: [] }],
}, 1);
export const MLD_QUERY = frame(B.mac, '33:33:00:00:00:01', B.ll, 'ff02::1', { type: 130, code: 0, maxResponseDelay: 10000, multicastAddress: '::' }, 1);
export const MLDV1_REPORT = frame(A.mac, '33:33:ff:33:44:55', A.ll, 'ff02::1:ff33:4455', { type: 131, code: 0, maxResponseDelay: 0, multicastAddress: 'ff02::1:ff33:4455' }, 1);
export const MLDV1_DONE = frame(A.mac, '33:33:00:00:00:02', A.ll, 'ff02::2', { type: 132, code: 0, maxResponseDelay: 0, multicastAddress: 'ff02::1:ff33:4455' }, 1);

/** The invoking packet's first 40 bytes: an IPv6 header from A to 2001:db8::dead. */
function invokingHeader(): Uint8Array {
  const b = new Uint8Array(48);
  b[0] = 0x60;
  const src = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55];
  const dst = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xde, 0xad];
  b.set(src, 8);
  b.set(dst, 24);
  return b;
}
export const ADDRESS_UNREACHABLE = frame(A.mac, A.mac, A.global, A.global, { type: 1, code: 3, invoking: invokingHeader() }, 64);
export const NO_ROUTE = frame(A.mac, A.mac, A.global, A.global, { type: 1, code: 0, invoking: invokingHeader() }, 64);
export const UNKNOWN_ICMP = frame(A.mac, B.mac, A.global, B.global, { type: 200, code: 1, unknown: true, body: new Uint8Array(0) }, 64);
export const UNSOLICITED_UNICAST_NA = frame(B.mac, A.mac, B.ll, A.ll, {
  type: 136, code: 0, flags: { R: true, S: false, O: false }, target: B.ll, options: [tlla(B.mac)],
});
export const UNICAST_NS_OTHER = frame(A.mac, B.mac, A.ll, B.ll, { type: 135, code: 0, target: B.global, options: [] });
export const DAD_WITH_NONCE = frame(A.mac, '33:33:ff:33:44:55', '::', 'ff02::1:ff33:4455', {
  type: 135, code: 0, target: A.ll, options: [{ type: 14, nonce: new Uint8Array([1, 2, 3, 4, 5, 6]) }],
});
export const UDP_PACKET: EthernetFrame = {
  dst: B.mac, src: A.mac, etherType: 0x86dd,
  ipv6: { trafficClass: 0, flowLabel: 0, hopLimit: 64, src: A.global, dst: B.global, extensionHeaders: [], nextHeader: 17, payload: new Uint8Array(8) },
};
export const ARP_FRAME: EthernetFrame = { dst: 'ff:ff:ff:ff:ff:ff', src: A.mac, etherType: 0x0806, payload: new Uint8Array(28) };
