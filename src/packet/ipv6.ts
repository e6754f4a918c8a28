// The IPv6 header (RFC 8200 §3) and the extension header chain (§4) up to the
// upper layer. ICMPv6 itself is decoded by icmpv6.ts; this module only finds
// where it starts and ends.
//
//   0                   1                   2                   3
//   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |Version| Traffic Class |           Flow Label                  |
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |         Payload Length        |  Next Header  |   Hop Limit   |
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |                 Source Address (16 bytes)                     |
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |               Destination Address (16 bytes)                  |
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Decoded byte strings (`payload`, `trailer`, routing `body`, option `data`)
// are subarray views that ALIAS the input: copy them before reusing the
// input buffer (live capture reuses one buffer per frame).

import { formatIp6, writeIp6 } from './address.ts';
import { read32 } from './bytes.ts';
import type { DecodeError, ExtensionHeader, HopByHopOption, Ipv6Packet } from './types.ts';

export const IPV6_VERSION_TC_FLOW = 0;
export const IPV6_PAYLOAD_LENGTH = 4;
export const IPV6_NEXT_HEADER = 6;
export const IPV6_HOP_LIMIT = 7;
export const IPV6_SRC = 8;
export const IPV6_DST = 24;
export const IPV6_HEADER_LEN = 40;

/** RFC 8200 §4 / IANA protocol numbers of the headers we walk. */
export const NEXT_HEADER_HOP_BY_HOP = 0;
export const NEXT_HEADER_ROUTING = 43;
export const NEXT_HEADER_FRAGMENT = 44;
export const NEXT_HEADER_DESTINATION = 60;

// Extension headers that carry a length (RFC 8200 §4.3, §4.4, §4.6):
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//  |  Next Header  |  Hdr Ext Len  |  (options, or routing type…)  |
//  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
//  Hdr Ext Len counts 8-octet units, not including the first 8 octets.
export const EXT_NEXT_HEADER = 0;
export const EXT_LENGTH = 1;
export const EXT_BODY = 2;
// Routing header (RFC 8200 §4.4): Routing Type, Segments Left, then data.
export const ROUTING_TYPE = 2;
export const ROUTING_SEGMENTS_LEFT = 3;
export const ROUTING_ADDRESSES = 8;
// Fragment header (RFC 8200 §4.5), always 8 bytes:
//  |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
//  |                         Identification                        |
export const FRAGMENT_RESERVED = 1;
export const FRAGMENT_OFFSET_FLAGS = 2;
export const FRAGMENT_IDENTIFICATION = 4;
export const FRAGMENT_HEADER_LEN = 8;

/** Option types of RFC 8200 §4.2 and RFC 2711. */
export const OPTION_PAD1 = 0;
export const OPTION_PADN = 1;
export const OPTION_ROUTER_ALERT = 5;

const KIND_NAMES: Record<number, string> = {
  [NEXT_HEADER_HOP_BY_HOP]: 'hop-by-hop options header',
  [NEXT_HEADER_DESTINATION]: 'destination options header',
  [NEXT_HEADER_ROUTING]: 'routing header',
  [NEXT_HEADER_FRAGMENT]: 'fragment header',
};

/** What decodeIpv6 found. */
export interface Ipv6Walk {
  /** null when not even the fixed header could be read. */
  packet: Ipv6Packet | null;
  error: DecodeError | null;
  /** Where the ICMPv6 message starts and ends when the chain reached one
   *  intact (next header 58, no error, not a fragment); -1 otherwise. */
  upperStart: number;
  upperEnd: number;
  /** Offset in the input of the pseudo-header destination address: the
   *  header's, or a Routing header's final destination (RFC 8200 §8.1). */
  pseudoDst: number;
}

/** The extension header list of the usual packet, which has none: shared
 *  and frozen rather than a new empty array per decoded frame (decode runs
 *  on every frame). A packet that has headers gets its own array. */
const NO_EXTENSION_HEADERS = Object.freeze([]) as unknown as ExtensionHeader[];

function addExtensionHeader(packet: Ipv6Packet, header: ExtensionHeader): void {
  if (packet.extensionHeaders === NO_EXTENSION_HEADERS) packet.extensionHeaders = [header];
  else packet.extensionHeaders.push(header);
}

function fail(offset: number, reason: string, layer: 'ipv6' | 'extension' = 'extension'): DecodeError {
  return { layer, offset, reason };
}

