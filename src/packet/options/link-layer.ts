// RFC 4861 §4.6.1 Source/Target Link-Layer Address options (types 1 and 2).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |    Length     |    Link-Layer Address ...
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The address format belongs to the link type (RFC 2464 §6: 6 bytes, Length
// 1, on Ethernet), so every length is decodable: the repr keeps every byte of
// the body, padding included, and the validation layer judges whether the
// length suits Ethernet (rule "lladdr-length").

import { formatMac, macBytes } from '../address.ts';
import type { LinkLayerAddressOption } from '../types.ts';
import { OPT, type OptionCodec, reprError, unitsFor } from './wire.ts';

/** Bytes in colon-hex text, counted without allocating ("00:11" → 2). */
function lladdrByteCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a /* : */ || c === 0x2d /* - */) n++;
  }
  return n;
}

export const linkLayerAddressCodec: OptionCodec<LinkLayerAddressOption> = {
  decode(bytes, at, units) {
    return {
      type: bytes[at] as 1 | 2,
      lladdr: formatMac(bytes, at + OPT.BODY, units * 8 - 2),
    };
  },
  units(opt) {
    if (opt.lladdr === '') throw reprError('empty link-layer address');
    return unitsFor(lladdrByteCount(opt.lladdr));
  },
  write(opt, out, at) {
    const addr = macBytes(opt.lladdr);
    if (addr.length === 0) throw reprError('empty link-layer address');
    out.set(addr, at + OPT.BODY);
  },
};
