// IPv6 and MAC addresses: bytes ⇄ text, and the addresses ND derives from
// others (EUI-64 interface identifiers, solicited-node groups, multicast
// MACs, prefixes). Text output is always the RFC 5952 canonical form, so that
// logs and traces can be searched with grep (the seed's point in section
// 1-4). This module is on the decoder's and the simulator's hot paths:
// formatting uses precomputed tables, parsing is one hand-written scan, and
// neither allocates more than its result.
//
// What an address *is* (scope, kind, interface-identifier kind) lives in
// address-kind.ts.

import type { Ip6, Mac } from './types.ts';

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// 16-bit groups without leading zeros, as RFC 5952 §4.1 requires.
const HEX_WORD: string[] = Array.from({ length: 65536 }, (_, i) => i.toString(16));

// Scratch space for one address, reused by every call (JavaScript runs one
// call at a time, and none of these functions calls back into user code).
const WORDS = new Int32Array(8);
const SCRATCH_A = new Uint8Array(16);
const SCRATCH_B = new Uint8Array(16);

/** RFC 4291 §2.7.1: the link-local all-nodes and all-routers groups, where
 *  ND sends unsolicited RAs and NAs (all-nodes) and RSs (all-routers). */
export const ALL_NODES = 'ff02::1';
export const ALL_ROUTERS = 'ff02::2';

// ------------------------------------------------------------------ format

// Decoding spends most of its time turning addresses into text, and a link
// has few addresses that come back in every frame. So formatIp6 and
// formatMac keep the text of recently seen addresses in a small two-way
// set-associative cache: the bytes, read as 32-bit words, are both the key
// (compared in full, so a hit is exact) and, hashed, the set. A hit costs a
// few loads and compares, and returns a string that is already flat (cheap
// for the charCodeAt scans in validate-addr.ts). A miss formats the text and
// puts it first in its set; the entry it displaces moves to the second slot.
// The caches hold no state a caller can see: the text is the same either way.
const IP6_CACHE_SIZE = 16384; // power of two
const IP6_CACHE_KEYS = new Int32Array(IP6_CACHE_SIZE * 4);
// '' marks an empty slot: no address formats to ''.
const IP6_CACHE_TEXT: string[] = new Array<string>(IP6_CACHE_SIZE).fill('');

const MAC_CACHE_SIZE = 8192; // power of two
const MAC_CACHE_KEYS = new Int32Array(MAC_CACHE_SIZE * 2);
const MAC_CACHE_TEXT: string[] = new Array<string>(MAC_CACHE_SIZE).fill('');

/** RFC 5952 text of the 16 bytes at `offset`. */
export function formatIp6(bytes: Uint8Array, offset = 0): Ip6 {
  const a = (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
  const b = (bytes[offset + 4] << 24) | (bytes[offset + 5] << 16) | (bytes[offset + 6] << 8) | bytes[offset + 7];
  const c = (bytes[offset + 8] << 24) | (bytes[offset + 9] << 16) | (bytes[offset + 10] << 8) | bytes[offset + 11];
  const d = (bytes[offset + 12] << 24) | (bytes[offset + 13] << 16) | (bytes[offset + 14] << 8) | bytes[offset + 15];
  let h = Math.imul(a, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35) ^ Math.imul(c, 0x27d4eb2f) ^ Math.imul(d, 0x165667b1);
  h = (h ^ (h >>> 15) ^ (h >>> 27)) & (IP6_CACHE_SIZE - 2); // even: the first slot of a pair
  const keys = IP6_CACHE_KEYS;
  const texts = IP6_CACHE_TEXT;
  const k = h << 2;
  const cached = texts[h];
  if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d && cached !== '') return cached;
  // Two ways per set: slot h holds the most recent, h ^ 1 the one before.
  const h2 = h ^ 1;
  const k2 = h2 << 2;
  const older = texts[h2];
  if (keys[k2] === a && keys[k2 + 1] === b && keys[k2 + 2] === c && keys[k2 + 3] === d && older !== '') return older;
  keys[k2] = keys[k];
  keys[k2 + 1] = keys[k + 1];
  keys[k2 + 2] = keys[k + 2];
  keys[k2 + 3] = keys[k + 3];
  texts[h2] = cached;
  const text = flat(formatIp6Text(bytes, offset));
  keys[k] = a;
  keys[k + 1] = b;
  keys[k + 2] = c;
  keys[k + 3] = d;
  texts[h] = text;
  return text;
}

