// RFC 4861 §4.6.2 Prefix Information option (type 3).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |    Length     | Prefix Length |L|A|R|Reserved1|
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                         Valid Lifetime                        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                       Preferred Lifetime                      |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                           Reserved2                           |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                                                               |
//   +                            Prefix                             +
//   |                         (16 octets)                           |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// R is RFC 6275 §7.2's Router Address flag. Length is always 4 (§4.6.2).
// Values the format allows but the RFCs forbid (prefix length > 128,
// preferred > valid lifetime) decode fine and are reported by validate.ts.

import { formatIp6, writeIp6 } from '../address.ts';
import type { PrefixInformationOption } from '../types.ts';
import { type OptionCodec, read32, write32 } from './wire.ts';

export const PIO = {
  PREFIX_LENGTH: 2,
  FLAGS: 3,
  VALID_LIFETIME: 4,
  PREFERRED_LIFETIME: 8,
  RESERVED2: 12,
  PREFIX: 16,
  UNITS: 4,
} as const;

const FLAG_L = 0x80;
const FLAG_A = 0x40;
const FLAG_R = 0x20;
const RESERVED1_MASK = 0x1f;

export const prefixInformationCodec: OptionCodec<PrefixInformationOption> = {
  decode(bytes, at, units) {
    if (units !== PIO.UNITS) {
      return `prefix information option has length ${units} (${units * 8} bytes); RFC 4861 §4.6.2 fixes it at 4 (32 bytes)`;
    }
    const flags = bytes[at + PIO.FLAGS];
    const opt: PrefixInformationOption = {
      type: 3,
      prefixLength: bytes[at + PIO.PREFIX_LENGTH],
      L: (flags & FLAG_L) !== 0,
      A: (flags & FLAG_A) !== 0,
      validLifetime: read32(bytes, at + PIO.VALID_LIFETIME),
      preferredLifetime: read32(bytes, at + PIO.PREFERRED_LIFETIME),
      prefix: formatIp6(bytes, at + PIO.PREFIX),
    };
    // Optional fields appear only when non-zero, so that a decoded repr equals
    // the one a scenario would write by hand.
    if (flags & FLAG_R) opt.R = true;
    if (flags & RESERVED1_MASK) opt.reserved1 = flags & RESERVED1_MASK;
    const reserved2 = read32(bytes, at + PIO.RESERVED2);
    if (reserved2 !== 0) opt.reserved2 = reserved2;
    return opt;
  },
  units() {
    return PIO.UNITS;
  },
  write(opt, out, at) {
    out[at + PIO.PREFIX_LENGTH] = opt.prefixLength;
    out[at + PIO.FLAGS] =
      (opt.L ? FLAG_L : 0) | (opt.A ? FLAG_A : 0) | (opt.R ? FLAG_R : 0) | ((opt.reserved1 ?? 0) & RESERVED1_MASK);
    write32(out, at + PIO.VALID_LIFETIME, opt.validLifetime);
    write32(out, at + PIO.PREFERRED_LIFETIME, opt.preferredLifetime);
    write32(out, at + PIO.RESERVED2, opt.reserved2 ?? 0);
    writeIp6(opt.prefix, out, at + PIO.PREFIX);
  },
};
