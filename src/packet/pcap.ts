// Classic libpcap files (draft-ietf-opsawg-pcap; pcap-savefile(5)): reader
// and writer.
//
// Why not the `pcap-parser` npm package, although it is installed: it does
// not serve. It reads only from a Node stream or a file path, asynchronously
// through events, while src/packet must stay free of fs and I/O and the
// readers here are synchronous over a Uint8Array; it knows only the
// microsecond magic (0xa1b23c4d nanosecond files fail as "unknown magic
// number"); it reports no byte offsets and silently drops a truncated last
// record instead of saying where the damage is; it grows its buffer by
// copying on every chunk (quadratic on big files) with the deprecated
// `new Buffer`; and its version check (`major != 2 && minor != 4`) accepts
// versions it cannot read. The format is 24 + 16·n bytes, so a reader of our
// own is smaller than an adapter around it.

import type { CaptureError, CaptureInterface, CapturedPacket } from './capture.ts';
import { CaptureFileReader, captureError, drainReader, NS_PER_S, recordOriginalLength, recordTimestampNs } from './capture-file.ts';

// File header (draft-ietf-opsawg-pcap §4), 24 bytes:
//  0 magic | 4 major u16 | 6 minor u16 | 8 reserved1 (thiszone) |
// 12 reserved2 (sigfigs) | 16 SnapLen | 20 LinkType and additional information
const FILE_HEADER_LEN = 24;
const OFF_MAJOR = 4;
const OFF_SNAPLEN = 16;
const OFF_LINKTYPE = 20;

// Packet record (§5): 0 ts seconds | 4 ts µs or ns | 8 captured length |
// 12 original length | 16 packet data (no padding).
const RECORD_HEADER_LEN = 16;

export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;
/** Alexey Kuznetzov's "modified" pcap: µs timestamps and 8 more bytes per
 *  record header (ifindex u32, protocol u16, pkt_type u8, pad u8). Cheap to
 *  read, and `editcap -F modpcap` still writes it. */
export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
export const PCAP_MAGICS: ReadonlySet<number> = new Set([PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO, PCAP_MAGIC_MODIFIED]);

/** libpcap rejects a record whose captured length exceeds
 *  max(snaplen, MAXIMUM_SNAPLEN) as corrupt (sf-pcap.c); so do we. */
const MAXIMUM_SNAPLEN = 262144;

/** Reads a classic pcap file one packet at a time: `next()` returns the next
 *  packet, or null at the end or at damage (then `error` says where and
 *  why). Pushes the file's one interface into `interfaces` once the file
 *  header is read. A plain method call per packet, no generator (the loop of
 *  readCapture runs it for every packet). */
export class PcapReader extends CaptureFileReader {
  #index = 0;
  #le = true;
  #linkType = 0;
  #headerLen = RECORD_HEADER_LEN;
  #maxCaplen = 0;
  #snaplen = 0;
  /** ns per timestamp fraction unit (1000 for µs files, 1 for ns ones). */
  #fracToNs = 1000;
  /** The seconds field last seen and its value in ns: the seconds change
   *  slowly, so most timestamps cost one BigInt addition. */
  #lastSeconds = -1;
  #secondsNs = 0n;

  constructor(bytes: Uint8Array, interfaces: CaptureInterface[]) {
    // offset -1 until the file header is read.
    super(bytes, interfaces, -1);
  }

