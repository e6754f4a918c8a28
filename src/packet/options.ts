// Neighbor Discovery options (RFC 4861 §4.6 and the RFCs that add types):
// decoding an option block into an ordered NdOption[], and writing it back.
//
// Policy, in one place:
// - The array keeps every option in wire order, duplicates included (a node
//   may see several PIOs, or a second SLLA a monitor should flag).
// - Unknown types become UnknownOption and are re-emitted byte for byte
//   (RFC 4861 §4.6: receivers "MUST silently ignore any options they do not
//   recognize and continue processing the message").
// - A Length of 0 stops decoding with an error: RFC 4861 §4.6, "Nodes MUST
//   silently discard an ND packet that contains an option with length zero".
//   So does an option running past the end of the message.
// - A known type whose Length its format cannot have (PIO ≠ 4, MTU ≠ 1,
//   PREF64 ≠ 2, RIO > 3, RDNSS even or < 3, DNSSL < 2) is also an error, not
//   an UnknownOption: an UnknownOption with a known type number would fool
//   every `switch (opt.type)` downstream, and a monitor should say plainly
//   that the sender is broken. Values a format can hold but the RFCs forbid
//   (prefix length 200, preferred > valid lifetime, SLLA of 8 bytes on
//   Ethernet) decode normally and are left to validate.ts.
// - decode → write reproduces the bytes exactly: reserved fields, RIO Length,
//   DNSSL and captive-portal padding are kept in optional repr fields, which
//   are present only when they are not what the encoder would write anyway.
//
// The per-type codecs live in ./options/, one file per RFC family.

import type { DecodeError, NdOption, UnknownOption } from './types.ts';
import { OPTION_CODECS } from './options/registry.ts';
import { OPT, type OptionCodec, reprError } from './options/wire.ts';

export { minimumRouteInfoLength, PREFERENCE_BITS, PREFERENCE_FROM_BITS } from './options/route-information.ts';

/** Option type numbers (IANA "IPv6 Neighbor Discovery Option Formats"),
 *  spelled as Linux's ndisc.h spells them. */
export const ND_OPT = {
  SOURCE_LL_ADDR: 1, // RFC 4861 §4.6.1
  TARGET_LL_ADDR: 2, // RFC 4861 §4.6.1
  PREFIX_INFO: 3, // RFC 4861 §4.6.2
  REDIRECT_HDR: 4, // RFC 4861 §4.6.3
  MTU: 5, // RFC 4861 §4.6.4
  NONCE: 14, // RFC 3971 §5.3.2
  ROUTE_INFO: 24, // RFC 4191 §2.3
  RDNSS: 25, // RFC 8106 §5.1
  DNSSL: 31, // RFC 8106 §5.2
  CAPTIVE_PORTAL: 37, // RFC 8910 §2.3
  PREF64: 38, // RFC 8781 §4
} as const;

const NAMES: Readonly<Record<number, string>> = {
  1: 'source link-layer address',
  2: 'target link-layer address',
  3: 'prefix information',
  4: 'redirected header',
  5: 'MTU',
  14: 'nonce',
  24: 'route information',
  25: 'recursive DNS server',
  31: 'DNS search list',
  37: 'captive portal',
  38: 'PREF64',
};

/** English name of an option type: "prefix information", "unknown (type 99)". */
export function optionName(type: number): string {
  return NAMES[type] ?? `unknown (type ${type})`;
}

/** Whether the option was kept as opaque bytes (not a type we decode). */
export function isUnknownOption(opt: NdOption): opt is UnknownOption {
  return (opt as UnknownOption).unknown === true;
}

const unknownCodec: OptionCodec<UnknownOption> = {
  decode(bytes, at, units) {
    return { type: bytes[at], unknown: true, body: bytes.slice(at + OPT.BODY, at + units * 8) };
  },
  units(opt) {
    const n = opt.body.length;
    if ((n + 2) % 8 !== 0) throw reprError(`unknown option body of ${n} bytes; it must be 8n − 2 (6, 14, …)`);
    return (n + 2) / 8;
  },
  write(opt, out, at) {
    out.set(opt.body, at + OPT.BODY);
  },
};

// Indexed by type byte: one array read per option on the hot path.
const CODECS: (OptionCodec | undefined)[] = new Array(256).fill(undefined);
for (const [type, codec] of OPTION_CODECS) CODECS[type] = codec;

function codecFor(opt: NdOption): OptionCodec {
  if (isUnknownOption(opt)) return unknownCodec as OptionCodec;
  const codec = CODECS[opt.type];
  if (!codec) throw reprError(`type ${opt.type} is not a decoded type; use an UnknownOption for it`);
  return codec;
}

function optionError(offset: number, reason: string): DecodeError {
  return { layer: 'option', offset, reason };
}

/**
 * Decodes the options in bytes[start, end). Offsets in errors are absolute
 * indexes into `bytes`. Total: never throws. Options decoded before an error
 * are returned with it.
 */
export function decodeOptions(bytes: Uint8Array, start: number, end: number): { options: NdOption[]; error: DecodeError | null } {
  const options: NdOption[] = [];
  const error = decodeOptionsInto(bytes, start, end, options);
  return { options, error };
}

/** decodeOptions for the message decoders: appends to `options` and returns
 *  the error (or null), without a result object per message. */
export function decodeOptionsInto(bytes: Uint8Array, start: number, end: number, options: NdOption[]): DecodeError | null {
  const stop = Math.min(end, bytes.length);
  let at = start;
  while (at < stop) {
    if (stop - at < 2) {
      return optionError(at, `${stop - at} byte left after the last option; an option needs at least 2 (type and length), RFC 4861 §4.6`);
    }
    const type = bytes[at];
    const units = bytes[at + OPT.LENGTH];
    if (units === 0) {
      return optionError(at, `${optionName(type)} option with length 0: RFC 4861 §4.6 says to silently discard an ND packet that contains an option with length zero`);
    }
    if (at + units * 8 > stop) {
      return optionError(at, `${optionName(type)} option of length ${units} (${units * 8} bytes) runs past the end of the message: ${stop - at} bytes left`);
    }
    const decoded = (CODECS[type] ?? unknownCodec).decode(bytes, at, units);
    if (typeof decoded === 'string') return optionError(at, decoded);
    options.push(decoded);
    at += units * 8;
  }
  return null;
}

/** Bytes `writeOptions` will write for these options. Throws RangeError on a
 *  repr no option can hold (a programming error, e.g. an empty RDNSS). */
export function optionsByteLength(options: readonly NdOption[]): number {
  let n = 0;
  for (const opt of options) n += codecFor(opt).units(opt) * 8;
  return n;
}

/**
 * Writes the options at out[offset…] and returns the offset after the last
 * one. Computes each option's Length and writes every byte, padding included
 * (the buffer may hold garbage). Throws RangeError when `out` is too short or
 * a repr cannot be encoded: both are programming errors.
 */
export function writeOptions(options: readonly NdOption[], out: Uint8Array, offset: number): number {
  let at = offset;
  for (const opt of options) {
    const codec = codecFor(opt);
    const units = codec.units(opt);
    if (units > 255) throw reprError(`${optionName(opt.type)} option needs ${units * 8} bytes; the Length field stops at 255 × 8`);
    const end = at + units * 8;
    if (end > out.length) throw new RangeError(`writeOptions: ${optionName(opt.type)} option needs bytes up to ${end}, buffer has ${out.length}`);
    out.fill(0, at, end);
    out[at + OPT.TYPE] = opt.type;
    out[at + OPT.LENGTH] = units;
    codec.write(opt, out, at);
    at = end;
  }
  return at;
}
