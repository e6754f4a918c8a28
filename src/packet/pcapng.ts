// pcapng (draft-ietf-opsawg-pcapng): reader and writer.
//
// A file is a sequence of blocks, each
//    0 Block Type | 4 Block Total Length | 8 Body… | Total Length again
// with the length a multiple of 4 (§3.1). A Section Header Block (SHB)
// starts each section; its byte-order magic fixes the byte order of the
// section, and its interfaces (IDBs) are numbered from 0 within it (§4.1,
// §4.2). Packets come in Enhanced (EPB, §4.3), Simple (SPB, §4.4) or the
// obsolete Packet Block (OPB, Appendix A); every other block type (NRB, ISB,
// DSB, custom…) is skipped by its length, which §3.1 makes possible.

import type { CaptureError, CaptureInterface, CapturedPacket } from './capture.ts';
import { CaptureFileReader, captureError, drainReader, NS_PER_S, recordOriginalLength, recordTimestampNs } from './capture-file.ts';

export const PCAPNG_SHB_TYPE = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_OPB = 0x00000002;
const BLOCK_SPB = 0x00000003;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
/** Type + length before the body, length after it. */
const BLOCK_OVERHEAD = 12;

// Option codes (§3.5, §4.1, §4.2).
const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

const pad4 = (n: number): number => (n + 3) & ~3;

/** Strings in options are UTF-8 without a terminator (§3.5); some old
 *  writers still append NULs, which are not part of the text. */
function optionString(bytes: Uint8Array, start: number, len: number): string {
  let end = start + len;
  while (end > start && bytes[end - 1] === 0) end--;
  return utf8Decoder.decode(bytes.subarray(start, end));
}

/** An interface as the reader tracks it: the public description plus how
 *  to turn its timestamp ticks into nanoseconds. */
interface SectionInterface {
  globalId: number;
  info: CaptureInterface;
  ticksPerSecond: bigint;
  /** ns per tick when exact (1e9 a multiple of the resolution), else null. */
  nsPerTick: bigint | null;
  /** if_tsoffset (§4.2): seconds to add to every timestamp. */
  offsetNs: bigint;
  /** nsPerTick as a number (0 when nsPerTick is null). */
  nsPerTickNumber: number;
  /** The high timestamp word last seen, and toNs of (that word << 32):
   *  consecutive packets share the high word (it changes every 4.3 s at
   *  nanosecond resolution), so most timestamps cost one BigInt addition. */
  lastHigh: number;
  highBaseNs: bigint;
}

function toNs(iface: SectionInterface, ticks: bigint): bigint {
  const ns = iface.nsPerTick !== null ? ticks * iface.nsPerTick : (ticks * NS_PER_S) / iface.ticksPerSecond;
  return ns + iface.offsetNs;
}

/** toNs of the 64-bit tick count high:low, without building it as a BigInt
 *  when the resolution is exact: (high << 32) · nsPerTick + offset is cached,
 *  and low · nsPerTick (< 2^32 · 10^3 for µs, < 2^32 for ns) is a safe
 *  integer, added as one BigInt. */
function ticksToNs(iface: SectionInterface, high: number, low: number): bigint {
  const perTick = iface.nsPerTickNumber;
  if (perTick !== 0) {
    const lowNs = low * perTick;
    if (lowNs <= Number.MAX_SAFE_INTEGER) {
      if (high !== iface.lastHigh) {
        iface.highBaseNs = toNs(iface, BigInt(high) << 32n);
        iface.lastHigh = high;
      }
      return iface.highBaseNs + BigInt(lowNs);
    }
  }
  return toNs(iface, (BigInt(high) << 32n) | BigInt(low));
}

function bodyTooShort(offset: number, name: string, bodyLen: number, min: number): CaptureError {
  return captureError(offset, `${name} body is ${bodyLen} bytes, less than the ${min} its fixed fields need`);
}

/** Walks an option list; returns an error if an option overruns `end`. */
function readOptions(
  view: DataView,
  le: boolean,
  start: number,
  end: number,
  onOption: (code: number, valueStart: number, len: number) => string | null,
): CaptureError | null {
  let pos = start;
  while (end - pos >= 4) {
    const code = view.getUint16(pos, le);
    const len = view.getUint16(pos + 2, le);
    if (code === OPT_ENDOFOPT) break;
    if (len > end - pos - 4) {
      return captureError(pos, `option ${code} of length ${len} runs past the end of its block`);
    }
    const problem = onOption(code, pos + 4, len);
    if (problem !== null) return captureError(pos, problem);
    pos += 4 + pad4(len);
  }
  return null;
}

