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
import { decodeEthernetHeader, ETHERTYPE_IPV6 } from './ethernet.ts';
import { decodeIcmpv6, ICMP_CHECKSUM } from './icmpv6.ts';
import { decodeIpv6, IPV6_SRC } from './ipv6.ts';
import type { Decoded } from './types.ts';

export function decode(bytes: Uint8Array): Decoded {
  const eth = decodeEthernetHeader(bytes);
  if ('reason' in eth) return { frame: null, error: eth, checksumValid: null };
  const frame = eth.frame;
  const ipStart = eth.headerLength;
  if (frame.etherType !== ETHERTYPE_IPV6) {
    frame.payload = bytes.subarray(ipStart);
    return { frame, error: null, checksumValid: null };
  }
  const walk = decodeIpv6(bytes, ipStart);
  const packet = walk.packet;
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
  return { frame, error: null, checksumValid, icmpv6Offset: start, icmpv6Length: end - start };
}
