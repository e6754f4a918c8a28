// The five Neighbor Discovery messages (RFC 4861 §4.1–4.5). Each is a fixed
// part followed by options to the end of the message; options are read and
// written by ../options.ts. Reserved fields are kept (as a number, only when
// non-zero) so that decode → encode reproduces the bytes exactly.

import { formatIp6, writeIp6 } from '../address.ts';
import { decodeOptionsInto, optionsByteLength, writeOptions } from '../options.ts';
import type {
  DecodeError,
  NdOption,
  NeighborAdvertisement,
  NeighborSolicitation,
  Preference,
  Redirect,
  RouterAdvertisement,
  RouterSolicitation,
} from '../types.ts';
import { read16, read32, tooShort, write16, write32 } from './header.ts';

// RFC 4861 §4.1 Router Solicitation
//  |     Type      |     Code      |          Checksum             |
//  |                            Reserved                           |
//  |   Options ...
export const RS_RESERVED = 4;
export const RS_OPTIONS = 8;

// RFC 4861 §4.2 Router Advertisement (+ RFC 4191 §2.2 Prf, RFC 6275 §7.1 H)
//  |     Type      |     Code      |          Checksum             |
//  | Cur Hop Limit |M|O|H|Prf|P|Rsv|       Router Lifetime         |
//  |                         Reachable Time                        |
//  |                          Retrans Timer                        |
//  |   Options ...
export const RA_CUR_HOP_LIMIT = 4;
export const RA_FLAGS = 5;
export const RA_ROUTER_LIFETIME = 6;
export const RA_REACHABLE_TIME = 8;
export const RA_RETRANS_TIMER = 12;
export const RA_OPTIONS = 16;
const RA_FLAG_M = 0x80;
const RA_FLAG_O = 0x40;
const RA_FLAG_H = 0x20;
const RA_PRF_SHIFT = 3;
/** P (RFC 4389 proxy) and the 2 reserved bits: kept as `other`. */
const RA_OTHER_MASK = 0x07;

// RFC 4861 §4.3 Neighbor Solicitation
//  |     Type      |     Code      |          Checksum             |
//  |                           Reserved                            |
//  |                       Target Address (16)                     |
//  |   Options ...
export const NS_RESERVED = 4;
export const NS_TARGET = 8;
export const NS_OPTIONS = 24;

// RFC 4861 §4.4 Neighbor Advertisement
//  |     Type      |     Code      |          Checksum             |
//  |R|S|O|                     Reserved                            |
//  |                       Target Address (16)                     |
//  |   Options ...
export const NA_FLAGS = 4;
export const NA_TARGET = 8;
export const NA_OPTIONS = 24;
const NA_FLAG_R = 0x80000000;
const NA_FLAG_S = 0x40000000;
const NA_FLAG_O = 0x20000000;
const NA_RESERVED_MASK = 0x1fffffff;

// RFC 4861 §4.5 Redirect
//  |     Type      |     Code      |          Checksum             |
//  |                           Reserved                            |
//  |                       Target Address (16)                     |
//  |                     Destination Address (16)                  |
//  |   Options ...
export const REDIRECT_RESERVED = 4;
export const REDIRECT_TARGET = 8;
export const REDIRECT_DESTINATION = 24;
export const REDIRECT_OPTIONS = 40;

/** RFC 4191 §2.1: 01 high, 00 medium, 11 low, 10 reserved. */
const PREFERENCE_BY_BITS: readonly Preference[] = ['medium', 'high', 'reserved', 'low'];
const BITS_BY_PREFERENCE: Record<Preference, number> = { medium: 0, high: 1, reserved: 2, low: 3 };

export function decodeRouterSolicitation(
  b: Uint8Array, start: number, end: number, code: number, checksum: number,
): RouterSolicitation | DecodeError {
  if (end - start < RS_OPTIONS) return tooShort('router solicitation', RS_OPTIONS, start, end);
  const options: NdOption[] = [];
  const error = decodeOptionsInto(b, start + RS_OPTIONS, end, options);
  if (error) return error;
  const msg: RouterSolicitation = { type: 133, code, checksum, options };
  const reserved = read32(b, start + RS_RESERVED);
  if (reserved !== 0) msg.reserved = reserved;
  return msg;
}

export function decodeRouterAdvertisement(
  b: Uint8Array, start: number, end: number, code: number, checksum: number,
): RouterAdvertisement | DecodeError {
  if (end - start < RA_OPTIONS) return tooShort('router advertisement', RA_OPTIONS, start, end);
  const options: NdOption[] = [];
  const error = decodeOptionsInto(b, start + RA_OPTIONS, end, options);
  if (error) return error;
  const f = b[start + RA_FLAGS];
  const flags: RouterAdvertisement['flags'] = {
    M: (f & RA_FLAG_M) !== 0,
    O: (f & RA_FLAG_O) !== 0,
    H: (f & RA_FLAG_H) !== 0,
    prf: PREFERENCE_BY_BITS[(f >> RA_PRF_SHIFT) & 3],
  };
  if ((f & RA_OTHER_MASK) !== 0) flags.other = f & RA_OTHER_MASK;
  return {
    type: 134,
    code,
    checksum,
    curHopLimit: b[start + RA_CUR_HOP_LIMIT],
    flags,
    routerLifetime: read16(b, start + RA_ROUTER_LIFETIME),
    reachableTime: read32(b, start + RA_REACHABLE_TIME),
    retransTimer: read32(b, start + RA_RETRANS_TIMER),
    options,
  };
}

