// bytes → EthernetFrame, layer by layer: Ethernet (ethernet.ts), IPv6 and its
// extension headers (ipv6.ts), ICMPv6 (icmpv6.ts) with ND options
// (options.ts). Total: it never throws, whatever the bytes.
//
// On an error the frame keeps every layer decoded before it, and the bytes
// from the failing layer on are kept as `payload` (of the Ethernet frame, or
// of the IPv6 packet with `nextHeader` naming the header that failed), so
// encode(decode(b).frame) reproduces b for every input with an Ethernet header.
//
// The checksum is verified, never enforced: `checksumValid` reports it and the
// message still decodes (captures from a host with checksum offload carry
// wrong checksums on outgoing frames).
//
// Byte strings in the result are subarray views that ALIAS `bytes`: copy the
// input (or them) before the buffer is reused.

import { checksumMatches, icmpv6ChecksumAt } from './checksum.ts';
import { decodeEthernetHeader, ethernetHeaderLength, ETHERTYPE_IPV6 } from './ethernet.ts';
import { decodeIcmpv6, ICMP_CHECKSUM, isUnknownIcmpv6 } from './icmpv6.ts';
import { decodeIpv6, IPV6_SRC, type Ipv6Walk } from './ipv6.ts';
import type { Decoded } from './types.ts';
import { addressClassesOf } from './validate-addr.ts';

/** decodeIpv6's results, reused from frame to frame (decode is synchronous
 *  and never re-entered, so one is enough: no allocation per frame). */
const walk: Ipv6Walk = { packet: null, error: null, upperStart: -1, upperEnd: -1, pseudoDst: 0 };

export function decode(bytes: Uint8Array): Decoded {
  const frame = decodeEthernetHeader(bytes);
  if ('reason' in frame) return { frame: null, error: frame, checksumValid: null };
  const ipStart = ethernetHeaderLength(frame);
  if (frame.etherType !== ETHERTYPE_IPV6) {
    frame.payload = bytes.subarray(ipStart);
    return { frame, error: null, checksumValid: null };
  }
  decodeIpv6(bytes, ipStart, walk);
  const packet = walk.packet;
  walk.packet = null; // the walk must not keep the frame alive
  if (packet === null) {
    frame.payload = bytes.subarray(ipStart);
    return { frame, error: walk.error, checksumValid: null };
  }
  frame.ipv6 = packet;
  const start = walk.upperStart;
  const end = walk.upperEnd;
  if (start < 0) return { frame, error: walk.error, checksumValid: null };

  let checksumValid: boolean | null = null;
  if (end - start >= ICMP_CHECKSUM + 2) {
    const computed = icmpv6ChecksumAt(bytes, ipStart + IPV6_SRC, bytes, walk.pseudoDst, bytes, start, end);
    checksumValid = checksumMatches((bytes[start + ICMP_CHECKSUM] << 8) | bytes[start + ICMP_CHECKSUM + 1], computed);
  }
  const msg = decodeIcmpv6(bytes, start, end);
  if ('layer' in msg) {
    packet.payload = bytes.subarray(start, end);
    return { frame, error: msg, checksumValid, icmpv6Offset: start, icmpv6Length: end - start };
  }
  packet.icmpv6 = msg;
  // The messages validate() judges by address class (ND 133–137, MLD 130–132
  // and 143): their classes now, from bytes still in the cache.
  const t = msg.type;
  const addressClasses = (t >= 130 && t <= 137) || t === 143 ? addressClassesOf(bytes, ipStart, start, t, !isUnknownIcmpv6(msg)) : undefined;
  return { frame, error: null, checksumValid, icmpv6Offset: start, icmpv6Length: end - start, addressClasses };
}
