// Decode benchmark: ndsim's decoder against the tools people already use.
// On one capture of ND traffic (a realistic mix of NS/NA/DAD/RS/RA with
// options, test/fixtures/generate.ts) it measures
//   (a) in process: decode + validate of frames already in memory, and the
//       whole pipeline read capture → decode → validate (frames/s);
//   (b) `node bin/ndsim.mjs decode FILE > /dev/null`, end to end;
//   (c) `tcpdump -v -nr FILE > /dev/null`;
//   (d) `tshark -r FILE -T fields -e icmpv6.type > /dev/null`;
//   (e) scapy: rdpcap + a loop touching every ICMPv6 layer, on a subset
//       (scapy is slow), scaled to frames/s.
// Every figure is the best of several runs (the machine is shared: the best
// run is the one least disturbed), medians beside them.
//
// Run alone: node bin/run-ts.mjs bench/decode.ts [--quick]

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readCapture } from '../src/packet/capture.ts';
import { decode } from '../src/packet/decode.ts';
import { PcapngWriter } from '../src/packet/pcapng.ts';
import { validate } from '../src/packet/validate.ts';
import { generateNdMix } from '../test/fixtures/generate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 4861;

export interface BenchOptions {
  quick: boolean;
}

/** One measured figure. `perSecond` is what ratios are taken of. */
export interface Figure {
  name: string;
  /** Frames (or events) per second, best run. */
  perSecond: number;
  /** Median run, same unit. */
  medianPerSecond?: number;
  /** Frames per second of CPU time (user + system, all threads), best run:
   *  less disturbed by other load than wall time. */
  cpuPerSecond?: number;
  /** Wall seconds of the best run, when it is a whole-process figure. */
  seconds?: number;
  note?: string;
}

export interface DecodeBenchResult {
  frames: number;
  captureBytes: number;
  path: string;
  figures: Figure[];
}

// ------------------------------------------------------------ the capture

/** The capture file for `count` frames, generated once and kept in the temp
 *  directory (generation costs far more than decoding). */
export function benchCapture(count: number): string {
  const path = join(tmpdir(), `ndsim-bench-nd-${count}-seed${SEED}.pcapng`);
  if (existsSync(path)) return path;
  const frames = generateNdMix(count, SEED);
  const chunks: Uint8Array[] = [];
  const w = new PcapngWriter((c) => chunks.push(c), { application: 'ndsim bench' });
  w.addInterface({ name: 'bench0' });
  // 1 ms apart from a fixed epoch: the timestamps matter only to the printers.
  const t0 = 1_700_000_000_000_000_000n;
  for (let i = 0; i < frames.length; i++) w.writePacket({ interfaceId: 0, timestampNs: t0 + BigInt(i) * 1_000_000n, data: frames[i] });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(chunks));
  renameSync(tmp, path);
  return path;
}

