// Ethernet II header (IEEE 802.3 §3.1.1 with an EtherType), with at most one
// IEEE 802.1Q tag. The FCS is not part of captured or simulated frames.
//
//   0                   6                   12      14
//   +-------------------+-------------------+-------+------------------
//   |  Destination MAC  |    Source MAC     | Type  | payload …
//   +-------------------+-------------------+-------+------------------
//
// With an 802.1Q tag, Type is the TPID 0x8100 and the tag follows:
//
//   12      14                    16      18
//   +-------+-----+---+-----------+-------+------------------
//   | 8100  | PCP |DEI|    VID    | Type  | payload …
//   +-------+-----+---+-----------+-------+------------------
//            3 bit 1 b   12 bit
//
// The 60-byte minimum frame is not enforced in either direction: short frames
// are decoded as they come, and encode() adds no padding of its own (a sending
// host's capture shows none either); padding that was on the wire is kept as
// the IPv6 `trailer` or inside a non-IPv6 `payload`.

import { formatMac, macBytes } from './address.ts';
import type { DecodeError, EthernetFrame, VlanTag } from './types.ts';

export const ETH_DST = 0;
export const ETH_SRC = 6;
export const ETH_TYPE = 12;
export const ETH_HEADER_LEN = 14;
/** With a tag: the Tag Control Information, then the inner EtherType. */
export const VLAN_TCI = 14;
export const VLAN_TYPE = 16;
export const VLAN_HEADER_LEN = 18;

export const ETHERTYPE_IPV6 = 0x86dd;
/** IEEE 802.1Q Tag Protocol Identifier. */
export const ETHERTYPE_VLAN = 0x8100;

/** Reads the Ethernet header (without payload), or says why it cannot; where
 *  it ends is ethernetHeaderLength(frame). The frame itself is returned, not
 *  a wrapper: decode runs on every frame (> 2 M/s) and a wrapper object per
 *  frame is measurable garbage. */
export function decodeEthernetHeader(bytes: Uint8Array): EthernetFrame | DecodeError {
  if (bytes.length < ETH_HEADER_LEN) {
    return { layer: 'ethernet', offset: 0, reason: `Ethernet header needs ${ETH_HEADER_LEN} bytes, ${bytes.length} remain` };
  }
  const outerType = (bytes[ETH_TYPE] << 8) | bytes[ETH_TYPE + 1];
  const dst = formatMac(bytes, ETH_DST);
  const src = formatMac(bytes, ETH_SRC);
  if (outerType !== ETHERTYPE_VLAN) {
    return { dst, src, etherType: outerType };
  }
  if (bytes.length < VLAN_HEADER_LEN) {
    return {
      layer: 'ethernet',
      offset: VLAN_TCI,
      reason: `802.1Q tag and inner EtherType need 4 bytes, ${bytes.length - VLAN_TCI} remain`,
    };
  }
  const tci = (bytes[VLAN_TCI] << 8) | bytes[VLAN_TCI + 1];
  const vlan: VlanTag = { pcp: tci >> 13, dei: (tci & 0x1000) !== 0, vid: tci & 0x0fff };
  const etherType = (bytes[VLAN_TYPE] << 8) | bytes[VLAN_TYPE + 1];
  return { dst, src, vlan, etherType };
}

export function ethernetHeaderLength(frame: EthernetFrame): number {
  return frame.vlan ? VLAN_HEADER_LEN : ETH_HEADER_LEN;
}

/** Writes the header at the start of `out`; returns the offset after it. */
export function writeEthernetHeader(frame: EthernetFrame, out: Uint8Array): number {
  writeMac(frame.dst, out, ETH_DST);
  writeMac(frame.src, out, ETH_SRC);
  let typeOffset = ETH_TYPE;
  if (frame.vlan) {
    const { pcp, dei, vid } = frame.vlan;
    out[ETH_TYPE] = ETHERTYPE_VLAN >> 8;
    out[ETH_TYPE + 1] = ETHERTYPE_VLAN & 0xff;
    const tci = ((pcp & 7) << 13) | (dei ? 0x1000 : 0) | (vid & 0x0fff);
    out[VLAN_TCI] = tci >> 8;
    out[VLAN_TCI + 1] = tci & 0xff;
    typeOffset = VLAN_TYPE;
  }
  out[typeOffset] = (frame.etherType >> 8) & 0xff;
  out[typeOffset + 1] = frame.etherType & 0xff;
  return typeOffset + 2;
}

/** Writes a MAC given as text. The canonical form ("00:11:22:33:44:55", what
 *  decode produces) is read here without allocating — encode's hot path;
 *  anything else goes through address.ts's parser, which also explains
 *  what is wrong with bad text. */
function writeMac(text: string, out: Uint8Array, offset: number): void {
  if (text.length === 17) {
    let i = 0;
    for (; i < 6; i++) {
      const hi = hexDigit(text.charCodeAt(3 * i));
      const lo = hexDigit(text.charCodeAt(3 * i + 1));
      if (hi < 0 || lo < 0 || (i < 5 && text.charCodeAt(3 * i + 2) !== 0x3a)) break;
      out[offset + i] = (hi << 4) | lo;
    }
    if (i === 6) return;
  }
  const b = macBytes(text);
  if (b.length !== 6) throw new RangeError(`an Ethernet address is 6 bytes, "${text}" has ${b.length}`);
  out.set(b, offset);
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}