/** The string, flattened now rather than by its first reader: V8 builds
 *  concatenations as trees ("cons strings") and flattens one on its first
 *  indexed access; a cached string is read many times. */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

function formatIp6Text(bytes: Uint8Array, offset: number): Ip6 {
  const w = WORDS;
  // RFC 5952 §4.2.1-4.2.3: "::" replaces the longest run of two or more zero
  // groups, the first one when two runs tie; a single zero group stays "0".
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const v = (bytes[offset + 2 * i] << 8) | bytes[offset + 2 * i + 1];
    w[i] = v;
    if (v === 0) {
      if (runStart < 0) runStart = i;
      if (i - runStart + 1 > bestLen) {
        bestStart = runStart;
        bestLen = i - runStart + 1;
      }
    } else {
      runStart = -1;
    }
  }
  if (bestStart < 0) {
    return `${HEX_WORD[w[0]]}:${HEX_WORD[w[1]]}:${HEX_WORD[w[2]]}:${HEX_WORD[w[3]]}:${HEX_WORD[w[4]]}:${HEX_WORD[w[5]]}:${HEX_WORD[w[6]]}:${HEX_WORD[w[7]]}`;
  }
  // RFC 5952 §5: IPv4-mapped addresses (RFC 4291 §2.5.5.2) keep the dotted
  // quad, the one embedded form the seed shows (::ffff:192.168.0.1).
  if (bestStart === 0 && bestLen === 5 && w[5] === 0xffff) {
    return `::ffff:${w[6] >> 8}.${w[6] & 255}.${w[7] >> 8}.${w[7] & 255}`;
  }
  let s = '';
  for (let i = 0; i < bestStart; i++) s += HEX_WORD[w[i]] + ':';
  s += bestStart === 0 ? '::' : ':';
  const after = bestStart + bestLen;
  for (let i = after; i < 8; i++) s += (i > after ? ':' : '') + HEX_WORD[w[i]];
  return s;
}

// ------------------------------------------------------------------- parse

/** The result of reading address text: the value, or why the text is not one. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  const l = c | 0x20; // fold A-F to a-f
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** Reads a dotted quad at s[i..] (to the end of s) into WORDS[n], WORDS[n+1].
 *  Returns an error text or null. */
function parseDottedQuad(s: string, i: number, n: number, text: string): string | null {
  const quad = s.slice(i);
  if (quad.includes(':')) return `"${text}": the IPv4 part must be the last 32 bits of the address, but "${quad}" goes on`;
  const parts = quad.split('.');
  if (parts.length !== 4) return `"${text}": "${quad}" is not a dotted-quad IPv4 address (it needs 4 decimal parts)`;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return `"${text}": "${p}" in "${quad}" is not a decimal number from 0 to 255`;
    // RFC 3986 §3.2.2 dec-octet: no leading zeros, which some parsers read as octal.
    if (p.length > 1 && p[0] === '0') return `"${text}": "${p}" in "${quad}" has a leading zero (ambiguous: some parsers read it as octal)`;
    const o = Number(p);
    if (o > 255) return `"${text}": ${o} in "${quad}" is more than 255`;
    v = v * 256 + o;
  }
  WORDS[n] = Math.floor(v / 65536);
  WORDS[n + 1] = v & 0xffff;
  return null;
}

function notHex(s: string, i: number, text: string): string {
  return `"${text}": "${String.fromCodePoint(s.codePointAt(i) as number)}" is not a hex digit, ":" or "."`;
}

/**
 * Scans the address part (no zone) into `out` at `offset`; returns an error
 * text, or null on success. Accepts every form of RFC 4291 §2.2: full,
 * "::"-compressed (also for a single zero group, which only output must
 * avoid, RFC 5952 §4.2.2), leading zeros, either case, and a trailing dotted
 * quad in the last 32 bits.
 */
