// The ICMPv6 checksum: the 16-bit one's complement of the one's complement
// sum of an IPv6 pseudo-header and the whole ICMPv6 message (RFC 4443 §2.3).
// The pseudo-header (RFC 8200 §8.1):
//
//   +-------------------------------------------------------------+
//   |                 Source Address (16 bytes)                   |
//   +-------------------------------------------------------------+
//   |              Destination Address (16 bytes)                 |
//   +-------------------------------------------------------------+
//   |                   Upper-Layer Packet Length (32 bits)       |
//   +-------------------------------------------------------------+
//   |                      zero (24 bits)         | Next Header 58 |
//   +-------------------------------------------------------------+
//
// The Destination Address is the final destination: with a Routing header,
// the last address in it (RFC 8200 §8.1), which ipv6.ts finds for us.
// Hot path: plain loops over bytes, no allocation.

import { ip6Bytes } from './address.ts';
import type { Ip6 } from './types.ts';

/** ICMPv6 is IPv6 next header 58 (RFC 4443 §1). */
export const NEXT_HEADER_ICMPV6 = 58;
/** Offset of the checksum field inside an ICMPv6 message (RFC 4443 §2.1). */
export const ICMPV6_CHECKSUM = 2;

/** Adds the big-endian 16-bit words of bytes[start, end) to `acc`; an odd
 *  last byte is padded with a zero byte (RFC 1071 §4.1). */
function sumWords(bytes: Uint8Array, start: number, end: number, acc: number): number {
  let i = start;
  // Two words per step: half the loop overhead on the hot path.
  for (; i + 3 < end; i += 4) acc += ((bytes[i] << 8) | bytes[i + 1]) + ((bytes[i + 2] << 8) | bytes[i + 3]);
  if (i + 1 < end) {
    acc += (bytes[i] << 8) | bytes[i + 1];
    i += 2;
  }
  if (i < end) acc += bytes[i] << 8;
  return acc;
}

/** Folds carries back in and complements (RFC 1071 §4.1). The sum stays
 *  below 2^53 for any IPv6 payload, so plain number arithmetic is exact. */
function finish(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + Math.floor(acc / 0x10000);
  return ~acc & 0xffff;
}

/**
 * The checksum that belongs in the ICMPv6 message at `body[start, end)`, with
 * the pseudo-header source read from `srcBytes` at `srcOffset` and the
 * destination from `dstBytes` at `dstOffset` (the frame itself, on decode).
 * The message's own checksum field is skipped (treated as zero), so this
 * works on received messages and on freshly written ones alike.
 */
export function icmpv6ChecksumAt(
  srcBytes: Uint8Array,
  srcOffset: number,
  dstBytes: Uint8Array,
  dstOffset: number,
  body: Uint8Array,
  start: number,
  end: number,
): number {
  const length = end - start;
  let acc = sumWords(srcBytes, srcOffset, srcOffset + 16, 0);
  acc = sumWords(dstBytes, dstOffset, dstOffset + 16, acc);
  acc += Math.floor(length / 0x10000) + (length & 0xffff) + NEXT_HEADER_ICMPV6;
  // Skip the checksum field: sum [start, start+2) and [start+4, end).
  acc = sumWords(body, start, Math.min(start + ICMPV6_CHECKSUM, end), acc);
  acc = sumWords(body, start + ICMPV6_CHECKSUM + 2, end, acc);
  return finish(acc);
}

/** Whether a wire checksum matches the computed one. 0x0000 and 0xffff are
 *  both zero in one's complement, so a receiver summing everything (RFC 1071)
 *  accepts either; we do the same. */
export function checksumMatches(wire: number, computed: number): boolean {
  return wire === computed || (wire === 0 && computed === 0xffff) || (wire === 0xffff && computed === 0);
}

function addressBytes(a: Uint8Array | Ip6): Uint8Array {
  if (typeof a === 'string') return ip6Bytes(a);
  if (a.length !== 16) throw new RangeError(`an IPv6 address is 16 bytes, got ${a.length}`);
  return a;
}

/**
 * RFC 4443 §2.3 checksum of the ICMPv6 message `body[start, end)` sent from
 * `src` to `dst` (16-byte addresses or text; with a Routing header, pass the
 * final destination, RFC 8200 §8.1). The message's checksum field (its bytes
 * 2–3) is treated as zero, so the result is the value to write there — and,
 * for a received message, the value it should already hold.
 * Throws only on a malformed address (a programming error).
 */
export function icmpv6Checksum(
  src: Uint8Array | Ip6,
  dst: Uint8Array | Ip6,
  body: Uint8Array,
  start = 0,
  end = body.length,
): number {
  return icmpv6ChecksumAt(addressBytes(src), 0, addressBytes(dst), 0, body, start, end);
}
