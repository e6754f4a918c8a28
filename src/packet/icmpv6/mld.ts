// Multicast Listener Discovery: MLDv1 (RFC 2710 §3) Query 130 / Report 131 /
// Done 132, the MLDv2 Query (RFC 3810 §5.1, also type 130) and the MLDv2
// Report 143 (RFC 3810 §5.2). Hosts send MLD reports for their
// solicited-node groups before DAD (RFC 4862 §5.4.2), which is why ND traces
// are full of them.

import { formatIp6, writeIp6 } from '../address.ts';
import type { DecodeError, MldV1, MldV2Report, MulticastAddressRecord } from '../types.ts';
import { read16, tooShort, write16 } from './header.ts';

// RFC 2710 §3 MLDv1 message; RFC 3810 §5.1 MLDv2 Query continues it:
//  |     Type      |     Code      |          Checksum             |
//  |  Maximum Response Delay/Code  |          Reserved             |
//  |                   Multicast Address (16)                      |
//  | Resv  |S| QRV |     QQIC      |     Number of Sources (N)     |   (v2)
//  |                   Source Address [1..N] (16 each)             |   (v2)
//  |                   Additional Data (any length, §5.1.12)       |   (v2)
export const MLD_MAX_RESPONSE = 4;
export const MLD_RESERVED = 6;
export const MLD_MULTICAST_ADDRESS = 8;
export const MLDV1_LEN = 24;
export const MLDV2_QUERY_FLAGS = 24;
export const MLDV2_QUERY_QQIC = 25;
export const MLDV2_QUERY_SOURCE_COUNT = 26;
export const MLDV2_QUERY_SOURCES = 28;
const QUERY_S_FLAG = 0x08;
const QUERY_QRV_MASK = 0x07;
const QUERY_RESV_SHIFT = 4;

// RFC 3810 §5.2 MLDv2 Report (the byte after Type is Reserved; we keep it as
// `code`, as for every ICMPv6 message):
//  |  Type = 143   |    Reserved   |           Checksum            |
//  |           Reserved            |Nr of Mcast Address Records (M)|
//  |                  Multicast Address Record [1..M]              |
//  |                  Additional Data (any length, §5.2.11)        |
export const MLDV2_REPORT_RESERVED = 4;
export const MLDV2_REPORT_RECORD_COUNT = 6;
export const MLDV2_REPORT_RECORDS = 8;
// RFC 3810 §5.2.4 Multicast Address Record:
//  |  Record Type  |  Aux Data Len |     Number of Sources (N)     |
//  |                   Multicast Address (16)                      |
//  |                   Source Address [1..N] (16 each)             |
//  |                   Auxiliary Data (Aux Data Len × 4 bytes)     |
export const RECORD_TYPE = 0;
export const RECORD_AUX_DATA_LEN = 1;
export const RECORD_SOURCE_COUNT = 2;
export const RECORD_MULTICAST_ADDRESS = 4;
export const RECORD_SOURCES = 20;

const NAMES = { 130: 'multicast listener query', 131: 'multicast listener report', 132: 'multicast listener done' } as const;

function icmpError(offset: number, reason: string): DecodeError {
  return { layer: 'icmpv6', offset, reason };
}

