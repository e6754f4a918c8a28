// RFC 8781 §4 PREF64 option (type 38).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |    Length     |     Scaled Lifetime     | PLC |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                                                               |
//   +                                                               +
//   |              Highest 96 bits of the Prefix                    |
//   +                                                               +
//   |                                                               |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// RFC 8781 §4: "The receiver MUST ignore the PREF64 option if the Length
// field value is not 2", so any other Length is a decode error here.

import { formatIp6, ip6Bytes } from '../address.ts';
import type { Pref64Option } from '../types.ts';
import { type OptionCodec, read16, write16 } from './wire.ts';

const P64 = { LIFETIME_PLC: 2, PREFIX: 4, PREFIX_BYTES: 12, UNITS: 2 } as const;

export const pref64Codec: OptionCodec<Pref64Option> = {
  decode(bytes, at, units) {
    if (units !== P64.UNITS) return `PREF64 option has length ${units}; RFC 8781 §4 fixes it at 2 (16 bytes)`;
    const word = read16(bytes, at + P64.LIFETIME_PLC);
    const prefix = new Uint8Array(16);
    prefix.set(bytes.subarray(at + P64.PREFIX, at + P64.PREFIX + P64.PREFIX_BYTES));
    return { type: 38, scaledLifetime: word >>> 3, plc: word & 7, prefix: formatIp6(prefix) };
  },
  units() {
    return P64.UNITS;
  },
  write(opt, out, at) {
    write16(out, at + P64.LIFETIME_PLC, ((opt.scaledLifetime & 0x1fff) << 3) | (opt.plc & 7));
    out.set(ip6Bytes(opt.prefix).subarray(0, P64.PREFIX_BYTES), at + P64.PREFIX);
  },
};
