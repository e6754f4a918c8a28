// Address classes validate.ts needs, read straight from RFC 5952 text without
// parsing: it runs on every frame. Text in the types.ts contract is
// canonical (lower case, no leading zeros), which is what makes the first
// group a reliable witness of the prefix. Upper case is tolerated.

import { parseIp6 } from './address.ts';
import type { Ip6 } from './types.ts';

function lower(s: string, i: number): number {
  return s.charCodeAt(i) | 0x20;
}

function isGroupChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c !== 0x3a /* : */ && !Number.isNaN(c);
}

/** ff00::/8 (RFC 4291 §2.7): the first group has four digits and starts "ff".
 *  ("ff::1" is 00ff::1, not multicast.) */
export function isMulticast(a: Ip6): boolean {
  return lower(a, 0) === 0x66 && lower(a, 1) === 0x66 && isGroupChar(a, 2) && isGroupChar(a, 3);
}

/** fe80::/10 (RFC 4291 §2.5.6): the first group is fe80 … febf. */
export function isLinkLocal(a: Ip6): boolean {
  if (lower(a, 0) !== 0x66 || lower(a, 1) !== 0x65 || !isGroupChar(a, 3)) return false;
  const c = lower(a, 2);
  return c === 0x38 || c === 0x39 || c === 0x61 || c === 0x62; // 8 9 a b
}

export function isUnspecified(a: Ip6): boolean {
  return a === '::';
}

const SOLICITED_NODE_TEXT = 'ff02::1:ff';

function isLowerHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

/** ff02::1:ff00:0/104 (RFC 4291 §2.7.1). The canonical text of every such
 *  address is "ff02::1:ff" + 2 hex digits + ":" + 1 to 4 hex digits (the
 *  group after ff02 is 4 zeros, the longest run, so "::" stands there), which
 *  is read directly; any other spelling is parsed. */
export function isSolicitedNodeMulticast(a: Ip6): boolean {
  const n = a.length;
  if (n >= 14 && n <= 17 && a.startsWith(SOLICITED_NODE_TEXT) && isLowerHex(a.charCodeAt(10)) && isLowerHex(a.charCodeAt(11)) && a.charCodeAt(12) === 0x3a) {
    let i = 13;
    while (i < n && isLowerHex(a.charCodeAt(i))) i++;
    if (i === n) return true;
  }
  const r = parseIp6(a);
  if (!r.ok || r.value.zone !== undefined) return false;
  const b = r.value.bytes;
  if (b[0] !== 0xff || b[1] !== 0x02 || b[11] !== 0x01 || b[12] !== 0xff) return false;
  for (let i = 2; i < 11; i++) if (b[i] !== 0) return false;
  return true;
}