/** Reads a pcapng file one packet at a time: `next()` returns the next
 *  packet, or null at the end of the file or at damage (then `error` says
 *  where and why). Pushes every interface of every section into
 *  `interfaces` as its block is read. A plain method call per packet: no
 *  generator to resume, no iterator result to allocate (readCapture's loop). */
export class PcapngReader extends CaptureFileReader {
  #le = true;
  #section: SectionInterface[] = [];
  #globalCount = 0;
  #index = 0;

  constructor(bytes: Uint8Array, interfaces: CaptureInterface[]) {
    super(bytes, interfaces, 0);
  }

  next(): CapturedPacket | null {
    const bytes = this.bytes;
    const view = this.view;
    const err = captureError;
    let le = this.#le;
    while (this.offset < bytes.length) {
      const offset = this.offset;
      const left = bytes.length - offset;
      if (left < 8) return this.fail(err(offset, `block header truncated: 8 bytes needed, ${left} left`));
      // The SHB type reads the same in both byte orders, so its own byte-order
      // magic is found before its length is interpreted.
      const type = view.getUint32(offset, le);
      if (type === PCAPNG_SHB_TYPE) {
        if (left < 12) return this.fail(err(offset, `section header block truncated: ${left} bytes left`));
        const bom = view.getUint32(offset + 8, true);
        if (bom === BYTE_ORDER_MAGIC) le = this.#le = true;
        else if (bom === BYTE_ORDER_MAGIC_SWAPPED) le = this.#le = false;
        else return this.fail(err(offset + 8, `section header byte-order magic is 0x${bom.toString(16)}, expected 0x1a2b3c4d`));
      }
      const length = view.getUint32(offset + 4, le);
      if (length < BLOCK_OVERHEAD) return this.fail(err(offset, `block length ${length} is less than the minimum of 12`));
      if (length % 4 !== 0) return this.fail(err(offset, `block length ${length} is not a multiple of 4`));
      if (length > left) return this.fail(err(offset, `block length ${length} runs past the end of the file (${left} bytes left)`));
      const trailer = view.getUint32(offset + length - 4, le);
      if (trailer !== length) {
        return this.fail(err(offset, `block length ${length} in the header but ${trailer} in the trailer`));
      }
      const body = offset + 8;
      const bodyEnd = offset + length - 4;
      const bodyLen = length - BLOCK_OVERHEAD;

      switch (type) {
        case PCAPNG_SHB_TYPE: {
          // §4.1: BOM 4 | major u16 | minor u16 | section length i64 | options
          if (bodyLen < 16) return this.fail(bodyTooShort(offset, 'section header block', bodyLen, 16));
          const major = view.getUint16(body + 4, le);
          const minor = view.getUint16(body + 6, le);
          if (major !== 1) return this.fail(err(body + 4, `unsupported pcapng version ${major}.${minor} (only 1.x is defined)`));
          this.#section = [];
          break;
        }
        case BLOCK_IDB: {
          // §4.2: LinkType u16 | reserved u16 | SnapLen u32 | options
          if (bodyLen < 8) return this.fail(bodyTooShort(offset, 'interface description block', bodyLen, 8));
          const info: CaptureInterface = {
            linkType: view.getUint16(body, le),
            snaplen: view.getUint32(body + 4, le),
            tsresolNs: 1000n,
            ticksPerSecond: 1_000_000n, // §4.2: if_tsresol absent = 10^-6
          };
          let offsetNs = 0n;
          const problem = readOptions(view, le, body + 8, bodyEnd, (code, at, len) => {
            if (code === IF_NAME) info.name = optionString(bytes, at, len);
            else if (code === IF_DESCRIPTION) info.description = optionString(bytes, at, len);
            else if (code === IF_TSRESOL) {
              if (len !== 1) return `if_tsresol has length ${len}, expected 1`;
              // Top bit clear: 10^-n seconds; set: 2^-n seconds.
              const v = bytes[at];
              info.ticksPerSecond = v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
            } else if (code === IF_TSOFFSET) {
              if (len !== 8) return `if_tsoffset has length ${len}, expected 8`;
              offsetNs = view.getBigInt64(at, le) * NS_PER_S;
            }
            return null;
          });
          if (problem) return this.fail(problem);
          const tps = info.ticksPerSecond!;
          const rounded = (NS_PER_S + tps / 2n) / tps;
          info.tsresolNs = rounded > 0n ? rounded : 1n;
          const nsPerTick = NS_PER_S % tps === 0n ? NS_PER_S / tps : null;
          this.#section.push({
            globalId: this.#globalCount++,
            info,
            ticksPerSecond: tps,
            nsPerTick,
            offsetNs,
            nsPerTickNumber: nsPerTick === null ? 0 : Number(nsPerTick),
            lastHigh: -1,
            highBaseNs: 0n,
          });
          this.interfaces.push(info);
          break;
        }
        case BLOCK_EPB:
        case BLOCK_OPB: {
          // EPB §4.3: Interface ID u32 | ts high | ts low | captured len |
          //   original len | data (padded to 4) | options
          // OPB App. A: Interface ID u16 | drops u16 | then as EPB.
          const name = type === BLOCK_EPB ? 'enhanced packet block' : 'packet block';
          if (bodyLen < 20) return this.fail(bodyTooShort(offset, name, bodyLen, 20));
          const ifId = type === BLOCK_EPB ? view.getUint32(body, le) : view.getUint16(body, le);
          const iface = this.#section[ifId];
          if (iface === undefined) {
            return this.fail(err(offset, `${name} refers to interface ${ifId}, but its section defines ${this.#section.length}`));
          }
          const high = view.getUint32(body + 4, le);
          const low = view.getUint32(body + 8, le);
          const caplen = view.getUint32(body + 12, le);
          const origlen = view.getUint32(body + 16, le);
          const dataStart = body + 20;
          if (caplen > bodyEnd - dataStart) {
            return this.fail(err(offset, `captured length ${caplen} exceeds the ${bodyEnd - dataStart} bytes left in the block`));
          }
          let comment: string | undefined;
          const optionsStart = dataStart + pad4(caplen);
          if (optionsStart < bodyEnd) {
            // Only packets that carry options pay for the walk.
            const problem = readOptions(view, le, optionsStart, bodyEnd, (code, at, len) => {
              if (code === OPT_COMMENT && comment === undefined) comment = optionString(bytes, at, len);
              return null;
            });
            if (problem) return this.fail(problem);
          }
          const packet: CapturedPacket = {
            index: this.#index++,
            interfaceId: iface.globalId,
            linkType: iface.info.linkType,
            timestampNs: ticksToNs(iface, high, low),
            data: bytes.subarray(dataStart, dataStart + caplen),
            originalLength: origlen,
          };
          if (comment !== undefined) packet.comment = comment;
          this.offset = offset + length;
          return packet;
        }
        case BLOCK_SPB: {
          // §4.4: Original Packet Length u32 | data. Always interface 0, no
          // timestamp, no options; the captured length is the smallest of
          // the original length, the interface's SnapLen and the block body.
          if (bodyLen < 4) return this.fail(bodyTooShort(offset, 'simple packet block', bodyLen, 4));
          const iface = this.#section[0];
          if (iface === undefined) return this.fail(err(offset, 'simple packet block before any interface description block'));
          const origlen = view.getUint32(body, le);
          let caplen = Math.min(origlen, bodyLen - 4);
          if (iface.info.snaplen !== 0) caplen = Math.min(caplen, iface.info.snaplen);
          this.offset = offset + length;
          return {
            index: this.#index++,
            interfaceId: iface.globalId,
            linkType: iface.info.linkType,
            timestampNs: 0n,
            data: bytes.subarray(body + 4, body + 4 + caplen),
            originalLength: origlen,
          };
        }
        default:
          // NRB, ISB, DSB, custom and future blocks: §3.1 lets us skip them.
          break;
      }
      this.offset = offset + length;
    }
    return null;
  }
}

