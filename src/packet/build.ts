// Builders for the frames the protocol machines send. They only assemble
// reprs; encode() computes lengths and checksums. Every ND message goes out
// with hop limit 255 (RFC 4861 §6.1, §7.1: receivers check it to know the
// frame was not forwarded); MLD with hop limit 1 and Router Alert (RFC 3810 §5).

import { multicastMac } from './address.ts';
import type { EthernetFrame, Icmpv6Message, Ip6, Mac } from './types.ts';

export const ND_HOP_LIMIT = 255;
export const ETHERTYPE_IPV6 = 0x86dd;
export const NEXT_HEADER_ICMPV6 = 58;

/** Ethernet destination for an IPv6 destination: the RFC 2464 §7 multicast
 *  MAC for a group, else the resolved neighbour's MAC (`unicastMac`). */
export function destinationMac(dst: Ip6, unicastMac?: Mac): Mac {
  if (dst.startsWith('ff')) return multicastMac(dst);
  if (unicastMac === undefined) throw new Error(`no link-layer address given for unicast destination ${dst}`);
  return unicastMac;
}

/** An Ethernet frame carrying one ICMPv6 message. */
export function icmpv6Frame(
  srcMac: Mac,
  src: Ip6,
  dst: Ip6,
  message: Icmpv6Message,
  opts: { dstMac?: Mac; hopLimit?: number; routerAlert?: boolean } = {},
): EthernetFrame {
  return {
    dst: destinationMac(dst, opts.dstMac),
    src: srcMac,
    etherType: ETHERTYPE_IPV6,
    ipv6: {
      trafficClass: 0,
      flowLabel: 0,
      hopLimit: opts.hopLimit ?? ND_HOP_LIMIT,
      src,
      dst,
      // RFC 2711 Router Alert (value 0 = MLD), padded to 8 bytes with PadN.
      extensionHeaders: opts.routerAlert
        ? [{ kind: 'hop-by-hop', options: [{ type: 5, data: new Uint8Array([0, 0]) }, { type: 1, data: new Uint8Array(0) }] }]
        : [],
      nextHeader: NEXT_HEADER_ICMPV6,
      icmpv6: message,
    },
  };
}