// ------------------------------------------------------------- statistics

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` `runs` times; returns every wall duration in seconds, and
 *  every CPU-time one as `cpu`. */
function timeRuns(runs: number, fn: () => void): number[] & { cpu: number[] } {
  const out = Object.assign([] as number[], { cpu: [] as number[] });
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    out.push((performance.now() - t) / 1000);
    const u = process.cpuUsage(c);
    out.cpu.push((u.user + u.system) / 1e6);
  }
  return out;
}

function figureOf(name: string, frames: number, seconds: number[] & { cpu?: number[] }, note?: string, whole = true): Figure {
  const best = Math.min(...seconds);
  const f: Figure = { name, perSecond: frames / best, medianPerSecond: frames / median(seconds) };
  if (seconds.cpu) f.cpuPerSecond = frames / Math.min(...seconds.cpu);
  if (whole) f.seconds = best;
  if (note) f.note = note;
  return f;
}

// ------------------------------------------------------------- in process

let sink = 0;

/** decode + validate every frame; returns a checksum of the work so that
 *  nothing can be optimised away. */
function decodeValidateAll(frames: readonly Uint8Array[]): number {
  let n = 0;
  for (let i = 0; i < frames.length; i++) {
    const d = decode(frames[i]);
    const v = d.frame ? validate(d.frame, d.checksumValid, d.addressClasses) : null;
    n += (d.error ? 1 : 0) + (v ? v.length : 0) + (d.frame?.ipv6?.icmpv6?.type ?? 0);
  }
  return n;
}

function pipelineAll(bytes: Uint8Array): number {
  const cap = readCapture(bytes);
  let n = cap.packets.length;
  for (const p of cap.packets) {
    const d = decode(p.data);
    const v = d.frame ? validate(d.frame, d.checksumValid, d.addressClasses) : null;
    n += (v ? v.length : 0) + (d.frame?.ipv6?.icmpv6?.type ?? 0);
  }
  return n;
}

function inProcess(path: string, runs: number): Figure[] {
  const bytes = new Uint8Array(readFileSync(path));
  const frames = readCapture(bytes).packets.map((p) => p.data);
  // Warm-up: let the JIT see every path (and optimise it) before timing:
  // at least 400,000 frames, whatever the capture size.
  for (let seen = 0; seen < 400_000; seen += frames.length) sink += decodeValidateAll(frames);
  const dv = timeRuns(runs, () => (sink += decodeValidateAll(frames)));
  sink += pipelineAll(bytes);
  const pipe = timeRuns(runs, () => (sink += pipelineAll(bytes)));
  const read = timeRuns(runs, () => (sink += readCapture(bytes).packets.length));
  return [
    figureOf('ndsim in-process decode+validate', frames.length, dv, `best of ${runs}, after warm-up`, false),
    figureOf('ndsim in-process read+decode+validate', frames.length, pipe, 'readCapture of the file bytes included', false),
    figureOf('ndsim in-process readCapture only', frames.length, read, undefined, false),
  ];
}

// ------------------------------------------------------- other processes

function have(tool: string, args: string[]): boolean {
  return spawnSync(tool, args, { stdio: 'ignore' }).status === 0;
}

/** GNU time, to read a child's CPU time (user + system) beside its wall
 *  time: spawnSync reports no resource usage. */
const GNU_TIME = '/usr/bin/time';
const HAVE_GNU_TIME = existsSync(GNU_TIME) && have(GNU_TIME, ['-f', '%U', 'true']);

/** Wall seconds of `cmd args > /dev/null`, `runs` times (and CPU seconds as
 *  `cpu` when GNU time is there); null if the command fails. */
function timeCommand(cmd: string, args: string[], runs: number): (number[] & { cpu?: number[] }) | null {
  const out: number[] & { cpu?: number[] } = [];
  const cpuFile = join(tmpdir(), `ndsim-bench-time-${process.pid}.txt`);
  if (HAVE_GNU_TIME) out.cpu = [];
  for (let i = 0; i < runs; i++) {
    const devnull = openSync('/dev/null', 'w');
    const [file, argv] = HAVE_GNU_TIME ? [GNU_TIME, ['-o', cpuFile, '-f', '%U %S', cmd, ...args]] : [cmd, args];
    const t = performance.now();
    const r = spawnSync(file, argv, { stdio: ['ignore', devnull, 'pipe'], cwd: ROOT, maxBuffer: 1 << 24 });
    const s = (performance.now() - t) / 1000;
    closeSync(devnull);
    if (r.status !== 0) {
      process.stderr.write(`bench: ${cmd} ${args.join(' ')} failed (${r.status}): ${String(r.stderr).slice(0, 300)}\n`);
      return null;
    }
    out.push(s);
    if (out.cpu) {
      const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number);
      out.cpu.push(user + sys);
    }
  }
  if (out.cpu) rmSync(cpuFile, { force: true });
  return out;
}

/** A command-line tool the benchmark times on the capture. */
interface Tool {
  name: string;
  cmd: string;
  args: string[];
  note?: string;
}

/** timeCommand for several tools, `runs` rounds of each tool once; a tool
 *  that fails once gets null (and is not run again). */
function timeInRounds(tools: readonly Tool[], runs: number): ((number[] & { cpu?: number[] }) | null)[] {
  const out: ((number[] & { cpu?: number[] }) | null)[] = tools.map(() => Object.assign([] as number[], HAVE_GNU_TIME ? { cpu: [] as number[] } : {}));
  for (let r = 0; r < runs; r++) {
    tools.forEach((t, i) => {
      const acc = out[i];
      if (acc === null) return;
      const one = timeCommand(t.cmd, t.args, 1);
      if (one === null) {
        out[i] = null;
        return;
      }
      acc.push(one[0]);
      if (acc.cpu && one.cpu) acc.cpu.push(one.cpu[0]);
    });
  }
  return out;
}

const SCAPY_SCRIPT = `
import sys
from scapy.all import rdpcap
from scapy.layers.inet6 import IPv6
n = 0
for p in rdpcap(sys.argv[1]):
    ip = p.getlayer(IPv6)
    icmp = ip.payload
    # touch the ICMPv6 layer and each of its options (scapy chains them as payloads)
    n += icmp.type
    layer = icmp.payload
    while layer is not None and layer.__class__.__name__ != 'NoPayload':
        n += 1
        layer = layer.payload