/** Reads a pcapng file. Yields packets; returns the error that stopped the
 *  read, or null. Pushes every interface of every section into `interfaces`. */
export function* iteratePcapng(
  bytes: Uint8Array,
  interfaces: CaptureInterface[],
): Generator<CapturedPacket, CaptureError | null, void> {
  return yield* drainReader(new PcapngReader(bytes, interfaces));
}

type Option = [code: number, value: Uint8Array];

function optionsLength(options: Option[]): number {
  if (options.length === 0) return 0;
  return options.reduce((n, [, v]) => n + 4 + pad4(v.length), 0) + 4; // + opt_endofopt
}

/** Builds one block: `fixedLen` bytes filled by `fill`, then the options. */
function buildBlock(
  type: number,
  fixedLen: number,
  options: Option[],
  fill: (view: DataView, bytes: Uint8Array, body: number) => void,
): Uint8Array {
  const length = BLOCK_OVERHEAD + fixedLen + optionsLength(options);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, length, true);
  fill(view, bytes, 8);
  let pos = 8 + fixedLen;
  for (const [code, value] of options) {
    view.setUint16(pos, code, true);
    view.setUint16(pos + 2, value.length, true);
    bytes.set(value, pos + 4);
    pos += 4 + pad4(value.length);
  }
  // opt_endofopt is the 4 zero bytes already there.
  view.setUint32(length - 4, length, true);
  return bytes;
}