function scanIp6(s: string, text: string, out: Uint8Array, offset: number): string | null {
  const len = s.length;
  if (len === 0) return 'empty address';
  if (s.charCodeAt(0) === 91 /* [ */) return `"${text}": remove the brackets: they belong to URLs (RFC 3986 §3.2.2), not to the address`;
  if (s.indexOf('%') >= 0) return `"${text}" has a zone ("%…"): it names an interface of this node (RFC 4007 §11) and has no place here`;
  if (s.indexOf('/') >= 0) return `"${text}" has a prefix length: an address is expected here (prefixes go through parsePrefix)`;
  const w = WORDS;
  let n = 0; // groups read
  let gap = -1; // index in WORDS where "::" stands
  let i = 0;
  if (s.charCodeAt(0) === 58 /* : */) {
    if (s.charCodeAt(1) !== 58) return `"${text}" starts with a single ":" (only "::" may start an address)`;
    gap = 0;
    i = 2;
    if (i === len) {
      out.fill(0, offset, offset + 16);
      return null;
    }
  }
  for (;;) {
    const start = i;
    let v = 0;
    while (i < len) {
      const h = hexValue(s.charCodeAt(i));
      if (h < 0) break;
      v = (v << 4) | h;
      i++;
    }
    const c = i < len ? s.charCodeAt(i) : -1;
    if (c === 46 /* . */) {
      // An embedded IPv4 address must be the last 32 bits (RFC 4291 §2.2, form 3).
      if (n > 6) return `"${text}" has too many groups before its IPv4 part`;
      const e = parseDottedQuad(s, start, n, text);
      if (e) return e;
      n += 2;
      break;
    }
    if (i === start) {
      // Only ":::" gets here with a ":" (a lone trailing ":" is caught below).
      if (c === 58) return `"${text}" has ":::": "::" stands for the zero groups, and every other group needs 1 to 4 hex digits`;
      return notHex(s, i, text);
    }
    if (i - start > 4) return `"${text}": group "${s.slice(start, i)}" has ${i - start} hex digits; at most 4 are allowed`;
    if (n === 8) return `"${text}" has more than 8 groups`;
    w[n++] = v;
    if (c < 0) break;
    if (c !== 58) return notHex(s, i, text);
    i++;
    if (s.charCodeAt(i) === 58) {
      if (gap >= 0) return `"${text}" has "::" twice: it may stand only once (RFC 4291 §2.2), else the number of zero groups is ambiguous`;
      gap = n;
      i++;
      if (i === len) break;
    } else if (i === len) {
      return `"${text}" ends with a single ":" (only "::" may end an address)`;
    }
  }
  if (gap < 0) {
    if (n === 2 && s.indexOf(':') < 0) return `"${text}" is an IPv4 address (its IPv4-mapped IPv6 form is ::ffff:${s})`;
    if (n !== 8) return `"${text}" has ${n} groups; an address without "::" needs 8`;
    for (let k = 0; k < 8; k++) {
      out[offset + 2 * k] = w[k] >> 8;
      out[offset + 2 * k + 1] = w[k] & 255;
    }
    return null;
  }
  if (n > 7) return `"${text}" has 8 groups and a "::": "::" must stand for at least one zero group`;
  // Groups after the gap move to the end; the gap becomes zeros.
  const zeros = 8 - n;
  for (let k = 0; k < 8; k++) {
    const v = k < gap ? w[k] : k < gap + zeros ? 0 : w[k - zeros];
    out[offset + 2 * k] = v >> 8;
    out[offset + 2 * k + 1] = v & 255;
  }
  return null;
}

/**
 * Parses IPv6 text in any of the forms RFC 4291 §2.2 allows (full, "::"
 * compressed, trailing dotted quad, upper or lower case), with or without a
 * zone ("%eth0", RFC 4007 §11, returned separately). Never throws.
 */
export function parseIp6(text: string): ParseResult<{ bytes: Uint8Array; zone?: string }> {
  let s = text.trim();
  let zone: string | undefined;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return { ok: false, error: `"${text}": empty zone after "%"` };
  }
  const bytes = new Uint8Array(16);
  const error = scanIp6(s, text, bytes, 0);
  if (error !== null) return { ok: false, error };
  return zone === undefined ? { ok: true, value: { bytes } } : { ok: true, value: { bytes, zone } };
}

/** Bytes of an address text; throws on bad text (for literals in code and
 *  tests; user input goes through parseIp6). */
export function ip6Bytes(text: string): Uint8Array {
  const r = parseIp6(text);
  if (!r.ok) throw new Error(r.error);
  return r.value.bytes;
}

