// `ndsim decode FILE [--json] [-v]`: every frame of a pcap/pcapng capture,
// one tcpdump-style line each (or NDJSON), with RFC 4861 violations.

import { readFileSync } from 'node:fs';
import { readCapture } from '../packet/capture.ts';
import { decode } from '../packet/decode.ts';
import { validate } from '../packet/validate.ts';
import { frameJson } from '../packet/json.ts';
import { formatSeconds, frameSummary, frameTree } from '../packet/summary.ts';
import { LineWriter } from './output.ts';
import { EXIT, UserError } from './errors.ts';

export interface DecodeOptions {
  json: boolean;
  verbose: boolean;
}

const LINKTYPE_ETHERNET = 1;

export function readInputFile(path: string): Uint8Array {
  try {
    const b = readFileSync(path);
    // A plain Uint8Array view of the same memory: the readers take a
    // subarray per packet, and Buffer's own subarray is several times
    // slower than Uint8Array's.
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message);
    throw new UserError(`ndsim: cannot read ${path}: ${why}`, EXIT.INPUT);
  }
}

export function runDecode(path: string, opts: DecodeOptions, out = new LineWriter()): number {
  const bytes = readInputFile(path);
  const cap = readCapture(bytes);
  if (cap.packets.length === 0 && cap.error) {
    throw new UserError(`ndsim: ${path}: ${cap.error.reason} (byte ${cap.error.offset})`, EXIT.INPUT);
  }
  const first = cap.packets.length ? cap.packets[0].timestampNs : 0n;
  const clock = new RelativeClock(first);
  for (const p of cap.packets) {
    if (p.linkType !== LINKTYPE_ETHERNET) {
      out.flush();
      throw new UserError(`ndsim: ${path}: frame ${p.index + 1} has link type ${p.linkType}; only Ethernet (link type 1) is supported`, EXIT.INPUT);
    }
    const d = decode(p.data);
    const violations = d.frame ? validate(d.frame, d.checksumValid, d.addressClasses) : [];
    if (opts.json) out.line(JSON.stringify(frameJson(d, p.index, Number(p.timestampNs - first) / 1e9, violations)));
    else {
      // = summaryLine(d, Number(p.timestampNs - first) / 1e9, violations),
      // with the time text made faster.
      out.line(`${clock.text(p.timestampNs)} ${frameSummary(d, violations)}`);
      if (opts.verbose) for (const l of frameTree(d, violations)) out.line(l);
    }
  }
  out.flush();
  if (cap.error) {
    process.stderr.write(`ndsim: ${path}: ${cap.error.reason} at byte ${cap.error.offset}; the ${cap.packets.length} frame(s) before it were decoded\n`);
    return EXIT.INPUT;
  }
  return EXIT.OK;
}

/**
 * The "0.000000" time of each line, as formatSeconds(Number(ns) / 1e9) gives
 * it for ns since the first frame, without Number.prototype.toFixed (a tenth
 * of the per-line cost) in the common case: a whole number of microseconds
 * (every classic pcap, pcapng at µs resolution or coarser) below 2^53 ns
 * (104 days), where Number(ns) is exact. Then the double seconds value lies
 * within 10^-9 s of the exact one, far from the half-microsecond where
 * toFixed(6) could round differently, so both give these integer digits.
 */
class RelativeClock {
  constructor(private readonly first: bigint) {}

  text(timestampNs: bigint): string {
    const ns = Number(timestampNs - this.first);
    if (!(ns >= 0 && ns <= Number.MAX_SAFE_INTEGER && ns % 1000 === 0)) return formatSeconds(ns / 1e9);
    const us = ns / 1000;
    const frac = us % 1_000_000;
    const whole = (us - frac) / 1_000_000;
    return `${whole}.${FRACTION_PAD[frac < 10 ? 5 : frac < 100 ? 4 : frac < 1000 ? 3 : frac < 10000 ? 2 : frac < 100000 ? 1 : 0]}${frac}`;
  }
}

const FRACTION_PAD = ['', '0', '00', '000', '0000', '00000'];
