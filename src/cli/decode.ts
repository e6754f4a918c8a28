// `ndsim decode FILE [--json] [-v]`: every frame of a pcap/pcapng capture,
// one tcpdump-style line each (or NDJSON), with RFC 4861 violations.

import { readFileSync } from 'node:fs';
import { readCapture } from '../packet/capture.ts';
import { decode } from '../packet/decode.ts';
import { validate } from '../packet/validate.ts';
import { frameJson } from '../packet/json.ts';
import { frameTree, summaryLine } from '../packet/summary.ts';
import { LineWriter } from './output.ts';
import { EXIT, UserError } from './errors.ts';

export interface DecodeOptions {
  json: boolean;
  verbose: boolean;
}

const LINKTYPE_ETHERNET = 1;

export function readInputFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
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
  for (const p of cap.packets) {
    if (p.linkType !== LINKTYPE_ETHERNET) {
      out.flush();
      throw new UserError(`ndsim: ${path}: frame ${p.index + 1} has link type ${p.linkType}; only Ethernet (link type 1) is supported`, EXIT.INPUT);
    }
    const d = decode(p.data);
    const violations = d.frame ? validate(d.frame, d.checksumValid) : [];
    const t = Number(p.timestampNs - first) / 1e9;
    if (opts.json) out.line(JSON.stringify(frameJson(d, p.index, t, violations)));
    else {
      out.line(summaryLine(d, t, violations));
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
