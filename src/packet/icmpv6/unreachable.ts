// RFC 4443 §3.1 Destination Unreachable (type 1). Code 3, "address
// unreachable", is what a node sends when address resolution fails
// (RFC 4861 §7.2.2: after MAX_MULTICAST_SOLICIT NS without an answer).
//
//  |     Type      |     Code      |          Checksum             |
//  |                             Unused                            |
//  |                    As much of invoking packet                 |
//  +                as possible without the ICMPv6 packet          +
//  |                exceeding the minimum IPv6 MTU                 |
//
// `invoking` is a subarray view that ALIASES the decoded input.

import type { DecodeError, DestinationUnreachable } from '../types.ts';
import { read32, tooShort, write32 } from './header.ts';

export const UNREACHABLE_UNUSED = 4;
export const UNREACHABLE_INVOKING = 8;

export function decodeDestinationUnreachable(
  b: Uint8Array, start: number, end: number, code: number, checksum: number,
): DestinationUnreachable | DecodeError {
  if (end - start < UNREACHABLE_INVOKING) return tooShort('destination unreachable', UNREACHABLE_INVOKING, start, end);
  const msg: DestinationUnreachable = { type: 1, code, checksum, invoking: b.subarray(start + UNREACHABLE_INVOKING, end) };
  const unused = read32(b, start + UNREACHABLE_UNUSED);
  if (unused !== 0) msg.unused = unused;
  return msg;
}

export function destinationUnreachableLength(msg: DestinationUnreachable): number {
  return UNREACHABLE_INVOKING + msg.invoking.length;
}

export function writeDestinationUnreachable(msg: DestinationUnreachable, out: Uint8Array, start: number): void {
  write32(out, start + UNREACHABLE_UNUSED, msg.unused ?? 0);
  out.set(msg.invoking, start + UNREACHABLE_INVOKING);
}
