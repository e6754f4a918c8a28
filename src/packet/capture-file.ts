// What the pcap (pcap.ts) and pcapng (pcapng.ts) codecs share: the error
// value that stops a read, the state of a packet-at-a-time reader and the
// generator over one, and the checks both writers make on a packet record
// before encoding it.

import type { CaptureError, CaptureInterface, CapturedPacket } from './capture.ts';

/** Nanoseconds per second, as the BigInt both formats' timestamps are built in. */
export const NS_PER_S = 1_000_000_000n;

export function captureError(offset: number, reason: string): CaptureError {
  return { layer: 'pcap', offset, reason };
}

/** The readers' shape: `next()` until null, then `error` says why (null at a clean end). */
export interface PacketReader {
  next(): CapturedPacket | null;
  readonly error: CaptureError | null;
}

/** What both readers keep: the file, a view on it, where the next record
 *  starts, and why reading stopped. Subclasses push each interface into
 *  `interfaces` as its header is read. */
export abstract class CaptureFileReader implements PacketReader {
  /** null while reading and at a clean end; why reading stopped otherwise. */
  error: CaptureError | null = null;
  protected readonly bytes: Uint8Array;
  protected readonly view: DataView;
  protected readonly interfaces: CaptureInterface[];
  protected offset: number;

  constructor(bytes: Uint8Array, interfaces: CaptureInterface[], offset: number) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.interfaces = interfaces;
    this.offset = offset;
  }

  /** Records `e` and stays stopped: every later `next()` returns null. */
  protected fail(e: CaptureError): null {
    this.error = e;
    this.offset = this.bytes.length;
    return null;
  }

  abstract next(): CapturedPacket | null;
}

/** Yields the reader's packets; returns the error that stopped it, or null. */
export function* drainReader(reader: PacketReader): Generator<CapturedPacket, CaptureError | null, void> {
  for (let p = reader.next(); p !== null; p = reader.next()) yield p;
  return reader.error;
}

/** A writer's timestamp as integer ns since the epoch (a number is rounded). */
export function recordTimestampNs(timestampNs: bigint | number): bigint {
  return typeof timestampNs === 'bigint' ? timestampNs : BigInt(Math.round(timestampNs));
}

/** A record's original length (default: the captured length); one shorter
 *  than the captured bytes is a caller bug. */
export function recordOriginalLength(p: { data: Uint8Array; originalLength?: number }): number {
  const originalLength = p.originalLength ?? p.data.length;
  if (originalLength < p.data.length) {
    throw new RangeError(`originalLength ${originalLength} is less than the ${p.data.length} captured bytes`);
  }
  return originalLength;
}