/** RFC 5952 canonical form of any valid address text; throws on bad text. */
export function canonicalIp6(text: string): Ip6 {
  return formatIp6(ip6Bytes(text));
}

/** Writes the address text into `out` at `offset` (for encoders); throws on
 *  bad text or a zone, which has no place on the wire. Allocates nothing. */
export function writeIp6(text: Ip6, out: Uint8Array, offset: number): void {
  const error = scanIp6(text, text, out, offset);
  if (error !== null) throw new Error(error);
}

/** The 16 bytes of an address given as text or bytes. Text is scanned into
 *  `scratch`, so the result is only good until the next call with it. */
function bytesOf(addr: Ip6 | Uint8Array, scratch: Uint8Array): Uint8Array {
  if (typeof addr !== 'string') {
    if (addr.length < 16) throw new RangeError(`an IPv6 address has 16 bytes, got ${addr.length}`);
    return addr;
  }
  writeIp6(addr, scratch, 0);
  return scratch;
}

// --------------------------------------------------------------------- MAC

/** Lower-case colon-separated text of `len` bytes at `offset` (6 for a MAC). */
export function formatMac(bytes: Uint8Array, offset = 0, len = 6): Mac {
  if (len !== 6) {
    let s = HEX_BYTE[bytes[offset]];
    for (let i = 1; i < len; i++) s += ':' + HEX_BYTE[bytes[offset + i]];
    return s;
  }
  // A 48-bit MAC, the hot case: cached like formatIp6's addresses.
  const a = (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
  const b = (bytes[offset + 4] << 8) | bytes[offset + 5];
  // The MAC formatted last, first: an SLLA/TLLA option usually repeats the
  // Ethernet source read just before it (a quarter of all MACs in an ND
  // capture), and this costs no trip to the cache's memory.
  if (a === lastMacA && b === lastMacB) return lastMacText;
  lastMacA = a;
  lastMacB = b;
  lastMacText = macFromCache(bytes, offset, a, b);
  return lastMacText;
}

let lastMacA = 0;
let lastMacB = -1; // no MAC has b = -1: the memo starts empty
let lastMacText = '';

function macFromCache(bytes: Uint8Array, offset: number, a: number, b: number): Mac {
  let h = Math.imul(a, 0x85ebca6b) ^ Math.imul(b, 0xc2b2ae35);
  h = (h ^ (h >>> 15) ^ (h >>> 27)) & (MAC_CACHE_SIZE - 2);
  const keys = MAC_CACHE_KEYS;
  const texts = MAC_CACHE_TEXT;
  const k = h << 1;
  const cached = texts[h];
  if (keys[k] === a && keys[k + 1] === b && cached !== '') return cached;
  const h2 = h ^ 1;
  const k2 = h2 << 1;
  const older = texts[h2];
  if (keys[k2] === a && keys[k2 + 1] === b && older !== '') return older;
  keys[k2] = keys[k];
  keys[k2 + 1] = keys[k + 1];
  texts[h2] = cached;
  const text = flat(
    `${HEX_BYTE[bytes[offset]]}:${HEX_BYTE[bytes[offset + 1]]}:${HEX_BYTE[bytes[offset + 2]]}:${HEX_BYTE[bytes[offset + 3]]}:${HEX_BYTE[bytes[offset + 4]]}:${HEX_BYTE[bytes[offset + 5]]}`,
  );
  keys[k] = a;
  keys[k + 1] = b;
  texts[h] = text;
  return text;
}

/** Reads "00:11:22:33:44:55" (also "-" separators, upper case, or one-digit
 *  bytes as `ip` accepts). Any number of bytes: ND link-layer address options
 *  carry whatever the link uses (RFC 4861 §4.6.1). */
export function parseMac(text: string): ParseResult<Uint8Array> {
  // The canonical 48-bit form (what decode and formatMac produce) is read
  // without regular expressions or splitting: the simulator's hot path.
  if (text.length === 17) {
    const b = new Uint8Array(6);
    let i = 0;
    for (; i < 6; i++) {
      const hi = hexValue(text.charCodeAt(3 * i));
      const lo = hexValue(text.charCodeAt(3 * i + 1));
      if (hi < 0 || lo < 0 || (i < 5 && text.charCodeAt(3 * i + 2) !== 0x3a)) break;
      b[i] = (hi << 4) | lo;
    }
    if (i === 6) return { ok: true, value: b };
  }
  const t = text.trim();
  if (t === '') return { ok: false, error: 'empty link-layer address' };
  const sep = t.includes(':') ? ':' : '-';
  if (sep === ':' && t.includes('-')) return { ok: false, error: `"${text}" mixes ":" and "-" separators` };
  const parts = t.split(sep);
  const bad = parts.find((p) => !/^[0-9a-fA-F]{1,2}$/.test(p));
  if (bad !== undefined) {
    const what = bad === '' ? 'an empty byte' : `"${bad}", which is not 1 or 2 hex digits`;
    return { ok: false, error: `"${text}" is not a link-layer address: it has ${what} (expected e.g. 00:11:22:33:44:55)` };
  }
  return { ok: true, value: Uint8Array.from(parts, (p) => parseInt(p, 16)) };
}

/** Bytes of a MAC text; throws on bad text (literals in code and tests). */
export function macBytes(text: string): Uint8Array {
  const r = parseMac(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

// ------------------------------------------------------ derived addresses

/**
 * Modified EUI-64 interface identifier (RFC 4291 §2.5.1 and Appendix A) of a
 * link-layer address: from a 48-bit MAC, 0xfffe goes between the OUI and the
 * rest; from a 64-bit EUI-64 nothing is inserted. In both the
 * universal/local bit (0x02 of the first byte) is inverted, so that a
 * hand-written IID like ::1 reads as "local".
 * 00:11:22:33:44:55 → 02 11 22 ff fe 33 44 55.
 */
export function eui64InterfaceId(mac: Uint8Array | string): Uint8Array {
  const m = typeof mac === 'string' ? macBytes(mac) : mac;
  const iid = new Uint8Array(8);
  if (m.length === 6) {
    iid[0] = m[0] ^ 0x02;
    iid[1] = m[1];
    iid[2] = m[2];
    iid[3] = 0xff;
    iid[4] = 0xfe;
    iid[5] = m[3];
    iid[6] = m[4];
    iid[7] = m[5];
  } else if (m.length === 8) {
    iid.set(m);
    iid[0] ^= 0x02;
  } else {
    throw new RangeError(`a modified EUI-64 comes from a 6- or 8-byte link-layer address, got ${m.length} bytes`);
  }
  return iid;
}

/**
 * The address made of the first 64 bits of `prefix` and a 64-bit interface
 * identifier (RFC 4862 §5.5.3 d). Whether the prefix length plus the IID
 * length is 128 is the caller's rule to check.
 */
export function addressFromPrefix(prefix: Ip6 | Uint8Array, iid: Uint8Array): Ip6 {
  if (iid.length !== 8) throw new RangeError(`an interface identifier has 8 bytes here, got ${iid.length}`);
  const p = bytesOf(prefix, SCRATCH_A);
  const out = SCRATCH_B;
  for (let i = 0; i < 8; i++) {
    out[i] = p[i];
    out[8 + i] = iid[i];
  }
  return formatIp6(out);
}

// fe80::/64, the link-local prefix SLAAC uses (RFC 4862 §5.3).
const LINK_LOCAL_PREFIX = Uint8Array.of(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

/** fe80::/64 + modified EUI-64 (RFC 4862 §5.3, RFC 2464 §5). */
export function linkLocalFromMac(mac: Uint8Array | string): Ip6 {
  return addressFromPrefix(LINK_LOCAL_PREFIX, eui64InterfaceId(mac));
}

/**
 * Solicited-node multicast group of an address: ff02::1:ff00:0/104 plus the
 * address's low 24 bits (RFC 4291 §2.7.1). NS for address resolution and
 * DAD go there (RFC 4861 §7.2.2, RFC 4862 §5.4.2).
 */
export function solicitedNodeAddress(addr: Ip6 | Uint8Array): Ip6 {
  const a = bytesOf(addr, SCRATCH_A);
  const g = SCRATCH_B;
  g.fill(0);
  g[0] = 0xff;
  g[1] = 0x02;
  g[11] = 0x01;
  g[12] = 0xff;
  g[13] = a[13];
  g[14] = a[14];
  g[15] = a[15];
  return formatIp6(g);
}

/**
 * Ethernet destination for an IPv6 multicast group: 33:33 and the group's
 * low 32 bits (RFC 2464 §7). Throws for a unicast address, which has no such
 * mapping: that is a bug in the caller.
 */
export function multicastMac(group: Ip6 | Uint8Array): Mac {
  const g = bytesOf(group, SCRATCH_A);
  if (g[0] !== 0xff) throw new RangeError(`${formatIp6(g)} is not a multicast address (ff00::/8): RFC 2464 §7 maps only multicast`);
  return `33:33:${HEX_BYTE[g[12]]}:${HEX_BYTE[g[13]]}:${HEX_BYTE[g[14]]}:${HEX_BYTE[g[15]]}`;
}

// ------------------------------------------------------------------ prefixes

function checkLength(len: number): void {
  if (!Number.isInteger(len) || len < 0 || len > 128) throw new RangeError(`prefix length ${len} is not an integer from 0 to 128`);
}

/** `addr` with every bit after the first `len` cleared (the prefix). */
export function prefixOf(addr: Ip6 | Uint8Array, len: number): Ip6 {
  checkLength(len);
  const a = bytesOf(addr, SCRATCH_A);
  const out = SCRATCH_B;
  const whole = len >> 3;
  for (let i = 0; i < 16; i++) out[i] = i < whole ? a[i] : 0;
  if (len & 7) out[whole] = a[whole] & (0xff00 >> (len & 7));
  return formatIp6(out);
}

/** Whether the first `len` bits of the 16 bytes at a[aOff] and p[pOff] are equal. */
export function inPrefixBytes(a: Uint8Array, aOff: number, p: Uint8Array, pOff: number, len: number): boolean {
  const whole = len >> 3;
  for (let i = 0; i < whole; i++) if (a[aOff + i] !== p[pOff + i]) return false;
  const bits = len & 7;
  if (bits === 0) return true;
  const mask = 0xff00 >> bits;
  return ((a[aOff + whole] ^ p[pOff + whole]) & mask) === 0;
}

/** Whether `addr` lies in `prefix`/`len` (RFC 4861 §5.2 on-link test). */
export function inPrefix(addr: Ip6 | Uint8Array, prefix: Ip6 | Uint8Array, len: number): boolean {
  checkLength(len);
  return inPrefixBytes(bytesOf(addr, SCRATCH_A), 0, bytesOf(prefix, SCRATCH_B), 0, len);
}

/** How many addresses a prefix of length `len` holds: 2^(128 − len). */
export function prefixSize(len: number): bigint {
  checkLength(len);
  return 1n << BigInt(128 - len);
}

function splitLength(text: string): ParseResult<{ bytes: Uint8Array; length: number }> {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return { ok: false, error: `"${text}" has no "/length" (e.g. 2001:db8::/64)` };
  const lenText = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > 128) {
    return { ok: false, error: `"${text}": prefix length "${lenText}" is not a whole number from 0 to 128` };
  }
  const addrText = t.slice(0, slash);
  if (addrText.includes('%')) return { ok: false, error: `"${text}": a prefix has no zone ("%…")` };
  const bytes = new Uint8Array(16);
  const e = scanIp6(addrText, text, bytes, 0);
  if (e !== null) return { ok: false, error: e };
  return { ok: true, value: { bytes, length: Number(lenText) } };
}

/**
 * Reads a prefix such as "2001:db8::/64" (RFC 4291 §2.3). Bits after the
 * length must be zero, as `ip route` demands: "2001:db8::1/64" is refused
 * with the prefix it probably meant (an address with its prefix length, as
 * `ip addr add` takes, goes through parseAddressWithLength).
 */
export function parsePrefix(text: string): ParseResult<{ prefix: Ip6; length: number }> {
  const r = splitLength(text);
  if (!r.ok) return r;
  const { bytes, length } = r.value;
  const prefix = prefixOf(bytes, length);
  const given = formatIp6(bytes);
  if (prefix !== given) {
    return { ok: false, error: `"${text}" has bits set after the first ${length}: did you mean ${prefix}/${length}?` };
  }
  return { ok: true, value: { prefix, length } };
}

/** Reads "2001:db8::80/64": an address and its prefix length (`ip addr add`). */
export function parseAddressWithLength(text: string): ParseResult<{ address: Ip6; length: number }> {
  const r = splitLength(text);
  if (!r.ok) return r;
  return { ok: true, value: { address: formatIp6(r.value.bytes), length: r.value.length } };
}