export function decodeNeighborSolicitation(
  b: Uint8Array, start: number, end: number, code: number, checksum: number,
): NeighborSolicitation | DecodeError {
  if (end - start < NS_OPTIONS) return tooShort('neighbor solicitation', NS_OPTIONS, start, end);
  const options: NdOption[] = [];
  const error = decodeOptionsInto(b, start + NS_OPTIONS, end, options);
  if (error) return error;
  const msg: NeighborSolicitation = { type: 135, code, checksum, target: formatIp6(b, start + NS_TARGET), options };
  const reserved = read32(b, start + NS_RESERVED);
  if (reserved !== 0) msg.reserved = reserved;
  return msg;
}

export function decodeNeighborAdvertisement(
  b: Uint8Array, start: number, end: number, code: number, checksum: number,
): NeighborAdvertisement | DecodeError {
  if (end - start < NA_OPTIONS) return tooShort('neighbor advertisement', NA_OPTIONS, start, end);
  const options: NdOption[] = [];
  const error = decodeOptionsInto(b, start + NA_OPTIONS, end, options);
  if (error) return error;
  const word = read32(b, start + NA_FLAGS);
  const flags: NeighborAdvertisement['flags'] = {
    R: (word & NA_FLAG_R) !== 0,
    S: (word & NA_FLAG_S) !== 0,
    O: (word & NA_FLAG_O) !== 0,
  };
  if ((word & NA_RESERVED_MASK) !== 0) flags.reserved = word & NA_RESERVED_MASK;
  return { type: 136, code, checksum, flags, target: formatIp6(b, start + NA_TARGET), options };
}

export function decodeRedirect(
  b: Uint8Array, start: number, end: number, code: number, checksum: number,
): Redirect | DecodeError {
  if (end - start < REDIRECT_OPTIONS) return tooShort('redirect', REDIRECT_OPTIONS, start, end);
  const options: NdOption[] = [];
  const error = decodeOptionsInto(b, start + REDIRECT_OPTIONS, end, options);
  if (error) return error;
  const msg: Redirect = {
    type: 137,
    code,
    checksum,
    target: formatIp6(b, start + REDIRECT_TARGET),
    destination: formatIp6(b, start + REDIRECT_DESTINATION),
    options,
  };
  const reserved = read32(b, start + REDIRECT_RESERVED);
  if (reserved !== 0) msg.reserved = reserved;
  return msg;
}

// ------------------------------------------------------------------ encode

type Nd = RouterSolicitation | RouterAdvertisement | NeighborSolicitation | NeighborAdvertisement | Redirect;

const FIXED_LENGTH = { 133: RS_OPTIONS, 134: RA_OPTIONS, 135: NS_OPTIONS, 136: NA_OPTIONS, 137: REDIRECT_OPTIONS } as const;

export function ndLength(msg: Nd): number {
  return FIXED_LENGTH[msg.type] + optionsByteLength(msg.options);
}

/** Writes the fixed part after the ICMPv6 head, then the options. */
export function writeNd(msg: Nd, out: Uint8Array, start: number): void {
  switch (msg.type) {
    case 133:
      write32(out, start + RS_RESERVED, msg.reserved ?? 0);
      break;
    case 134: {
      const { M, O, H, prf, other } = msg.flags;
      out[start + RA_CUR_HOP_LIMIT] = msg.curHopLimit;
      out[start + RA_FLAGS] =
        (M ? RA_FLAG_M : 0) | (O ? RA_FLAG_O : 0) | (H ? RA_FLAG_H : 0) |
        (BITS_BY_PREFERENCE[prf] << RA_PRF_SHIFT) | ((other ?? 0) & RA_OTHER_MASK);
      write16(out, start + RA_ROUTER_LIFETIME, msg.routerLifetime);
      write32(out, start + RA_REACHABLE_TIME, msg.reachableTime);
      write32(out, start + RA_RETRANS_TIMER, msg.retransTimer);
      break;
    }
    case 135:
      write32(out, start + NS_RESERVED, msg.reserved ?? 0);
      writeIp6(msg.target, out, start + NS_TARGET);
      break;
    case 136: {
      const { R, S, O, reserved } = msg.flags;
      const word = (R ? NA_FLAG_R : 0) | (S ? NA_FLAG_S : 0) | (O ? NA_FLAG_O : 0) | ((reserved ?? 0) & NA_RESERVED_MASK);
      write32(out, start + NA_FLAGS, word);
      writeIp6(msg.target, out, start + NA_TARGET);
      break;
    }
    case 137:
      write32(out, start + REDIRECT_RESERVED, msg.reserved ?? 0);
      writeIp6(msg.target, out, start + REDIRECT_TARGET);
      writeIp6(msg.destination, out, start + REDIRECT_DESTINATION);
      break;
    default: {
      const never: never = msg;
      throw new Error(`not an ND message: ${JSON.stringify(never)}`);
    }
  }
  writeOptions(msg.options as readonly NdOption[], out, start + FIXED_LENGTH[msg.type]);
}
