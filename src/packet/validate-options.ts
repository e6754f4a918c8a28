// Option-level rules: values an option's format can hold but the RFCs
// forbid. The codec decodes them (see options.ts); this layer names them.

import { minimumRouteInfoLength } from './options/route-information.ts';
import type { EthernetFrame, NdOption, UnknownOption, Violation } from './types.ts';
import { report } from './validate-rules.ts';

/** Bytes in colon-hex text ("00:11:22" → 3). */
function macByteCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x3a) n++;
  return n;
}

// "xx:xx:xx:xx:xx:xx": the only length a canonical 6-byte address has.
const MAC_TEXT_LENGTH = 17;

export function checkOptions(frame: EthernetFrame, options: readonly NdOption[], out: Violation[] | null): Violation[] | null {
  for (let k = 0; k < options.length; k++) {
    const opt = options[k];
    if ((opt as UnknownOption).unknown === true) continue;
    switch (opt.type) {
      case 1:
      case 2: {
        const o = opt as Extract<NdOption, { type: 1 | 2 }>;
        const which = o.type === 1 ? 'source' : 'target';
        if (o.lladdr.length !== MAC_TEXT_LENGTH) {
          const n = macByteCount(o.lladdr);
          if (n !== 6) {
            out = report(out, 'lladdr-length', `${which} link-layer address option holds ${n} bytes (${o.lladdr}); on Ethernet it is 6 bytes, Length 1 (RFC 2464 §6)`);
            break;
          }
        }
        // A monitor's check, not a validity rule: an SLLA that is not the
        // frame's sender is how NDP spoofing and proxies show up.
        if (o.type === 1 && o.lladdr !== frame.src && o.lladdr.toLowerCase() !== frame.src.toLowerCase()) {
          out = report(out, 'slla-mismatch', `source link-layer address option says ${o.lladdr} but the Ethernet source is ${frame.src}`);
        }
        break;
      }
      case 3: {
        const o = opt as Extract<NdOption, { type: 3 }>;
        if (o.prefixLength > 128) {
          out = report(out, 'pio-prefix-length', `prefix information for ${o.prefix}/${o.prefixLength}: a prefix length runs from 0 to 128`);
        }
        // RFC 4862 §5.5.3 (c): "If the preferred lifetime is greater than the
        // valid lifetime, silently ignore the Prefix Information option."
        if (o.preferredLifetime > o.validLifetime) {
          out = report(out, 'pio-lifetimes', `prefix information for ${o.prefix}/${o.prefixLength}: preferred lifetime ${o.preferredLifetime} s exceeds valid lifetime ${o.validLifetime} s`);
        }
        break;
      }
      case 24: {
        const o = opt as Extract<NdOption, { type: 24 }>;
        if (o.prefixLength > 128) {
          out = report(out, 'rio-prefix-length', `route information for ${o.prefix}/${o.prefixLength}: a prefix length runs from 0 to 128`);
          break;
        }
        // RFC 4191 §2.3: Length 3 above /64, 2 or 3 above /0, any of 1–3 for /0.
        const units = o.length ?? minimumRouteInfoLength(o.prefixLength);
        if (units < minimumRouteInfoLength(o.prefixLength)) {
          out = report(out, 'rio-length', `route information for /${o.prefixLength} has Length ${units}; it needs at least ${minimumRouteInfoLength(o.prefixLength)} to hold the prefix`);
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}