/**
 * Reads the IPv6 header at `start` and walks the extension headers it
 * recognises. The chain stops at the first other next header (the upper
 * layer), at a fragment that is not a whole packet (offset ≠ 0 or M = 1:
 * no reassembly here) or at an error; the rest of the payload is then kept as
 * `payload` and `nextHeader` names its type — so nothing is lost and
 * encode() reproduces the bytes even for frames that did not decode fully.
 * The results go into `walk`, which the caller owns and may reuse (every
 * field is reset here): decode.ts passes the same one for every frame.
 */
export function decodeIpv6(bytes: Uint8Array, start: number, walk: Ipv6Walk): Ipv6Walk {
  walk.packet = null;
  walk.error = null;
  walk.upperStart = -1;
  walk.upperEnd = -1;
  walk.pseudoDst = start + IPV6_DST;
  const remaining = bytes.length - start;
  if (remaining < IPV6_HEADER_LEN) {
    walk.error = fail(start, `IPv6 header needs ${IPV6_HEADER_LEN} bytes, ${remaining} remain`, 'ipv6');
    return walk;
  }
  const version = bytes[start] >> 4;
  if (version !== 6) {
    walk.error = fail(start, `IP version field is ${version}; an IPv6 header has 6`, 'ipv6');
    return walk;
  }
  const payloadLength = (bytes[start + IPV6_PAYLOAD_LENGTH] << 8) | bytes[start + IPV6_PAYLOAD_LENGTH + 1];
  const packet: Ipv6Packet = {
    trafficClass: ((bytes[start] & 0x0f) << 4) | (bytes[start + 1] >> 4),
    flowLabel: ((bytes[start + 1] & 0x0f) << 16) | (bytes[start + 2] << 8) | bytes[start + 3],
    hopLimit: bytes[start + IPV6_HOP_LIMIT],
    src: formatIp6(bytes, start + IPV6_SRC),
    dst: formatIp6(bytes, start + IPV6_DST),
    extensionHeaders: NO_EXTENSION_HEADERS,
    nextHeader: bytes[start + IPV6_NEXT_HEADER],
    payloadLength,
  };
  walk.packet = packet;
  let off = start + IPV6_HEADER_LEN;
  const end = off + payloadLength;
  if (end > bytes.length) {
    walk.error = fail(
      start + IPV6_PAYLOAD_LENGTH,
      `IPv6 payload length is ${payloadLength} bytes, but ${bytes.length - off} remain in the frame`,
      'ipv6',
    );
    packet.payload = bytes.subarray(off);
    return walk;
  }
  if (end < bytes.length) packet.trailer = bytes.subarray(end);

  let nh = packet.nextHeader;
  for (;;) {
    if (nh === NEXT_HEADER_HOP_BY_HOP || nh === NEXT_HEADER_DESTINATION || nh === NEXT_HEADER_ROUTING) {
      const name = KIND_NAMES[nh];
      if (end - off < 2) {
        walk.error = fail(off, `${name} needs at least 8 bytes, ${end - off} remain in the IPv6 payload`);
        break;
      }
      const len = (bytes[off + EXT_LENGTH] + 1) * 8;
      if (end - off < len) {
        walk.error = fail(off, `${name} is ${len} bytes long, ${end - off} remain in the IPv6 payload`);
        break;
      }
      let header: ExtensionHeader;
      if (nh === NEXT_HEADER_ROUTING) {
        header = { kind: 'routing', body: bytes.subarray(off + EXT_BODY, off + len) };
        const final = routingFinalDestination(bytes, off);
        if (final >= 0) walk.pseudoDst = final;
      } else {
        const options: HopByHopOption[] = [];
        const err = decodeHeaderOptions(bytes, off + EXT_BODY, off + len, name, options);
        if (err) {
          walk.error = err;
          break;
        }
        header = nh === NEXT_HEADER_HOP_BY_HOP ? { kind: 'hop-by-hop', options } : { kind: 'destination', options };
      }
      addExtensionHeader(packet, header);
      nh = bytes[off + EXT_NEXT_HEADER];
      off += len;
      continue;
    }
    if (nh === NEXT_HEADER_FRAGMENT) {
      if (end - off < FRAGMENT_HEADER_LEN) {
        walk.error = fail(off, `fragment header needs ${FRAGMENT_HEADER_LEN} bytes, ${end - off} remain in the IPv6 payload`);
        break;
      }
      const word = (bytes[off + FRAGMENT_OFFSET_FLAGS] << 8) | bytes[off + FRAGMENT_OFFSET_FLAGS + 1];
      const fragmentOffset = word >> 3;
      const M = (word & 1) !== 0;
      const reserved = bytes[off + FRAGMENT_RESERVED];
      const res2 = (word >> 1) & 3;
      const header: ExtensionHeader = {
        kind: 'fragment',
        fragmentOffset,
        M,
        identification: read32(bytes, off + FRAGMENT_IDENTIFICATION),
      };
      if (reserved !== 0) header.reserved = reserved;
      if (res2 !== 0) header.res2 = res2;
      addExtensionHeader(packet, header);
      nh = bytes[off + EXT_NEXT_HEADER];
      off += FRAGMENT_HEADER_LEN;
      // RFC 8200 §4.5: only an atomic fragment (offset 0, M = 0, RFC 6946)
      // is a whole packet; for any other the upper layer is incomplete.
      if (fragmentOffset !== 0 || M) {
        packet.nextHeader = nh;
        packet.payload = bytes.subarray(off, end);
        return walk;
      }
      continue;
    }
    break;
  }
  packet.nextHeader = nh;
  if (walk.error === null && nh === 58) {
    walk.upperStart = off;
    walk.upperEnd = end;
  } else {
    packet.payload = bytes.subarray(off, end);
  }
  return walk;
}

