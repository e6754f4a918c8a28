// IPv6 and MAC addresses: bytes ⇄ text. Text output is always the RFC 5952
// canonical form, so that logs and traces can be searched with grep (the
// seed's point in section 1-4). This module is on the decoder's hot path:
// formatting uses precomputed tables, no regular expressions.

import type { Ip6, Mac } from './types.ts';

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// 16-bit groups without leading zeros, as RFC 5952 §4.1 requires.
const HEX_WORD: string[] = Array.from({ length: 65536 }, (_, i) => i.toString(16));

/** RFC 5952 text of the 16 bytes at `offset`. */
export function formatIp6(bytes: Uint8Array, offset = 0): Ip6 {
  const w0 = (bytes[offset] << 8) | bytes[offset + 1];
  const w1 = (bytes[offset + 2] << 8) | bytes[offset + 3];
  const w2 = (bytes[offset + 4] << 8) | bytes[offset + 5];
  const w3 = (bytes[offset + 6] << 8) | bytes[offset + 7];
  const w4 = (bytes[offset + 8] << 8) | bytes[offset + 9];
  const w5 = (bytes[offset + 10] << 8) | bytes[offset + 11];
  const w6 = (bytes[offset + 12] << 8) | bytes[offset + 13];
  const w7 = (bytes[offset + 14] << 8) | bytes[offset + 15];
  return formatWords([w0, w1, w2, w3, w4, w5, w6, w7]);
}

function formatWords(w: number[]): string {
  // RFC 5952 §4.2.2-4.2.3: "::" replaces the longest run of two or more zero
  // groups, the first one when two runs tie; a single zero group stays "0".
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad.
  if (bestStart === 0 && bestLen === 5 && w[5] === 0xffff) {
    return `::ffff:${w[6] >> 8}.${w[6] & 255}.${w[7] >> 8}.${w[7] & 255}`;
  }
  if (bestStart < 0) {
    return `${HEX_WORD[w[0]]}:${HEX_WORD[w[1]]}:${HEX_WORD[w[2]]}:${HEX_WORD[w[3]]}:${HEX_WORD[w[4]]}:${HEX_WORD[w[5]]}:${HEX_WORD[w[6]]}:${HEX_WORD[w[7]]}`;
  }
  let s = '';
  for (let i = 0; i < bestStart; i++) s += (i ? ':' : '') + HEX_WORD[w[i]];
  s += '::';
  for (let i = bestStart + bestLen; i < 8; i++) s += (i > bestStart + bestLen ? ':' : '') + HEX_WORD[w[i]];
  return s;
}

/** The result of reading address text: the bytes, or why the text is not one. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses IPv6 text in any of the forms RFC 4291 §2.2 allows (full, "::"
 * compressed, trailing dotted quad, upper or lower case), with or without a
 * zone ("%eth0", returned separately). Never throws.
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
  if (s === '') return { ok: false, error: 'empty address' };
  const firstGap = s.indexOf('::');
  if (firstGap >= 0 && s.indexOf('::', firstGap + 1) >= 0) {
    return { ok: false, error: `"${text}" has "::" twice: it may stand only once (RFC 4291 §2.2), else the number of zero groups is ambiguous` };
  }
  const words: number[] = [];
  const parseSide = (part: string, allowV4: boolean): string | null => {
    if (part === '') return null;
    const groups = part.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (allowV4 && i === groups.length - 1 && g.includes('.')) {
        const q = g.split('.');
        if (q.length !== 4 || q.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) {
          return `"${g}" is not a dotted-quad IPv4 address`;
        }
        words.push((Number(q[0]) << 8) | Number(q[1]), (Number(q[2]) << 8) | Number(q[3]));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) {
        return g === '' ? `"${text}" has an empty group (a lone ":" at the start or end, or ":::")` : `"${g}" is not a group of 1 to 4 hex digits`;
      }
      words.push(parseInt(g, 16));
    }
    return null;
  };
  if (firstGap >= 0) {
    const head = s.slice(0, firstGap);
    const tail = s.slice(firstGap + 2);
    const e1 = parseSide(head, false);
    if (e1) return { ok: false, error: e1 };
    const headCount = words.length;
    const e2 = parseSide(tail, true);
    if (e2) return { ok: false, error: e2 };
    const tailWords = words.splice(headCount);
    if (headCount + tailWords.length > 7) {
      return { ok: false, error: `"${text}" has too many groups for "::" to stand for any` };
    }
    while (words.length + tailWords.length < 8) words.push(0);
    words.push(...tailWords);
  } else {
    const e = parseSide(s, true);
    if (e) return { ok: false, error: e };
    if (words.length !== 8) {
      return { ok: false, error: `"${text}" has ${words.length} groups; an address without "::" needs 8` };
    }
  }
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    bytes[2 * i] = words[i] >> 8;
    bytes[2 * i + 1] = words[i] & 255;
  }
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

/** Writes the address text into `out` at `offset` (for encoders). */
export function writeIp6(text: Ip6, out: Uint8Array, offset: number): void {
  out.set(ip6Bytes(text), offset);
}

/** Lower-case colon-separated text of `len` bytes at `offset` (6 for a MAC). */
export function formatMac(bytes: Uint8Array, offset = 0, len = 6): Mac {
  let s = HEX_BYTE[bytes[offset]];
  for (let i = 1; i < len; i++) s += ':' + HEX_BYTE[bytes[offset + i]];
  return s;
}

/** Reads "00:11:22:33:44:55" (also with "-" separators or upper case). */
export function parseMac(text: string): ParseResult<Uint8Array> {
  const parts = text.trim().split(/[:-]/);
  if (parts.length < 1 || parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) {
    return { ok: false, error: `"${text}" is not a link-layer address (expected hex bytes separated by ":", e.g. 00:11:22:33:44:55)` };
  }
  return { ok: true, value: Uint8Array.from(parts.map((p) => parseInt(p, 16))) };
}

/** Bytes of a MAC text; throws on bad text (literals in code and tests). */
export function macBytes(text: string): Uint8Array {
  const r = parseMac(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
