// ICMPv6 (RFC 4443): reads the common head and hands the body to the codec of
// its type (icmpv6/*.ts). Types we do not model are kept whole as
// UnknownIcmpv6, so nothing on the wire is lost. The checksum is verified
// and written by decode.ts / encode.ts, which know the pseudo-header.

import { decodeDestinationUnreachable, destinationUnreachableLength, writeDestinationUnreachable } from './icmpv6/unreachable.ts';
import { decodeEcho, echoLength, writeEcho } from './icmpv6/echo.ts';
import { ICMP_CHECKSUM, ICMP_CODE, ICMP_HEADER_LEN, ICMP_TYPE, read16, tooShort } from './icmpv6/header.ts';
import { decodeMld, decodeMldV2Report, mldLength, mldV2ReportLength, writeMld, writeMldV2Report } from './icmpv6/mld.ts';
import {
  decodeNeighborAdvertisement,
  decodeNeighborSolicitation,
  decodeRedirect,
  decodeRouterAdvertisement,
  decodeRouterSolicitation,
  ndLength,
  writeNd,
} from './icmpv6/nd.ts';
import type { DecodeError, Icmpv6Message, UnknownIcmpv6 } from './types.ts';

export { ICMP_CHECKSUM, ICMP_CODE, ICMP_HEADER_LEN, ICMP_TYPE } from './icmpv6/header.ts';

/** RFC 4443 §2.1, RFC 4861 §4, RFC 2710 §3, RFC 3810 §5.2 type numbers. */
export const ICMPV6_TYPE = {
  DESTINATION_UNREACHABLE: 1,
  ECHO_REQUEST: 128,
  ECHO_REPLY: 129,
  MLD_QUERY: 130,
  MLD_REPORT: 131,
  MLD_DONE: 132,
  ROUTER_SOLICITATION: 133,
  ROUTER_ADVERTISEMENT: 134,
  NEIGHBOR_SOLICITATION: 135,
  NEIGHBOR_ADVERTISEMENT: 136,
  REDIRECT: 137,
  MLDV2_REPORT: 143,
} as const;

/** Decodes the ICMPv6 message in bytes[start, end); never throws. */
export function decodeIcmpv6(b: Uint8Array, start: number, end: number): Icmpv6Message | DecodeError {
  if (end - start < ICMP_HEADER_LEN) return tooShort('header', ICMP_HEADER_LEN, start, end);
  const type = b[start + ICMP_TYPE];
  const code = b[start + ICMP_CODE];
  const checksum = read16(b, start + ICMP_CHECKSUM);
  switch (type) {
    case 133:
      return decodeRouterSolicitation(b, start, end, code, checksum);
    case 134:
      return decodeRouterAdvertisement(b, start, end, code, checksum);
    case 135:
      return decodeNeighborSolicitation(b, start, end, code, checksum);
    case 136:
      return decodeNeighborAdvertisement(b, start, end, code, checksum);
    case 137:
      return decodeRedirect(b, start, end, code, checksum);
    case 128:
    case 129:
      return decodeEcho(b, start, end, type, code, checksum);
    case 130:
    case 131:
    case 132:
      return decodeMld(b, start, end, type, code, checksum);
    case 143:
      return decodeMldV2Report(b, start, end, code, checksum);
    case 1:
      return decodeDestinationUnreachable(b, start, end, code, checksum);
    default: {
      // `body` is a subarray view that ALIASES the input.
      const msg: UnknownIcmpv6 = { type, code, checksum, unknown: true, body: b.subarray(start + ICMP_HEADER_LEN, end) };
      return msg;
    }
  }
}

export function isUnknownIcmpv6(msg: Icmpv6Message): msg is UnknownIcmpv6 {
  return (msg as UnknownIcmpv6).unknown === true;
}

type Known = Exclude<Icmpv6Message, UnknownIcmpv6>;

/** How one family of modelled types is measured and written (icmpv6/*.ts). */
interface BodyCodec<M extends Known> {
  length(msg: M): number;
  write(msg: M, out: Uint8Array, start: number): void;
}

const ND: BodyCodec<Extract<Known, { type: 133 | 134 | 135 | 136 | 137 }>> = { length: ndLength, write: writeNd };
const ECHO: BodyCodec<Extract<Known, { type: 128 | 129 }>> = { length: echoLength, write: writeEcho };
const MLD: BodyCodec<Extract<Known, { type: 130 | 131 | 132 }>> = { length: mldLength, write: writeMld };

/** The codec of every modelled type: the mapped type makes a type added to
 *  Icmpv6Message without a codec here a compile error. */
const BODY_CODECS: { readonly [T in Known['type']]: BodyCodec<Extract<Known, { type: T }>> } = {
  1: { length: destinationUnreachableLength, write: writeDestinationUnreachable },
  128: ECHO,
  129: ECHO,
  130: MLD,
  131: MLD,
  132: MLD,
  133: ND,
  134: ND,
  135: ND,
  136: ND,
  137: ND,
  143: { length: mldV2ReportLength, write: writeMldV2Report },
};

function bodyCodec(m: Known): BodyCodec<Known> {
  const codec = BODY_CODECS[m.type] as BodyCodec<Known> | undefined;
  if (codec === undefined) throw new Error(`unhandled ICMPv6 repr ${JSON.stringify(m)}`);
  return codec;
}

/** Bytes the whole message takes on the wire, head included. */
export function icmpv6Length(msg: Icmpv6Message): number {
  if (isUnknownIcmpv6(msg)) return ICMP_HEADER_LEN + msg.body.length;
  return bodyCodec(msg as Known).length(msg as Known);
}

/** Writes the message at `start` into a zeroed buffer, leaving the checksum
 *  field zero (the caller fills it: it needs the pseudo-header). */
export function writeIcmpv6(msg: Icmpv6Message, out: Uint8Array, start: number): void {
  out[start + ICMP_TYPE] = msg.type;
  out[start + ICMP_CODE] = msg.code;
  if (isUnknownIcmpv6(msg)) {
    out.set(msg.body, start + ICMP_HEADER_LEN);
    return;
  }
  bodyCodec(msg as Known).write(msg as Known, out, start);
}
