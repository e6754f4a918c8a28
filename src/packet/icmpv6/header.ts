// The 4-byte head every ICMPv6 message shares (RFC 4443 §2.1), and the
// byte-access helpers the message codecs use.
//
//   0                   1                   2                   3
//   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |     Type      |     Code      |          Checksum             |
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |                         Message Body                          |
//
// Each message module exports, for its types: a decoder taking
// (bytes, start, end, code, checksum) — the head is already read and
// `end - start ≥ 4` — returning the repr or a DecodeError; a `…Length(msg)`
// giving the bytes the whole message takes; and a `write…(msg, out, start)`
// writing everything after the head into a zeroed buffer.

import type { DecodeError } from '../types.ts';

export const ICMP_TYPE = 0;
export const ICMP_CODE = 1;
export const ICMP_CHECKSUM = 2;
export const ICMP_HEADER_LEN = 4;

export { read16, read32, write16, write32 } from '../bytes.ts';

/** The error for a message shorter than its fixed part. */
export function tooShort(what: string, need: number, start: number, end: number): DecodeError {
  return { layer: 'icmpv6', offset: start, reason: `ICMPv6 ${what} needs ${need} bytes, ${end - start} remain` };
}
