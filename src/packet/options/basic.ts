// The remaining fixed-layout options of RFC 4861 §4.6 and RFC 3971:
// Redirected Header (4), MTU (5) and Nonce (14).

import type { MtuOption, NonceOption, RedirectedHeaderOption } from '../types.ts';
import { anyNonZero, OPT, type OptionCodec, read16, read32, reprError, unitsFor, write16, write32 } from './wire.ts';

// RFC 4861 §4.6.3 Redirected Header.
//
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |    Length     |            Reserved           |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                           Reserved                            |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   ~                       IP header + data                        ~
//
// Any Length ≥ 1 is well formed. The packet is padded to a multiple of 8, and
// the padding cannot be told apart from data, so `packet` keeps all of it.
const RH = { RESERVED: 2, PACKET: 8 } as const;

export const redirectedHeaderCodec: OptionCodec<RedirectedHeaderOption> = {
  decode(bytes, at, units) {
    const opt: RedirectedHeaderOption = {
      type: 4,
      packet: bytes.slice(at + RH.PACKET, at + units * 8),
    };
    if (anyNonZero(bytes, at + RH.RESERVED, at + RH.PACKET)) opt.reserved = bytes.slice(at + RH.RESERVED, at + RH.PACKET);
    return opt;
  },
  units(opt) {
    return 1 + Math.ceil(opt.packet.length / 8);
  },
  write(opt, out, at) {
    if (opt.reserved) {
      if (opt.reserved.length !== 6) throw reprError(`redirected header reserved field is ${opt.reserved.length} bytes, not 6`);
      out.set(opt.reserved, at + RH.RESERVED);
    }
    out.set(opt.packet, at + RH.PACKET);
  },
};

// RFC 4861 §4.6.4 MTU; Length is always 1.
//
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |    Length     |           Reserved            |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                              MTU                              |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
const MTU = { RESERVED: 2, MTU: 4 } as const;

export const mtuCodec: OptionCodec<MtuOption> = {
  decode(bytes, at, units) {
    if (units !== 1) return `MTU option has length ${units} (${units * 8} bytes); RFC 4861 §4.6.4 fixes it at 1 (8 bytes)`;
    const opt: MtuOption = { type: 5, mtu: read32(bytes, at + MTU.MTU) };
    const reserved = read16(bytes, at + MTU.RESERVED);
    if (reserved !== 0) opt.reserved = reserved;
    return opt;
  },
  units() {
    return 1;
  },
  write(opt, out, at) {
    write16(out, at + MTU.RESERVED, opt.reserved ?? 0);
    write32(out, at + MTU.MTU, opt.mtu);
  },
};

// RFC 3971 §5.3.2 Nonce: the random bytes fill the option, whose length is
// chosen so that the option is a multiple of 8 octets (6 bytes for RFC 7527
// enhanced DAD). Any Length ≥ 1 is well formed.
export const nonceCodec: OptionCodec<NonceOption> = {
  decode(bytes, at, units) {
    return { type: 14, nonce: bytes.slice(at + OPT.BODY, at + units * 8) };
  },
  units(opt) {
    const n = opt.nonce.length;
    if (n === 0 || (n + 2) % 8 !== 0) throw reprError(`nonce of ${n} bytes; RFC 3971 §5.3.2 needs 8n − 2 (6, 14, …)`);
    return unitsFor(n);
  },
  write(opt, out, at) {
    out.set(opt.nonce, at + OPT.BODY);
  },
};
