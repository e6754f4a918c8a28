// Address classes validate.ts needs, read straight from RFC 5952 text without
// parsing: it runs on every frame. Text in the types.ts contract is
// canonical (lower case, no leading zeros), which is what makes the first
// group a reliable witness of the prefix. Upper case is tolerated.

import { parseIp6 } from './address.ts';
import type { Icmpv6Message, Ip6, Ipv6Packet, Redirect } from './types.ts';

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

// ---------------------------------------------------------------- from bytes
//
// decode() reads every address from the frame's bytes, which are in the CPU
// cache at that moment; the text it makes is not touched again until someone
// reads it. validate() reading the text back costs a cache miss per address
// string (measured: most of validate's time on a 200,000-frame capture). So
// decode records the classes validate needs as bits, from the bytes, and
// validate uses them when it is given them (Decoded.addressClasses).

/** The IPv6 source is :: */
export const SRC_UNSPECIFIED = 1 << 0;
/** The IPv6 source is in fe80::/10. */
export const SRC_LINK_LOCAL = 1 << 1;
/** The IPv6 destination (of the fixed header) is in ff00::/8. */
export const DST_MULTICAST = 1 << 2;
/** The IPv6 destination is in ff02::1:ff00:0/104. */
export const DST_SOLICITED_NODE = 1 << 3;
/** NS / NA / Redirect target is multicast, or link-local. */
export const TARGET_MULTICAST = 1 << 4;
export const TARGET_LINK_LOCAL = 1 << 5;
/** Redirect destination is multicast; its target equals its destination. */
export const DESTINATION_MULTICAST = 1 << 6;
export const TARGET_IS_DESTINATION = 1 << 7;

function bytesAreUnspecified(b: Uint8Array, at: number): boolean {
  for (let i = 0; i < 16; i++) if (b[at + i] !== 0) return false;
  return true;
}

function bytesAreLinkLocal(b: Uint8Array, at: number): boolean {
  return b[at] === 0xfe && (b[at + 1] & 0xc0) === 0x80;
}

function bytesAreMulticast(b: Uint8Array, at: number): boolean {
  return b[at] === 0xff;
}

function bytesAreSolicitedNode(b: Uint8Array, at: number): boolean {
  if (b[at] !== 0xff || b[at + 1] !== 0x02 || b[at + 11] !== 0x01 || b[at + 12] !== 0xff) return false;
  for (let i = 2; i < 11; i++) if (b[at + i] !== 0) return false;
  return true;
}

function bytesEqual16(b: Uint8Array, x: number, y: number): boolean {
  for (let i = 0; i < 16; i++) if (b[x + i] !== b[y + i]) return false;
  return true;
}

/** The bits above for an IPv6 header at `ip` carrying an ICMPv6 message of
 *  `type` at `icmp`; the target and destination bits only when the message
 *  was decoded (`decoded`: long enough to have them). */
export function addressClassesOf(b: Uint8Array, ip: number, icmp: number, type: number, decoded: boolean): number {
  const src = ip + 8;
  const dst = ip + 24;
  let c = 0;
  if (bytesAreUnspecified(b, src)) c |= SRC_UNSPECIFIED;
  else if (bytesAreLinkLocal(b, src)) c |= SRC_LINK_LOCAL;
  if (bytesAreMulticast(b, dst)) {
    c |= DST_MULTICAST;
    if (bytesAreSolicitedNode(b, dst)) c |= DST_SOLICITED_NODE;
  }
  if (decoded && (type === 135 || type === 136 || type === 137)) {
    const target = icmp + 8;
    if (bytesAreMulticast(b, target)) c |= TARGET_MULTICAST;
    else if (bytesAreLinkLocal(b, target)) c |= TARGET_LINK_LOCAL;
    if (type === 137) {
      const destination = icmp + 24;
      if (bytesAreMulticast(b, destination)) c |= DESTINATION_MULTICAST;
      if (bytesEqual16(b, target, destination)) c |= TARGET_IS_DESTINATION;
    }
  }
  return c;
}

/** The same bits read from the text of a frame that did not come from
 *  decode() (or whose caller did not keep Decoded.addressClasses). */
export function addressClassesOfText(ip: Ipv6Packet, msg: Icmpv6Message): number {
  let c = 0;
  if (isUnspecified(ip.src)) c |= SRC_UNSPECIFIED;
  else if (isLinkLocal(ip.src)) c |= SRC_LINK_LOCAL;
  if (isMulticast(ip.dst)) {
    c |= DST_MULTICAST;
    if (isSolicitedNodeMulticast(ip.dst)) c |= DST_SOLICITED_NODE;
  }
  const t = msg.type;
  if ((t === 135 || t === 136 || t === 137) && !('unknown' in msg)) {
    const target = msg.target;
    if (isMulticast(target)) c |= TARGET_MULTICAST;
    else if (isLinkLocal(target)) c |= TARGET_LINK_LOCAL;
    if (t === 137) {
      const destination = (msg as Redirect).destination;
      if (isMulticast(destination)) c |= DESTINATION_MULTICAST;
      if (target === destination) c |= TARGET_IS_DESTINATION;
    }
  }
  return c;
}
