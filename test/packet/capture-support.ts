// What the capture-file tests (pcap, pcapng, capture) share: two frames made
// with scapy (not with ndsim), the byte builders of their independent file
// builders, and the Wireshark tools used as oracles.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

/** DAD NS from :: for 2001:db8::1. */
export const NS_DAD = hex(
  '3333ff00000100112233445586dd6000000000183aff00000000000000000000000000000000ff0200000000000000000001ff00000187004ced0000000020010db8000000000000000000000001',
);
/** Echo request fe80::…4455 → fe80::…7788 carrying "ndsim". */
export const ECHO = hex(
  '00112266778800112233445586dd60000000000d3a40fe80000000000000021122fffe334455fe80000000000000021122fffe66778880001f1a123400016e6473696d',
);

export function u16(v: number, be: boolean): number[] {
  return be ? [v >> 8, v & 255] : [v & 255, v >> 8];
}
export function u32(v: number, be: boolean): number[] {
  const b = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return be ? b : b.reverse();
}

/** The chunks a writer produced, and them joined into one file. */
export function collectChunks(build: (sink: (c: Uint8Array) => void) => void): { chunks: Uint8Array[]; bytes: Uint8Array } {
  const chunks: Uint8Array[] = [];
  build((c) => chunks.push(c));
  return { chunks, bytes: Uint8Array.from(Buffer.concat(chunks)) };
}

export const HAVE_TSHARK = spawnSync('tshark', ['-v']).status === 0;

/** A temporary directory removed after the file's (or describe block's)
 *  tests; `save` writes numbered files with the given extension into it. */
export function scratchDir(prefix: string, ext: string): { dir: string; save(bytes: Uint8Array | number[]): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fileNo = 0;
  return {
    dir,
    save(bytes) {
      const path = join(dir, `f${fileNo++}${ext}`);
      writeFileSync(path, Uint8Array.from(bytes));
      return path;
    },
  };
}

/** Runs a Wireshark tool; fails the test on a non-zero exit or any complaint. */
export function runTool(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  const complaints = r.stderr.split('\n').filter((l) => l.trim() && !l.includes('Running as user'));
  expect({ status: r.status, complaints }).toEqual({ status: 0, complaints: [] });
  return r.stdout;
}

export function tsharkFields(path: string, fields: string[]): string[][] {
  const out = runTool('tshark', ['-r', path, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])]);
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** The epoch text tshark prints, derived from our own input value. */
export const epoch = (ns: bigint) => `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