export function decodeMld(
  b: Uint8Array, start: number, end: number, type: 130 | 131 | 132, code: number, checksum: number,
): MldV1 | DecodeError {
  const length = end - start;
  if (length < MLDV1_LEN) return tooShort(NAMES[type], MLDV1_LEN, start, end);
  const msg: MldV1 = {
    type,
    code,
    checksum,
    maxResponseDelay: read16(b, start + MLD_MAX_RESPONSE),
    multicastAddress: formatIp6(b, start + MLD_MULTICAST_ADDRESS),
  };
  const reserved = read16(b, start + MLD_RESERVED);
  if (reserved !== 0) msg.reserved = reserved;
  if (length === MLDV1_LEN) return msg;
  if (type !== 130) {
    // RFC 2710 §3: the bytes past the first 24 may belong to a later,
    // backwards-compatible version; a receiver ignores them.
    msg.extraData = b.subarray(start + MLDV1_LEN, end);
    return msg;
  }
  // RFC 3810 §8.1: a query of 24 bytes is MLDv1, one of 28 or more MLDv2,
  // anything between is not a valid query (receivers silently ignore it).
  if (length < MLDV2_QUERY_SOURCES) {
    return icmpError(start, `a ${length}-byte multicast listener query is neither MLDv1 (24 bytes) nor MLDv2 (28 or more), RFC 3810 §8.1`);
  }
  const count = read16(b, start + MLDV2_QUERY_SOURCE_COUNT);
  const need = MLDV2_QUERY_SOURCES + 16 * count;
  if (length < need) {
    return icmpError(start + MLDV2_QUERY_SOURCE_COUNT, `MLDv2 query with ${count} sources needs ${need} bytes, ${length} remain`);
  }
  const flags = b[start + MLDV2_QUERY_FLAGS];
  const sources: string[] = [];
  for (let p = start + MLDV2_QUERY_SOURCES; p < start + need; p += 16) sources.push(formatIp6(b, p));
  const v2: NonNullable<MldV1['v2']> = {
    sFlag: (flags & QUERY_S_FLAG) !== 0,
    qrv: flags & QUERY_QRV_MASK,
    qqic: b[start + MLDV2_QUERY_QQIC],
    sources,
  };
  if (flags >> QUERY_RESV_SHIFT !== 0) v2.resv = flags >> QUERY_RESV_SHIFT;
  // RFC 3810 §5.1.12: bytes after the sources are Additional Data, which a
  // receiver counts in the checksum and otherwise ignores (Linux
  // igmp6_event_query/__mld_query_work read no further than the sources);
  // the query stands. Kept so that encode gives back the same bytes.
  if (length > need) v2.additionalData = b.subarray(start + need, end);
  msg.v2 = v2;
  return msg;
}

export function decodeMldV2Report(
  b: Uint8Array, start: number, end: number, code: number, checksum: number,
): MldV2Report | DecodeError {
  if (end - start < MLDV2_REPORT_RECORDS) return tooShort('MLDv2 report', MLDV2_REPORT_RECORDS, start, end);
  const count = read16(b, start + MLDV2_REPORT_RECORD_COUNT);
  const records: MulticastAddressRecord[] = [];
  let p = start + MLDV2_REPORT_RECORDS;
  for (let i = 0; i < count; i++) {
    if (end - p < RECORD_SOURCES) {
      return icmpError(p, `MLDv2 report record ${i + 1} of ${count} needs ${RECORD_SOURCES} bytes, ${end - p} remain`);
    }
    const sourceCount = read16(b, p + RECORD_SOURCE_COUNT);
    const auxLength = b[p + RECORD_AUX_DATA_LEN] * 4;
    const need = RECORD_SOURCES + 16 * sourceCount + auxLength;
    if (end - p < need) {
      return icmpError(
        p,
        `MLDv2 report record ${i + 1} with ${sourceCount} sources and ${auxLength} bytes of auxiliary data needs ${need} bytes, ${end - p} remain`,
      );
    }
    const sources: string[] = [];
    const auxStart = p + RECORD_SOURCES + 16 * sourceCount;
    for (let s = p + RECORD_SOURCES; s < auxStart; s += 16) sources.push(formatIp6(b, s));
    const record: MulticastAddressRecord = {
      recordType: b[p + RECORD_TYPE],
      multicastAddress: formatIp6(b, p + RECORD_MULTICAST_ADDRESS),
      sources,
    };
    if (auxLength > 0) record.auxData = b.subarray(auxStart, auxStart + auxLength);
    records.push(record);
    p += need;
  }
  const msg: MldV2Report = { type: 143, code, checksum, records };
  const reserved = read16(b, start + MLDV2_REPORT_RESERVED);
  if (reserved !== 0) msg.reserved = reserved;
  // RFC 3810 §5.2.11: bytes after the last record are Additional Data, which
  // a receiver counts in the checksum and otherwise ignores; kept, as for
  // the query, so that encode gives back the same bytes.
  if (p < end) msg.additionalData = b.subarray(p, end);
  return msg;
}

