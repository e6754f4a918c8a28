// Shared plumbing for the ND option codecs (RFC 4861 §4.6): the codec
// interface every option module implements, and big-endian field access.
//
// Every option has the same two-byte head (RFC 4861 §4.6):
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |    Length     |              ...              |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   ~                              ...                              ~
//
// Length counts the whole option (type and length bytes included) in units
// of 8 octets. The dispatcher in ../options.ts reads and writes that head and
// checks that the option fits; a codec only sees the body.

import type { NdOption } from '../types.ts';

/** Offsets inside any option, from its type byte. */
export const OPT = { TYPE: 0, LENGTH: 1, BODY: 2 } as const;

export interface OptionCodec<T extends NdOption = NdOption> {
  /**
   * Reads the option whose type byte is `bytes[at]` and whose Length field is
   * `units` (≥ 1; the caller has checked that `units * 8` bytes are there).
   * Returns the repr, or a sentence saying why this length is impossible for
   * the option's format (the caller turns it into a DecodeError).
   */
  decode(bytes: Uint8Array, at: number, units: number): T | string;
  /** The Length field `write` will produce, in units of 8 octets. */
  units(opt: T): number;
  /** Writes the body into `out[at + 2 … at + units(opt) * 8)`, which the
   *  caller has already zeroed (so padding needs no code). */
  write(opt: T, out: Uint8Array, at: number): void;
}

export { read16, read32, write16, write32 } from '../bytes.ts';

/** True when any of `b[from … to)` is non-zero. */
export function anyNonZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return true;
  return false;
}

/** Units of 8 octets needed for a 2-byte head plus `bodyBytes`. */
export function unitsFor(bodyBytes: number): number {
  return Math.ceil((bodyBytes + 2) / 8);
}

/** An encoder given a repr it cannot write is a programming bug, not bad input. */
export function reprError(what: string): RangeError {
  return new RangeError(`cannot encode ND option: ${what}`);
}
