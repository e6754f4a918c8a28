// RFC 8106 DNS options: Recursive DNS Server (25, §5.1) and DNS Search List
// (31, §5.2). Both share the same first 8 bytes:
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     Type      |     Length    |           Reserved            |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                           Lifetime                            |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   :      Addresses of IPv6 Recursive DNS Servers (RDNSS)          :
//   :   or Domain Names of DNS Search List, zero-padded (DNSSL)     :

import { formatIp6, writeIp6 } from '../address.ts';
import type { DnsslOption, RdnssOption } from '../types.ts';
import { type OptionCodec, read16, read32, reprError, write16, write32 } from './wire.ts';

const DNS = { RESERVED: 2, LIFETIME: 4, DATA: 8 } as const;

// RFC 8106 §5.1: Length is 1 + 2 × (number of addresses), so at least 3 and
// always odd. Any other Length leaves a stray 8 bytes or no address at all.
export const rdnssCodec: OptionCodec<RdnssOption> = {
  decode(bytes, at, units) {
    if (units < 3 || units % 2 === 0) {
      return `recursive DNS server option has length ${units}; RFC 8106 §5.1 needs 1 + 2 × (number of addresses): an odd number ≥ 3`;
    }
    const servers: string[] = [];
    for (let i = at + DNS.DATA; i < at + units * 8; i += 16) servers.push(formatIp6(bytes, i));
    const opt: RdnssOption = { type: 25, lifetime: read32(bytes, at + DNS.LIFETIME), servers };
    const reserved = read16(bytes, at + DNS.RESERVED);
    if (reserved !== 0) opt.reserved = reserved;
    return opt;
  },
  units(opt) {
    if (opt.servers.length === 0) throw reprError('RDNSS without addresses (RFC 8106 §5.1 requires one or more)');
    return 1 + 2 * opt.servers.length;
  },
  write(opt, out, at) {
    write16(out, at + DNS.RESERVED, opt.reserved ?? 0);
    write32(out, at + DNS.LIFETIME, opt.lifetime);
    for (let k = 0; k < opt.servers.length; k++) writeIp6(opt.servers[k], out, at + DNS.DATA + 16 * k);
  },
};

// ------------------------------------------------------------------- DNSSL
//
// RFC 8106 §5.2: the names are in RFC 1035 §3.1 wire form (length-prefixed
// labels, each name ending in a zero byte, no compression), then zeros up to
// "the minimum multiple" of 8 octets. Length is at least 2.
//
// `domains` holds the names that parse, as dotted text. `raw` is set only when
// the canonical encoding of `domains` would not reproduce the bytes (extra
// padding, a label with a dot or a byte that does not survive the text form,
// a truncated name, a compression pointer): then encode writes `raw` as is.

/** Labels longer than this are not labels (RFC 1035 §2.3.4); 0xC0+ would be a
 *  compression pointer, which RFC 8106 does not allow. */
const MAX_LABEL = 63;

/** Parses the names in body[from, to); stops at the first zero byte where a
 *  name would start (the padding) or at malformed data. */
function parseDomains(b: Uint8Array, from: number, to: number): string[] {
  const domains: string[] = [];
  let i = from;
  while (i < to && b[i] !== 0) {
    let name = '';
    let complete = false;
    while (i < to) {
      const len = b[i];
      if (len === 0) {
        i++;
        complete = true;
        break;
      }
      if (len > MAX_LABEL || i + 1 + len > to) return domains;
      if (name !== '') name += '.';
      for (let k = i + 1; k <= i + len; k++) name += String.fromCharCode(b[k]);
      i += 1 + len;
    }
    if (!complete) return domains;
    domains.push(name);
  }
  return domains;
}

/** Wire bytes of `domains` without padding; throws on names no wire form has. */
function encodeDomains(domains: readonly string[]): number[] {
  const out: number[] = [];
  for (const domain of domains) {
    // "example.com." and "example.com" are the same name.
    const text = domain.endsWith('.') ? domain.slice(0, -1) : domain;
    if (text !== '') {
      for (const label of text.split('.')) {
        if (label.length === 0 || label.length > MAX_LABEL) {
          throw reprError(`DNSSL domain "${domain}" has a label of ${label.length} characters (1 to 63 allowed)`);
        }
        out.push(label.length);
        for (let k = 0; k < label.length; k++) {
          const c = label.charCodeAt(k);
          if (c > 0xff) throw reprError(`DNSSL domain "${domain}" is not ASCII (use its punycode form)`);
          out.push(c);
        }
      }
    }
    out.push(0);
  }
  return out;
}

function paddedLength(n: number): number {
  return Math.ceil(n / 8) * 8;
}

export const dnsslCodec: OptionCodec<DnsslOption> = {
  decode(bytes, at, units) {
    if (units < 2) return `DNS search list option has length ${units}; RFC 8106 §5.2 needs at least 2`;
    const from = at + DNS.DATA;
    const to = at + units * 8;
    const domains = parseDomains(bytes, from, to);
    const opt: DnsslOption = { type: 31, lifetime: read32(bytes, at + DNS.LIFETIME), domains };
    const reserved = read16(bytes, at + DNS.RESERVED);
    if (reserved !== 0) opt.reserved = reserved;
    if (!isCanonical(domains, bytes, from, to)) opt.raw = bytes.slice(from, to);
    return opt;
  },
  units(opt) {
    if (opt.raw) {
      if (opt.raw.length === 0 || opt.raw.length % 8 !== 0) throw reprError(`DNSSL raw field of ${opt.raw.length} bytes is not a non-zero multiple of 8`);
      return 1 + opt.raw.length / 8;
    }
    if (opt.domains.length === 0) throw reprError('DNSSL without domain names (RFC 8106 §5.2 requires one or more)');
    return 1 + paddedLength(encodeDomains(opt.domains).length) / 8;
  },
  write(opt, out, at) {
    write16(out, at + DNS.RESERVED, opt.reserved ?? 0);
    write32(out, at + DNS.LIFETIME, opt.lifetime);
    if (opt.raw) out.set(opt.raw, at + DNS.DATA);
    else out.set(encodeDomains(opt.domains), at + DNS.DATA);
  },
};

/** Whether encoding `domains` and padding to the minimum multiple of 8 gives
 *  exactly b[from, to). */
function isCanonical(domains: readonly string[], b: Uint8Array, from: number, to: number): boolean {
  let wire: number[];
  try {
    wire = encodeDomains(domains);
  } catch {
    return false; // e.g. a label holding a "." byte: its text form is ambiguous
  }
  if (wire.length === 0 || paddedLength(wire.length) !== to - from) return false;
  for (let k = 0; k < wire.length; k++) if (b[from + k] !== wire[k]) return false;
  for (let i = from + wire.length; i < to; i++) if (b[i] !== 0) return false;
  return true;
}
