// RFC 4191 §2.3 Route Information option (type 24).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |    Length     | Prefix Length |Resvd|Prf|Resvd|
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                        Route Lifetime                         |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                   Prefix (Variable Length)                    |
//   .                                                               .
//
// Length is 1, 2 or 3: the prefix field carries 0, 8 or 16 bytes. A Length
// outside 1..3 cannot be represented and is a decode error. A Length that
// does not suit the Prefix Length (e.g. 1 with /64) is still decoded, with
// its Length kept, and reported by validate.ts ("rio-length"), because RFC
// 4191 §2.3 makes that a per-option, not a per-message, fault.

import { formatIp6, ip6Bytes } from '../address.ts';
import type { Preference, RouteInformationOption } from '../types.ts';
import { type OptionCodec, read32, write32 } from './wire.ts';

const RIO = { PREFIX_LENGTH: 2, FLAGS: 3, ROUTE_LIFETIME: 4, PREFIX: 8 } as const;

const PRF_SHIFT = 3;
const PRF_MASK = 0x18;

/** RFC 4191 §2.1: 01 high, 00 medium, 11 low, 10 reserved. */
export const PREFERENCE_FROM_BITS: readonly Preference[] = ['medium', 'high', 'reserved', 'low'];
export const PREFERENCE_BITS: Readonly<Record<Preference, number>> = { medium: 0, high: 1, reserved: 2, low: 3 };

/** The smallest Length RFC 4191 §2.3 allows for a prefix length: 1 for /0,
 *  2 up to /64, 3 beyond. */
export function minimumRouteInfoLength(prefixLength: number): 1 | 2 | 3 {
  return prefixLength === 0 ? 1 : prefixLength <= 64 ? 2 : 3;
}

export const routeInformationCodec: OptionCodec<RouteInformationOption> = {
  decode(bytes, at, units) {
    if (units > 3) {
      return `route information option has length ${units} (${units * 8} bytes); RFC 4191 §2.3 allows 1, 2 or 3`;
    }
    const prefixLength = bytes[at + RIO.PREFIX_LENGTH];
    const flags = bytes[at + RIO.FLAGS];
    // The prefix field is 0, 8 or 16 bytes; the repr pads it to 128 bits.
    const prefix = new Uint8Array(16);
    prefix.set(bytes.subarray(at + RIO.PREFIX, at + units * 8));
    const opt: RouteInformationOption = {
      type: 24,
      prefixLength,
      prf: PREFERENCE_FROM_BITS[(flags & PRF_MASK) >> PRF_SHIFT],
      routeLifetime: read32(bytes, at + RIO.ROUTE_LIFETIME),
      prefix: formatIp6(prefix),
    };
    if (flags & ~PRF_MASK) opt.reservedFlags = flags & ~PRF_MASK & 0xff;
    // Kept only when encode would not pick it by itself.
    if (units !== minimumRouteInfoLength(prefixLength)) opt.length = units as 1 | 2 | 3;
    return opt;
  },
  units(opt) {
    return opt.length ?? minimumRouteInfoLength(opt.prefixLength);
  },
  write(opt, out, at) {
    const units = opt.length ?? minimumRouteInfoLength(opt.prefixLength);
    out[at + RIO.PREFIX_LENGTH] = opt.prefixLength;
    out[at + RIO.FLAGS] = ((opt.reservedFlags ?? 0) & ~PRF_MASK) | (PREFERENCE_BITS[opt.prf] << PRF_SHIFT);
    write32(out, at + RIO.ROUTE_LIFETIME, opt.routeLifetime);
    out.set(ip6Bytes(opt.prefix).subarray(0, (units - 1) * 8), at + RIO.PREFIX);
  },
};
