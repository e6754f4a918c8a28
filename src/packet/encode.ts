// EthernetFrame → bytes, the mirror of decode.ts. Sizes everything first,
// allocates once, then writes each layer in place. Lengths (IPv6 Payload
// Length, extension header lengths and option padding) and the ICMPv6
// checksum are computed unless the repr carries them — a decoded frame
// carries the wire values, so decode → encode reproduces captured bytes,
// wrong checksums and lying lengths included.
//
// No Ethernet minimum-size padding is added: a sending host's own capture
// shows none; give the IPv6 packet a `trailer` to have some.
// Throws only on reprs no bytes can express (bad address text, a routing
// body that does not fill 8-byte units…): programming errors, not input.

import { icmpv6ChecksumAt } from './checksum.ts';
import { ethernetHeaderLength, writeEthernetHeader } from './ethernet.ts';
import { ICMP_CHECKSUM, icmpv6Length, writeIcmpv6 } from './icmpv6.ts';
import { IPV6_HEADER_LEN, IPV6_SRC, ipv6Length, writeIpv6Headers } from './ipv6.ts';
import type { EthernetFrame } from './types.ts';

/** Where encode puts a frame of `length` bytes: fresh zeroed memory (the
 *  simulator passes a slab allocator, src/sim/codec.ts). */
export type FrameAllocator = (length: number) => Uint8Array;

const fresh: FrameAllocator = (length) => new Uint8Array(length);

export function encode(frame: EthernetFrame, alloc: FrameAllocator = fresh): Uint8Array {
  const headerLength = ethernetHeaderLength(frame);
  const ip = frame.ipv6;
  if (!ip) {
    const payload = frame.payload;
    const out = alloc(headerLength + (payload ? payload.length : 0));
    writeEthernetHeader(frame, out);
    if (payload) out.set(payload, headerLength);
    return out;
  }
  const msg = ip.icmpv6;
  const upperLength = msg ? icmpv6Length(msg) : ip.payload ? ip.payload.length : 0;
  const total = ipv6Length(ip, upperLength);
  const out = alloc(headerLength + total);
  writeEthernetHeader(frame, out);
  const trailerLength = ip.trailer ? ip.trailer.length : 0;
  const payloadLength = ip.payloadLength ?? total - IPV6_HEADER_LEN - trailerLength;
  const { upperStart, pseudoDst } = writeIpv6Headers(ip, payloadLength, out, headerLength);
  const upperEnd = upperStart + upperLength;
  if (msg) {
    writeIcmpv6(msg, out, upperStart);
    const checksum = msg.checksum ?? icmpv6ChecksumAt(out, headerLength + IPV6_SRC, out, pseudoDst, out, upperStart, upperEnd);
    out[upperStart + ICMP_CHECKSUM] = (checksum >> 8) & 0xff;
    out[upperStart + ICMP_CHECKSUM + 1] = checksum & 0xff;
  } else if (ip.payload) {
    out.set(ip.payload, upperStart);
  }
  if (ip.trailer) out.set(ip.trailer, upperEnd);
  return out;
}
