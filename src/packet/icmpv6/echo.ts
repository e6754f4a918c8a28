// RFC 4443 §4.1 Echo Request (128) and §4.2 Echo Reply (129): what `ping`
// sends, and the traffic that makes a host resolve its neighbour first.
//
//  |     Type      |     Code      |          Checksum             |
//  |           Identifier          |        Sequence Number        |
//  |     Data ...
//
// `data` is a subarray view that ALIASES the decoded input.

import type { DecodeError, Echo } from '../types.ts';
import { read16, tooShort, write16 } from './header.ts';

export const ECHO_IDENTIFIER = 4;
export const ECHO_SEQUENCE = 6;
export const ECHO_DATA = 8;

export function decodeEcho(
  b: Uint8Array, start: number, end: number, type: 128 | 129, code: number, checksum: number,
): Echo | DecodeError {
  if (end - start < ECHO_DATA) return tooShort(type === 128 ? 'echo request' : 'echo reply', ECHO_DATA, start, end);
  return {
    type,
    code,
    checksum,
    identifier: read16(b, start + ECHO_IDENTIFIER),
    sequence: read16(b, start + ECHO_SEQUENCE),
    data: b.subarray(start + ECHO_DATA, end),
  };
}

export function echoLength(msg: Echo): number {
  return ECHO_DATA + msg.data.length;
}

export function writeEcho(msg: Echo, out: Uint8Array, start: number): void {
  write16(out, start + ECHO_IDENTIFIER, msg.identifier);
  write16(out, start + ECHO_SEQUENCE, msg.sequence);
  out.set(msg.data, start + ECHO_DATA);
}