// ------------------------------------------------------------------ encode

export function mldLength(msg: MldV1): number {
  const v2 = msg.v2;
  return v2 ? MLDV2_QUERY_SOURCES + 16 * v2.sources.length + (v2.additionalData?.length ?? 0) : MLDV1_LEN + (msg.extraData?.length ?? 0);
}

export function writeMld(msg: MldV1, out: Uint8Array, start: number): void {
  write16(out, start + MLD_MAX_RESPONSE, msg.maxResponseDelay);
  write16(out, start + MLD_RESERVED, msg.reserved ?? 0);
  writeIp6(msg.multicastAddress, out, start + MLD_MULTICAST_ADDRESS);
  const v2 = msg.v2;
  if (!v2) {
    // Only ever present when decoded from the wire (RFC 2710 §3: a sender
    // must not send more than 24 bytes).
    if (msg.extraData) out.set(msg.extraData, start + MLDV1_LEN);
    return;
  }
  out[start + MLDV2_QUERY_FLAGS] = ((v2.resv ?? 0) << QUERY_RESV_SHIFT) | (v2.sFlag ? QUERY_S_FLAG : 0) | (v2.qrv & QUERY_QRV_MASK);
  out[start + MLDV2_QUERY_QQIC] = v2.qqic;
  write16(out, start + MLDV2_QUERY_SOURCE_COUNT, v2.sources.length);
  let p = start + MLDV2_QUERY_SOURCES;
  for (const s of v2.sources) {
    writeIp6(s, out, p);
    p += 16;
  }
  // Only ever present when decoded from the wire: RFC 3810 §5.1.12 forbids
  // a sender to add it, and ndsim's own queries never carry it.
  if (v2.additionalData) out.set(v2.additionalData, p);
}

function auxLength(r: MulticastAddressRecord): number {
  const n = r.auxData ? r.auxData.length : 0;
  if (n % 4 !== 0 || n > 255 * 4) {
    throw new RangeError(`MLDv2 auxiliary data is counted in 32-bit words (at most 255); ${n} bytes do not fit`);
  }
  return n;
}

export function mldV2ReportLength(msg: MldV2Report): number {
  let n = MLDV2_REPORT_RECORDS;
  for (const r of msg.records) n += RECORD_SOURCES + 16 * r.sources.length + auxLength(r);
  return n + (msg.additionalData?.length ?? 0);
}

export function writeMldV2Report(msg: MldV2Report, out: Uint8Array, start: number): void {
  write16(out, start + MLDV2_REPORT_RESERVED, msg.reserved ?? 0);
  write16(out, start + MLDV2_REPORT_RECORD_COUNT, msg.records.length);
  let p = start + MLDV2_REPORT_RECORDS;
  for (const r of msg.records) {
    const aux = auxLength(r);
    out[p + RECORD_TYPE] = r.recordType;
    out[p + RECORD_AUX_DATA_LEN] = aux / 4;
    write16(out, p + RECORD_SOURCE_COUNT, r.sources.length);
    writeIp6(r.multicastAddress, out, p + RECORD_MULTICAST_ADDRESS);
    p += RECORD_SOURCES;
    for (const s of r.sources) {
      writeIp6(s, out, p);
      p += 16;
    }
    if (r.auxData) out.set(r.auxData, p);
    p += aux;
  }
  // As for the query: only from the wire (RFC 3810 §5.2.11).
  if (msg.additionalData) out.set(msg.additionalData, p);
}