function stringOption(code: number, text: string | undefined): Option[] {
  if (text === undefined || text === '') return [];
  const value = utf8Encoder.encode(text);
  if (value.length > 0xffff) throw new RangeError(`option ${code} is ${value.length} bytes; 65535 is the maximum`);
  return [[code, value]];
}

/** Writes a little-endian, single-section pcapng file through `write`: the
 *  SHB at construction, one IDB per addInterface, one EPB per packet. Each
 *  chunk is one whole block in a fresh array the caller may keep. */
export class PcapngWriter {
  readonly #write: (chunk: Uint8Array) => void;
  /** Per interface: timestamp ticks per nanosecond divisor (1n or 1000n). */
  readonly #nsPerTick: bigint[] = [];

  constructor(write: (chunk: Uint8Array) => void, options: { application?: string; comment?: string } = {}) {
    this.#write = write;
    const opts = [...stringOption(OPT_COMMENT, options.comment), ...stringOption(SHB_USERAPPL, options.application)];
    write(
      buildBlock(PCAPNG_SHB_TYPE, 16, opts, (view, _bytes, body) => {
        view.setUint32(body, BYTE_ORDER_MAGIC, true);
        view.setUint16(body + 4, 1, true);
        view.setUint16(body + 6, 0, true);
        // §4.1: Section Length -1 = not specified (we stream).
        view.setBigInt64(body + 8, -1n, true);
      }),
    );
  }

  /** Writes an IDB. `tsresolNs` (default true) records nanosecond
   *  timestamps (if_tsresol = 9); false keeps the default microseconds. */
  addInterface(
    opts: { linkType?: number; name?: string; description?: string; snaplen?: number; tsresolNs?: boolean } = {},
  ): number {
    const nano = opts.tsresolNs ?? true;
    const options: Option[] = [...stringOption(IF_NAME, opts.name), ...stringOption(IF_DESCRIPTION, opts.description)];
    if (nano) options.push([IF_TSRESOL, Uint8Array.of(9)]);
    this.#write(
      buildBlock(BLOCK_IDB, 8, options, (view, _bytes, body) => {
        view.setUint16(body, opts.linkType ?? 1, true);
        // §4.2: SnapLen 0 = no limit.
        view.setUint32(body + 4, opts.snaplen ?? 0, true);
      }),
    );
    this.#nsPerTick.push(nano ? 1n : 1000n);
    return this.#nsPerTick.length - 1;
  }

  /** Writes an EPB (with opt_comment when `comment` is a non-empty string).
   *  `timestampNs` is absolute; a number is rounded to an integer, and a
   *  microsecond interface truncates the fraction. Throws on an unknown
   *  interface or an unrepresentable time: those are caller bugs. */
  writePacket(p: {
    interfaceId: number;
    timestampNs: bigint | number;
    data: Uint8Array;
    originalLength?: number;
    comment?: string;
  }): void {
    const divisor = this.#nsPerTick[p.interfaceId];
    if (divisor === undefined) throw new RangeError(`interface ${p.interfaceId} was never added`);
    const ns = recordTimestampNs(p.timestampNs);
    const ticks = ns / divisor;
    if (ns < 0n || ticks > 0xffff_ffff_ffff_ffffn) throw new RangeError(`timestamp ${ns} ns does not fit 64 bits`);
    const originalLength = recordOriginalLength(p);
    const caplen = p.data.length;
    this.#write(
      buildBlock(BLOCK_EPB, 20 + pad4(caplen), stringOption(OPT_COMMENT, p.comment), (view, bytes, body) => {
        view.setUint32(body, p.interfaceId, true);
        view.setUint32(body + 4, Number(ticks >> 32n), true);
        view.setUint32(body + 8, Number(ticks & 0xffff_ffffn), true);
        view.setUint32(body + 12, caplen, true);
        view.setUint32(body + 16, originalLength, true);
        bytes.set(p.data, body + 20);
      }),
    );
  }
}