/** RFC 8200 §4.2 TLV options of a hop-by-hop or destination options header
 *  in bytes[start, end). Pad1 and PadN are kept so encode can repeat them. */
function decodeHeaderOptions(
  bytes: Uint8Array,
  start: number,
  end: number,
  name: string,
  options: HopByHopOption[],
): DecodeError | null {
  let p = start;
  while (p < end) {
    const type = bytes[p];
    if (type === OPTION_PAD1) {
      options.push({ type, data: bytes.subarray(p + 1, p + 1) });
      p += 1;
      continue;
    }
    if (end - p < 2) return fail(p, `${name}: option type ${type} has no length byte before the header ends`);
    const dataLength = bytes[p + 1];
    if (end - p - 2 < dataLength) {
      return fail(p, `${name}: option type ${type} needs ${2 + dataLength} bytes, ${end - p} remain in the header`);
    }
    options.push({ type, data: bytes.subarray(p + 2, p + 2 + dataLength) });
    p += 2 + dataLength;
  }
  return null;
}

/** Offset of the final destination in the Routing header at `off`, or -1
 *  when the IPv6 destination already is it (Segments Left 0) or the routing
 *  type is one whose addresses we do not read. Type 0 (RFC 2460, deprecated)
 *  and type 2 (RFC 6275 §6.4) list it last; type 4 (SRH, RFC 8754 §2) puts
 *  it first, as Segment List[0]. The header length was checked by the caller. */
export function routingFinalDestination(bytes: Uint8Array, off: number): number {
  if (bytes[off + ROUTING_SEGMENTS_LEFT] === 0) return -1;
  const addresses = bytes[off + EXT_LENGTH] >> 1;
  if (addresses === 0) return -1;
  switch (bytes[off + ROUTING_TYPE]) {
    case 0:
    case 2:
      return off + ROUTING_ADDRESSES + (addresses - 1) * 16;
    case 4:
      return off + ROUTING_ADDRESSES;
    default:
      return -1;
  }
}

// ------------------------------------------------------------------ encode

const KIND_CODES = {
  'hop-by-hop': NEXT_HEADER_HOP_BY_HOP,
  destination: NEXT_HEADER_DESTINATION,
  routing: NEXT_HEADER_ROUTING,
  fragment: NEXT_HEADER_FRAGMENT,
} as const;

function optionsLength(options: readonly HopByHopOption[]): number {
  let n = 0;
  for (const o of options) n += o.type === OPTION_PAD1 ? 1 : 2 + o.data.length;
  return n;
}

/** Bytes the header takes on the wire. Options headers are padded to a
 *  multiple of 8 (RFC 8200 §4.2); a routing body must already fit one. */
export function extensionHeaderLength(h: ExtensionHeader): number {
  switch (h.kind) {
    case 'hop-by-hop':
    case 'destination':
      return (2 + optionsLength(h.options) + 7) & ~7;
    case 'routing':
      if ((2 + h.body.length) % 8 !== 0) {
        throw new RangeError(`routing header body of ${h.body.length} bytes: with its 2-byte head it must fill a multiple of 8 bytes`);
      }
      return 2 + h.body.length;
    case 'fragment':
      return FRAGMENT_HEADER_LEN;
  }
}

/** Bytes the whole IPv6 packet takes, given its upper layer's length. */
export function ipv6Length(packet: Ipv6Packet, upperLength: number): number {
  let n = IPV6_HEADER_LEN + upperLength;
  for (const h of packet.extensionHeaders) n += extensionHeaderLength(h);
  if (packet.trailer) n += packet.trailer.length;
  return n;
}

