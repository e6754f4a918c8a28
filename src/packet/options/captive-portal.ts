// RFC 8910 §2.3 Captive-Portal option (type 37).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |     Length    |              URI              .
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               .
//   .                                                               .
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The URI is padded with NUL bytes to a multiple of 8. The repr's `uri` is
// every byte up to the last non-NUL one (so a stray NUL inside survives the
// round trip) and `padding` the NULs after it, kept only when there are more
// than the minimum. A URI that is not UTF-8 cannot become a string without
// loss, so it is a decode error (URIs are ASCII, RFC 3986 §2).

import type { CaptivePortalOption } from '../types.ts';
import { OPT, type OptionCodec, reprError } from './wire.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const ENCODER = new TextEncoder();

function minimumPadding(uriBytes: number): number {
  return (8 - ((uriBytes + 2) % 8)) % 8;
}

export const captivePortalCodec: OptionCodec<CaptivePortalOption> = {
  decode(bytes, at, units) {
    const from = at + OPT.BODY;
    const to = at + units * 8;
    let end = to;
    while (end > from && bytes[end - 1] === 0) end--;
    let uri: string;
    try {
      uri = UTF8.decode(bytes.subarray(from, end));
    } catch {
      return 'captive-portal option URI is not valid UTF-8 (RFC 8910 §2.3 carries a URI, RFC 3986 §2: ASCII)';
    }
    const opt: CaptivePortalOption = { type: 37, uri };
    const padding = to - end;
    if (padding !== minimumPadding(end - from)) opt.padding = padding;
    return opt;
  },
  units(opt) {
    const n = ENCODER.encode(opt.uri).length;
    const padding = opt.padding ?? minimumPadding(n);
    if ((n + 2 + padding) % 8 !== 0) throw reprError(`captive-portal padding ${padding} does not round ${n + 2} bytes to a multiple of 8`);
    return (n + 2 + padding) / 8;
  },
  write(opt, out, at) {
    out.set(ENCODER.encode(opt.uri), at + OPT.BODY);
  },
};
