// Capture files in, packets out: one entry point for classic pcap and pcapng.
// The format is sniffed from the first four bytes (the magic number), never
// from a file name, so a ".pcap" that is really pcapng (as `tcpdump -w` on
// some systems and Wireshark by default produce) still reads.
//
// Readers are total (DESIGN.md, "decode is total"): they never throw on bad
// input. Damage stops the read and becomes one error value naming the byte
// offset and the reason; every packet before it is still delivered.

import { drainReader } from './capture-file.ts';
import { PCAP_MAGICS, PcapReader } from './pcap.ts';
import { PCAPNG_SHB_TYPE, PcapngReader } from './pcapng.ts';

export interface CapturedPacket {
  /** 0-based, in file order. */
  index: number;
  /** Index into CaptureReadResult.interfaces; 0 for classic pcap. For a
   *  multi-section pcapng this is the interface's position in the whole
   *  file (sections are numbered one after another), so it always indexes
   *  `interfaces`; within a single-section file it equals the IDB index. */
  interfaceId: number;
  /** LINKTYPE_* of its interface (1 = Ethernet). */
  linkType: number;
  /** Absolute, nanoseconds since the epoch (0n for a pcapng Simple Packet
   *  Block, which has no timestamp). */
  timestampNs: bigint;
  /** Captured bytes. May alias the file buffer: copy before mutating. */
  data: Uint8Array;
  originalLength: number;
  /** pcapng opt_comment (the first one), decoded as UTF-8. */
  comment?: string;
}

export interface CaptureInterface {
  linkType: number;
  /** 0 = no limit. */
  snaplen: number;
  name?: string;
  description?: string;
  /** Nanoseconds per timestamp tick, rounded to the nearest integer and at
   *  least 1n (1000n for microsecond files, 1n for nanosecond ones). Exact
   *  only when 1e9 is a multiple of the resolution; see ticksPerSecond. */
  tsresolNs: bigint;
  /** Exact timestamp resolution (pcapng if_tsresol, both the 10^-n and the
   *  2^-n forms). Timestamps are already converted with it. */
  ticksPerSecond?: bigint;
}

/** Where and why reading stopped early. `offset` counts from file start. */
export interface CaptureError {
  layer: 'pcap';
  offset: number;
  reason: string;
}

export interface CaptureReadResult {
  format: 'pcap' | 'pcapng';
  interfaces: CaptureInterface[];
  packets: CapturedPacket[];
  /** null when the whole file was read; otherwise where and why reading
   *  stopped. Every packet before the damage is in `packets`. */
  error: CaptureError | null;
}

type Format = CaptureReadResult['format'];

/** Which format the bytes claim to be, or why they are neither. */
function sniff(bytes: Uint8Array): { format: Format } | { error: CaptureError } {
  const fail = (reason: string) => ({ error: { layer: 'pcap' as const, offset: 0, reason } });
  if (bytes.length < 4) {
    return fail(
      bytes.length === 0
        ? 'empty file: no capture magic number'
        : `file too short for a capture magic number (${bytes.length} bytes)`,
    );
  }
  const be = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const le = ((bytes[3] << 24) | (bytes[2] << 16) | (bytes[1] << 8) | bytes[0]) >>> 0;
  if (be === PCAPNG_SHB_TYPE) return { format: 'pcapng' };
  if (PCAP_MAGICS.has(be) || PCAP_MAGICS.has(le)) return { format: 'pcap' };
  const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  // Name the common look-alikes, so the message says what to do.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return fail(`found gzip data (magic ${hex}), not a capture: decompress it first`);
  }
  return fail(
    `unknown magic number ${hex}: not a pcap (a1 b2 c3 d4 / a1 b2 3c 4d, either byte order) or pcapng (0a 0d 0d 0a) file`,
  );
}

/** The reader for the bytes' format, or why there is none. Both readers
 *  push each interface into `sink` as its header is read, which lets
 *  readCapture report them while the streaming variant drops them. */
function open(bytes: Uint8Array, sink: CaptureInterface[]): { format: Format; reader: PcapReader | PcapngReader } | { error: CaptureError } {
  const s = sniff(bytes);
  if ('error' in s) return s;
  return { format: s.format, reader: s.format === 'pcap' ? new PcapReader(bytes, sink) : new PcapngReader(bytes, sink) };
}

/** Reads a whole capture file into memory. Never throws. */
export function readCapture(bytes: Uint8Array): CaptureReadResult {
  const result: CaptureReadResult = { format: 'pcap', interfaces: [], packets: [], error: null };
  const o = open(bytes, result.interfaces);
  if ('error' in o) {
    result.error = o.error;
    return result;
  }
  result.format = o.format;
  // A plain loop over next(): this runs for every packet of big files.
  const reader = o.reader;
  const packets = result.packets;
  for (let p = reader.next(); p !== null; p = reader.next()) packets.push(p);
  result.error = reader.error;
  return result;
}

/** Streaming variant: yields packets one at a time and returns the error
 *  (null when the file was read to its end). Same semantics as readCapture. */
export function* iterateCapture(
  bytes: Uint8Array,
): Generator<CapturedPacket, CaptureReadResult['error'], void> {
  const o = open(bytes, []);
  if ('error' in o) return o.error;
  return yield* drainReader(o.reader);
}