print(n)
`;

export async function benchDecode(opts: BenchOptions): Promise<DecodeBenchResult> {
  const frames = opts.quick ? 20_000 : 200_000;
  const runs = opts.quick ? 3 : 5;
  const toolRuns = opts.quick ? 2 : 5;
  const path = benchCapture(frames);
  const figures = inProcess(path, runs);

  // The command-line tools are timed in rounds, each tool once per round, so
  // that a slow spell of this shared VM (whole processes run ~40 % slower for
  // minutes at a time) falls on all of them alike instead of on whichever
  // tool's turn it was.
  const tools: Tool[] = [
    { name: 'ndsim decode FILE > /dev/null', cmd: process.execPath, args: [join(ROOT, 'bin/ndsim.mjs'), 'decode', path], note: 'node start-up included (the esbuild bundle from npm ci; tsx when sources are newer)' },
    { name: 'ndsim decode --json FILE > /dev/null', cmd: process.execPath, args: [join(ROOT, 'bin/ndsim.mjs'), 'decode', '--json', path] },
  ];
  if (have('tcpdump', ['--version'])) {
    tools.push({ name: 'tcpdump -v -nr FILE > /dev/null', cmd: 'tcpdump', args: ['-v', '-nr', path] });
    tools.push({ name: 'tcpdump -nr FILE > /dev/null', cmd: 'tcpdump', args: ['-nr', path] });
  } else figures.push({ name: 'tcpdump', perSecond: NaN, note: 'not installed' });
  if (have('tshark', ['-v'])) {
    tools.push({ name: 'tshark -r FILE -T fields -e icmpv6.type', cmd: 'tshark', args: ['-r', path, '-T', 'fields', '-e', 'icmpv6.type'] });
  } else figures.push({ name: 'tshark', perSecond: NaN, note: 'not installed' });
  const timings = timeInRounds(tools, toolRuns);
  tools.forEach((t, i) => {
    const s = timings[i];
    if (s) figures.push(figureOf(t.name, frames, s, t.note));
  });

  const python = '/usr/bin/python3';
  if (existsSync(python) && have(python, ['-c', 'import scapy.all'])) {
    const subset = Math.min(frames, 20_000);
    const subsetPath = benchCapture(subset);
    const t = timeCommand(python, ['-c', SCAPY_SCRIPT, subsetPath], opts.quick ? 1 : 2);
    if (t) {
      const f = figureOf('scapy rdpcap + ICMPv6 layer loop', subset, t);
      f.note =
        subset < frames
          ? `run on the first ${subset.toLocaleString('en-US')} frames (same generator and seed) and scaled: ~${((f.seconds! * frames) / subset).toFixed(0)} s for all ${frames.toLocaleString('en-US')}`
          : 'python start-up and the scapy import (~1 s) included';
      figures.push(f);
    }
  } else figures.push({ name: 'scapy', perSecond: NaN, note: '/usr/bin/python3 with scapy not found' });

  return { frames, captureBytes: readFileSync(path).length, path, figures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchDecode({ quick: process.argv.includes('--quick') });
  for (const f of r.figures) {
    console.log(`${f.name.padEnd(45)} ${Math.round(f.perSecond).toLocaleString('en-US').padStart(12)} frames/s${f.cpuPerSecond ? ` (CPU ${Math.round(f.cpuPerSecond).toLocaleString('en-US')})` : ''}${f.seconds ? `  ${f.seconds.toFixed(3)} s` : ''}${f.note ? `  (${f.note})` : ''}`);
  }
  if (sink === -1) console.log('');
}