/**
 * Writes the fixed header and the extension headers at `off`; returns the
 * offset where the upper layer goes and the pseudo-header destination offset.
 * `payloadLength` is written as given (the caller decides computed vs kept).
 */
export function writeIpv6Headers(
  packet: Ipv6Packet,
  payloadLength: number,
  out: Uint8Array,
  off: number,
): { upperStart: number; pseudoDst: number } {
  const { trafficClass: tc, flowLabel: fl } = packet;
  out[off] = 0x60 | ((tc >> 4) & 0x0f);
  out[off + 1] = ((tc & 0x0f) << 4) | ((fl >> 16) & 0x0f);
  out[off + 2] = (fl >> 8) & 0xff;
  out[off + 3] = fl & 0xff;
  out[off + IPV6_PAYLOAD_LENGTH] = (payloadLength >> 8) & 0xff;
  out[off + IPV6_PAYLOAD_LENGTH + 1] = payloadLength & 0xff;
  const chain = packet.extensionHeaders;
  out[off + IPV6_NEXT_HEADER] = chain.length > 0 ? KIND_CODES[chain[0].kind] : packet.nextHeader;
  out[off + IPV6_HOP_LIMIT] = packet.hopLimit;
  writeIp6(packet.src, out, off + IPV6_SRC);
  writeIp6(packet.dst, out, off + IPV6_DST);
  let pseudoDst = off + IPV6_DST;
  let p = off + IPV6_HEADER_LEN;
  for (let i = 0; i < chain.length; i++) {
    const h = chain[i];
    // The successor is implied by the next element (or the packet's
    // nextHeader for the last); an explicit value wins, to build odd frames.
    const next = h.nextHeader ?? (i + 1 < chain.length ? KIND_CODES[chain[i + 1].kind] : packet.nextHeader);
    const len = extensionHeaderLength(h);
    out[p + EXT_NEXT_HEADER] = next;
    switch (h.kind) {
      case 'hop-by-hop':
      case 'destination':
        out[p + EXT_LENGTH] = checkedExtLen(len);
        writeHeaderOptions(h.options, out, p + EXT_BODY, p + len);
        break;
      case 'routing': {
        out[p + EXT_LENGTH] = checkedExtLen(len);
        out.set(h.body, p + EXT_BODY);
        const final = routingFinalDestination(out, p);
        if (final >= 0) pseudoDst = final;
        break;
      }
      case 'fragment': {
        out[p + FRAGMENT_RESERVED] = h.reserved ?? 0;
        const word = ((h.fragmentOffset & 0x1fff) << 3) | (((h.res2 ?? 0) & 3) << 1) | (h.M ? 1 : 0);
        out[p + FRAGMENT_OFFSET_FLAGS] = word >> 8;
        out[p + FRAGMENT_OFFSET_FLAGS + 1] = word & 0xff;
        const id = h.identification >>> 0;
        out[p + FRAGMENT_IDENTIFICATION] = id >>> 24;
        out[p + FRAGMENT_IDENTIFICATION + 1] = (id >>> 16) & 0xff;
        out[p + FRAGMENT_IDENTIFICATION + 2] = (id >>> 8) & 0xff;
        out[p + FRAGMENT_IDENTIFICATION + 3] = id & 0xff;
        break;
      }
    }
    p += len;
  }
  return { upperStart: p, pseudoDst };
}

function checkedExtLen(len: number): number {
  const units = len / 8 - 1;
  if (units > 255) throw new RangeError(`extension header of ${len} bytes exceeds the 2048-byte maximum (RFC 8200 §4.3)`);
  return units;
}

/** Writes the options, then pads to `end`: one Pad1, or a PadN of the
 *  remaining length (RFC 8200 §4.2). */
function writeHeaderOptions(options: readonly HopByHopOption[], out: Uint8Array, start: number, end: number): void {
  let p = start;
  for (const o of options) {
    out[p] = o.type;
    if (o.type === OPTION_PAD1) {
      p += 1;
      continue;
    }
    if (o.data.length > 255) throw new RangeError(`option type ${o.type} has ${o.data.length} data bytes; at most 255 fit`);
    out[p + 1] = o.data.length;
    out.set(o.data, p + 2);
    p += 2 + o.data.length;
  }
  const gap = end - p;
  if (gap === 1) out[p] = OPTION_PAD1;
  else if (gap >= 2) {
    out[p] = OPTION_PADN;
    out[p + 1] = gap - 2;
    out.fill(0, p + 2, end);
  }
}