  /** File header (draft-ietf-opsawg-pcap §4); returns false on damage. */
  #readHeader(): boolean {
    const bytes = this.bytes;
    const view = this.view;
    this.offset = FILE_HEADER_LEN;
    if (bytes.length < FILE_HEADER_LEN) {
      this.fail(captureError(0, `pcap file header truncated: ${FILE_HEADER_LEN} bytes needed, ${bytes.length} present`));
      return false;
    }
    // The writer stores the magic in its own byte order; whichever reading
    // gives a known magic tells us the order of every other field.
    const le = PCAP_MAGICS.has(view.getUint32(0, true));
    const magic = view.getUint32(0, le);
    const major = view.getUint16(OFF_MAJOR, le);
    const minor = view.getUint16(OFF_MAJOR + 2, le);
    if (major !== 2) {
      this.fail(captureError(OFF_MAJOR, `unsupported pcap version ${major}.${minor} (only 2.x is defined)`));
      return false;
    }
    const snaplen = view.getUint32(OFF_SNAPLEN, le);
    // §4: LinkType is the low 16 bits; the high bits carry the FCS length.
    const linkType = view.getUint32(OFF_LINKTYPE, le) & 0xffff;
    const nano = magic === PCAP_MAGIC_NANO;
    this.#le = le;
    this.#linkType = linkType;
    this.#snaplen = snaplen;
    this.#fracToNs = nano ? 1 : 1000;
    this.#headerLen = magic === PCAP_MAGIC_MODIFIED ? RECORD_HEADER_LEN + 8 : RECORD_HEADER_LEN;
    this.#maxCaplen = Math.max(snaplen, MAXIMUM_SNAPLEN);
    this.interfaces.push({ linkType, snaplen, tsresolNs: nano ? 1n : 1000n, ticksPerSecond: nano ? NS_PER_S : 1_000_000n });
    return true;
  }

  next(): CapturedPacket | null {
    if (this.offset < 0 && !this.#readHeader()) return null;
    const bytes = this.bytes;
    const offset = this.offset;
    if (offset >= bytes.length) return null;
    const view = this.view;
    const le = this.#le;
    const headerLen = this.#headerLen;
    const left = bytes.length - offset;
    if (left < headerLen) {
      return this.fail(captureError(offset, `packet record header truncated: ${headerLen} bytes needed, ${left} left`));
    }
    const seconds = view.getUint32(offset, le);
    const fraction = view.getUint32(offset + 4, le);
    const caplen = view.getUint32(offset + 8, le);
    const origlen = view.getUint32(offset + 12, le);
    if (caplen > this.#maxCaplen) {
      return this.fail(captureError(offset, `captured length ${caplen} exceeds the snapshot length ${this.#snaplen}: corrupt record`));
    }
    if (caplen > left - headerLen) {
      return this.fail(captureError(offset, `packet data truncated: captured length ${caplen}, ${left - headerLen} bytes left`));
    }
    if (seconds !== this.#lastSeconds) {
      this.#lastSeconds = seconds;
      this.#secondsNs = BigInt(seconds) * NS_PER_S;
    }
    const start = offset + headerLen;
    this.offset = start + caplen;
    return {
      index: this.#index++,
      interfaceId: 0,
      linkType: this.#linkType,
      // fraction < 2^32, times at most 1000: an exact double.
      timestampNs: this.#secondsNs + BigInt(fraction * this.#fracToNs),
      data: bytes.subarray(start, start + caplen),
      originalLength: origlen,
    };
  }
}

/** Reads a classic pcap file. Yields packets; returns the error that stopped
 *  the read, or null. Pushes the file's one interface into `interfaces`. */
export function* iteratePcap(
  bytes: Uint8Array,
  interfaces: CaptureInterface[],
): Generator<CapturedPacket, CaptureError | null, void> {
  return yield* drainReader(new PcapReader(bytes, interfaces));
}

export interface PcapWriterOptions {
  /** LINKTYPE_*, default 1 (Ethernet). */
  linkType?: number;
  /** Nanosecond magic 0xa1b23c4d instead of microseconds. Default false:
   *  the microsecond format is the one every tool reads. */
  nanosecond?: boolean;
  /** Default 262144, libpcap's MAXIMUM_SNAPLEN. */
  snaplen?: number;
}

/** Writes a little-endian classic pcap file through `write`, one chunk for
 *  the file header (at construction) and one per packet. Each chunk is a
 *  fresh array the caller may keep. */
export class PcapWriter {
  readonly #write: (chunk: Uint8Array) => void;
  readonly #nano: boolean;

  constructor(write: (chunk: Uint8Array) => void, options: PcapWriterOptions = {}) {
    this.#write = write;
    this.#nano = options.nanosecond ?? false;
    const header = new Uint8Array(FILE_HEADER_LEN);
    const view = new DataView(header.buffer);
    view.setUint32(0, this.#nano ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, true);
    view.setUint16(OFF_MAJOR, 2, true);
    view.setUint16(OFF_MAJOR + 2, 4, true);
    // reserved1/reserved2 (thiszone, sigfigs) stay 0, as §4 requires.
    view.setUint32(OFF_SNAPLEN, options.snaplen ?? MAXIMUM_SNAPLEN, true);
    view.setUint32(OFF_LINKTYPE, options.linkType ?? 1, true);
    write(header);
  }

  /** `timestampNs` is absolute (ns since the epoch); a number is rounded to
   *  an integer. Microsecond files truncate the fraction. Throws RangeError
   *  for times the format cannot hold (before 1970 or after 2106). */
  writePacket(p: { timestampNs: bigint | number; data: Uint8Array; originalLength?: number }): void {
    const ns = recordTimestampNs(p.timestampNs);
    const seconds = ns / NS_PER_S;
    if (ns < 0n || seconds > 0xffffffffn) {
      throw new RangeError(`timestamp ${ns} ns does not fit a pcap record (32-bit unsigned seconds)`);
    }
    const fraction = Number(ns % NS_PER_S) / (this.#nano ? 1 : 1000);
    const originalLength = recordOriginalLength(p);
    const chunk = new Uint8Array(RECORD_HEADER_LEN + p.data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, Number(seconds), true);
    view.setUint32(4, Math.floor(fraction), true);
    view.setUint32(8, p.data.length, true);
    view.setUint32(12, originalLength, true);
    chunk.set(p.data, RECORD_HEADER_LEN);
    this.#write(chunk);
  }
}
