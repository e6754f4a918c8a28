// `ndsim annotate`, `ndsim sniff` and `ndsim attach`: the live-link commands.
//
//   annotate FILE   a capture file through the passive tracker, as fast as
//                   it reads: every frame explained, inferences and alerts
//   sniff IFACE     the same, live from a NIC (libpcap via `cap`), until
//                   Ctrl-C (or --until), then the summary
//   attach IFACE FILE   a scenario's simulated nodes on the real link, in
//                   real time; nothing is transmitted without --allow-send
//
// Live failures (no libpcap, no permission, unknown interface, not Ethernet)
// are one line each and exit code 4 (EXIT.ENVIRONMENT).

import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Lang } from '../explain/index.ts';
import { Annotator } from '../live/annotate.ts';
import { NdjsonAnnotateSink, PcapngAnnotateSink, summaryLines, TextAnnotateSink, type AnnotateSink } from '../live/annotate-output.ts';
import { openCapture, type CaptureDeps, type LiveCapture } from '../live/capture.ts';
import { LiveFailure, type LiveError } from '../live/errors.ts';
import { RealtimeRuntime } from '../live/runtime.ts';
import type { TrackerOptions } from '../live/tracker.ts';
import { NdjsonTraceWriter } from '../output/ndjson.ts';
import { PcapngTraceWriter } from '../output/pcapng.ts';
import { TextTraceWriter } from '../output/text.ts';
import { formatMac, parseMac, parsePrefix } from '../packet/address.ts';
import { iterateCapture } from '../packet/capture.ts';
import { ScenarioBuildError } from '../scenario/build.ts';
import type { Scenario } from '../scenario/types.ts';
import type { TraceEvent, TraceSink } from '../sim/trace.ts';
import { readInputFile } from './decode.ts';
import { EXIT, UserError } from './errors.ts';
import { LineWriter } from './output.ts';
import { durationArg, intArg, loadOrThrow } from './scenario-load.ts';

export type LiveFormat = 'text' | 'json' | 'pcap';

export interface AnnotateArgs {
  format: LiveFormat;
  pcapOut?: string;
  lang: Lang;
  /** Comma-separated allowed router MACs. */
  routers?: string;
  /** Comma-separated allowed prefixes. */
  prefixes?: string;
}

const LINKTYPE_ETHERNET = 1;

/** --routers and --prefixes as tracker options (checked, canonical). */
export function trackerOptions(cmd: string, a: Pick<AnnotateArgs, 'routers' | 'prefixes'>): TrackerOptions {
  const o: TrackerOptions = {};
  const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (a.routers !== undefined) {
    o.routers = list(a.routers).map((m) => {
      const r = parseMac(m);
      if (!r.ok || r.value.length !== 6) throw new UserError(`ndsim ${cmd}: --routers: "${m}" is not a MAC address (aa:bb:cc:dd:ee:ff)`);
      return formatMac(r.value);
    });
  }
  if (a.prefixes !== undefined) {
    o.prefixes = list(a.prefixes).map((p) => {
      const r = parsePrefix(p);
      if (!r.ok) throw new UserError(`ndsim ${cmd}: --prefixes: ${r.error}`);
      return `${r.value.prefix}/${r.value.length}`;
    });
  }
  return o;
}

/** Binary output to a file in 1 MiB writes, not one syscall per block. */
class ChunkFile {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private readonly fd: number;
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (e) {
      throw new UserError(`ndsim: cannot write ${path}: ${(e as Error).message}`, EXIT.INPUT);
    }
  }
  write = (c: Uint8Array): void => {
    this.chunks.push(c);
    this.size += c.length;
    if (this.size >= 1 << 20) this.flush();
  };
  flush(): void {
    if (this.size === 0) return;
    const all = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    let off = 0;
    while (off < all.length) off += writeSync(this.fd, all, off);
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Where annotated frames go for a given format; the summary always ends
 *  the output (on stdout as text when the frames go to a pcapng file). */
function annotateSink(a: AnnotateArgs, out: LineWriter, title: string, iface: string): { sink: AnnotateSink; close: () => void } {
  if (a.format === 'json') return { sink: new NdjsonAnnotateSink((l) => out.line(l)), close: () => out.flush() };
  if (a.format === 'pcap') {
    if (!a.pcapOut) throw new UserError('ndsim: --pcap needs an output file (--pcap OUT.pcapng)');
    const file = new ChunkFile(a.pcapOut);
    const pcap = new PcapngAnnotateSink(file.write, { name: iface, description: title, title: `ndsim annotations of ${title}` });
    const sink: AnnotateSink = {
      frame: (f) => pcap.frame(f),
      settled: () => {},
      summary: (s) => {
        for (const l of summaryLines(s)) out.line(l);
      },
    };
    return { sink, close: () => (file.close(), out.flush()) };
  }
  return { sink: new TextAnnotateSink((l) => out.line(l)), close: () => out.flush() };
}

/** `ndsim annotate FILE`. */
export function annotateCommand(path: string, a: AnnotateArgs, out = new LineWriter()): number {
  const tracker = trackerOptions('annotate', a);
  const bytes = readInputFile(path);
  const it = iterateCapture(bytes);
  const annotator = new Annotator({ lang: a.lang, tracker });
  let opened: ReturnType<typeof annotateSink> | null = null;
  let last: bigint | null = null;
  let r = it.next();
  for (; !r.done; r = it.next()) {
    const p = r.value;
    if (p.linkType !== LINKTYPE_ETHERNET) {
      opened?.close();
      throw new UserError(`ndsim: ${path}: frame ${p.index + 1} has link type ${p.linkType}; only Ethernet (link type 1) is supported`, EXIT.INPUT);
    }
    opened ??= annotateSink(a, out, path, 'capture');
    for (const ev of annotator.settle(p.timestampNs)) opened.sink.settled(ev);
    opened.sink.frame(annotator.frame(p.data, p.timestampNs, p.index));
    last = p.timestampNs;
  }
  const error = r.value;
  if (opened === null) {
    if (error) throw new UserError(`ndsim: ${path}: ${error.reason} (byte ${error.offset})`, EXIT.INPUT);
    opened = annotateSink(a, out, path, 'capture');
  }
  if (last !== null) for (const ev of annotator.settle(last)) opened.sink.settled(ev);
  opened.sink.summary(annotator.summary(last ?? 0n));
  opened.close();
  if (error) {
    process.stderr.write(`ndsim: ${path}: ${error.reason} at byte ${error.offset}; the frames before it were annotated\n`);
    return EXIT.INPUT;
  }
  return EXIT.OK;
}

// ------------------------------------------------------------------ live

function environmentError(cmd: string, e: LiveError): UserError {
  return new UserError(`ndsim ${cmd}: ${e.message}`, EXIT.ENVIRONMENT);
}

/** Resolves on Ctrl-C / SIGTERM or after `untilNs`; removes its listeners. */
function untilStopped(untilNs: number | undefined, onStop: () => void): { done: Promise<void>; stop: () => void } {
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (timer !== null) clearTimeout(timer);
    onStop();
    resolve();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (untilNs !== undefined) timer = setTimeout(stop, untilNs / 1e6);
  return { done, stop };
}

/** Flushes buffered output once per turn of the event loop: a burst of
 *  frames costs one write, and a quiet link still shows each frame at once. */
function batchedFlush(out: LineWriter): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      out.flush();
    });
  };
}

export interface SniffArgs extends AnnotateArgs {
  until?: string;
}

/** How often a live capture lets time settle (DAD done, lifetimes). */
const SETTLE_MS = 200;

/** `ndsim sniff IFACE`. */
export async function sniffCommand(iface: string, a: SniffArgs, deps: CaptureDeps = {}, out = new LineWriter()): Promise<number> {
  const tracker = trackerOptions('sniff', a);
  const until = durationArg('until', a.until);
  let annotator: Annotator | null = null;
  let output: ReturnType<typeof annotateSink> | null = null;
  const flushSoon = batchedFlush(out);
  let index = 0;
  const opened = await openCapture(
    {
      iface,
      onFrame: (f) => {
        if (annotator === null || output === null) return;
        for (const ev of annotator.settle(f.timestampNs)) output.sink.settled(ev);
        output.sink.frame(annotator.frame(f.data, f.timestampNs, index++));
        flushSoon();
      },
    },
    deps,
  );
  if (!opened.ok) throw environmentError('sniff', opened.error);
  const capture = opened.capture;
  try {
    output = annotateSink(a, out, `live capture on ${iface}`, iface);
  } catch (e) {
    capture.close();
    throw e;
  }
  annotator = new Annotator({ lang: a.lang, tracker }, capture.now());
  process.stderr.write(`ndsim sniff: listening on ${iface} (${capture.filter}); Ctrl-C to stop\n`);
  const settle = (): void => {
    for (const ev of annotator!.settle(capture.now())) output!.sink.settled(ev);
    flushSoon();
  };
  const tick = setInterval(settle, SETTLE_MS);
  const { done } = untilStopped(until, () => {
    clearInterval(tick);
    capture.close();
  });
  await done;
  const end = capture.now();
  for (const ev of annotator.settle(end)) output.sink.settled(ev);
  output.sink.summary(annotator.summary(end));
  output.close();
  process.stderr.write(`ndsim sniff: ${capture.stats.frames} frame(s) captured${capture.stats.truncated ? `, ${capture.stats.truncated} truncated` : ''}\n`);
  return EXIT.OK;
}

// ---------------------------------------------------------------- attach

export interface AttachArgs {
  allowSend: boolean;
  format: LiveFormat;
  pcapOut?: string;
  lang: Lang;
  until?: string;
  link?: string;
  seed?: string;
}

/** What each simulated node will put on the real link, in words a person
 *  deciding whether to press Enter can judge. */
export function sendWarnings(s: Scenario, link: string, iface: string): string[] {
  const out: string[] = [];
  for (const n of s.nodes) {
    const on = n.interfaces.filter((i) => i.link === link);
    if (on.length === 0 || n.role === 'sniffer') continue;
    const sends = s.timeline.some((t) => t.do === 'send' && 'node' in t && t.node === n.name);
    for (const i of on) {
      if (i.radvd && i.radvd.AdvSendAdvert !== false) {
        const prefixes = (i.radvd.prefixes ?? []).map((p) => p.prefix);
        const what = prefixes.length > 0 ? ` for ${prefixes.join(', ')}` : '';
        const lifetime = i.radvd.AdvDefaultLifetime;
        const asDefault = lifetime === 0 ? '' : ' and use it as a default router';
        out.push(`${n.name} will send Router Advertisements${what} on ${iface}: real hosts on this link will configure addresses and routes from them${asDefault}`);
      } else if (n.role === 'host' || n.role === 'router') {
        out.push(`${n.name} will send DAD probes, Router Solicitations and MLD reports on ${iface} as ${i.mac}, and answer Neighbor Solicitations and pings for its addresses`);
      }
      if (n.role === 'attacker') out.push(`${n.name} is an attacker: it will send its scripted frames on ${iface}${sends ? '' : ' (none scripted)'}`);
      else if (sends) out.push(`${n.name} will send the frames its timeline scripts on ${iface}`);
    }
  }
  return out;
}

/** pcapng wants wall-clock stamps: virtual ns since start + the start's epoch. */
class EpochShift implements TraceSink {
  constructor(private readonly inner: TraceSink, private readonly epochNs: bigint) {}
  emit(ev: TraceEvent): void {
    this.inner.emit({ ...ev, time: Number(this.epochNs + BigInt(ev.time)) } as TraceEvent);
  }
}

/** `ndsim attach IFACE FILE`. */
export async function attachCommand(iface: string, file: string, a: AttachArgs, deps: CaptureDeps = {}, out = new LineWriter()): Promise<number> {
  const scenario = await loadOrThrow(file);
  const until = durationArg('until', a.until);
  const seed = intArg('seed', a.seed);
  const link = a.link ?? scenario.links[0]?.name;
  if (link === undefined || !scenario.links.some((l) => l.name === link)) {
    throw new UserError(`ndsim attach: --link ${link ?? '?'}: the scenario's links are ${scenario.links.map((l) => l.name).join(', ')}`);
  }
  let runtime: RealtimeRuntime | null = null;
  const opened = await openCapture({ iface, allowSend: a.allowSend, onFrame: (f) => runtime?.receive(f) }, deps);
  if (!opened.ok) throw environmentError('attach', opened.error);
  const capture: LiveCapture = opened.capture;
  const flushSoon = batchedFlush(out);
  const line = (l: string): void => {
    out.line(l);
    flushSoon();
  };
  const opts = { lang: a.lang, roles: new Map(scenario.nodes.map((n) => [n.name, n.role])) };
  let pcapFile: ChunkFile | null = null;
  let failure: Error | null = null;
  let stopNow: () => void = () => {};
  try {
    let trace: TraceSink;
    if (a.format === 'json') trace = new NdjsonTraceWriter(line, opts);
    else if (a.format === 'pcap') {
      if (!a.pcapOut) throw new UserError('ndsim attach: --pcap needs an output file (--pcap OUT.pcapng)');
      pcapFile = new ChunkFile(a.pcapOut);
      const links = scenario.links.map((l) => l.name);
      trace = new EpochShift(new PcapngTraceWriter(pcapFile.write, links, { ...opts, title: `${scenario.name} (attached to ${iface})` }), capture.now());
    } else {
      line(`# ${scenario.name} (link ${link} attached to ${iface}${a.allowSend ? '' : ', passive'})`);
      trace = new TextTraceWriter(line, opts);
    }
    try {
      runtime = new RealtimeRuntime({
        scenario,
        capture,
        link,
        allowSend: a.allowSend,
        trace,
        seed,
        onError: (e) => {
          failure = e;
          stopNow();
        },
      });
    } catch (e) {
      if (e instanceof ScenarioBuildError) throw new UserError(e.message, EXIT.INPUT);
      throw e;
    }
  } catch (e) {
    capture.close();
    pcapFile?.close();
    throw e;
  }

  if (a.allowSend) {
    const warnings = sendWarnings(scenario, link, iface);
    for (const w of warnings.length > 0 ? warnings : [`the simulated nodes may send frames on ${iface}`]) process.stderr.write(`ndsim attach: warning: ${w}\n`);
  } else {
    process.stderr.write(
      `ndsim attach: passive: nothing is transmitted on ${iface} (add --allow-send); the simulated nodes hear the link, and what they would send appears in the trace only\n`,
    );
  }
  const { done, stop } = untilStopped(until, () => {
    runtime?.stop();
    capture.close();
  });
  stopNow = stop;
  runtime!.start();
  await done;
  out.flush();
  pcapFile?.close();
  const st = runtime!.stats;
  process.stderr.write(
    `ndsim attach: ${(runtime!.sim.now / 1e9).toFixed(1)} s on ${iface}: ${st.captured} frame(s) captured (${st.own} our own), the simulated nodes sent ${st.transmitted} frame(s), ${st.sent} transmitted\n`,
  );
  if (failure !== null) {
    const f: Error = failure;
    if (f instanceof LiveFailure) throw environmentError('attach', f.error);
    const cause = (f as { error?: unknown }).error;
    if (cause instanceof LiveFailure) throw environmentError('attach', cause.error);
    throw f;
  }
  return EXIT.OK;
}


// ------------------------------------------------------- argument parsing

const OUTPUT_OPTIONS = {
  text: { type: 'boolean' },
  json: { type: 'boolean' },
  pcap: { type: 'string' },
  lang: { type: 'string', default: 'en' },
} as const;

function outputArgs(cmd: string, v: { json?: boolean; pcap?: string; lang?: string }): { format: LiveFormat; pcapOut?: string; lang: Lang } {
  const lang = v.lang ?? 'en';
  if (lang !== 'en' && lang !== 'ja') throw new UserError(`ndsim ${cmd}: --lang ${lang}: expected en or ja`);
  const format: LiveFormat = v.json ? 'json' : v.pcap !== undefined ? 'pcap' : 'text';
  return { format, pcapOut: v.pcap, lang };
}

export { LIVE_USAGE } from './usage.ts';

/** The live commands, for main.ts's table. */
export const LIVE_COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  annotate(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...OUTPUT_OPTIONS, routers: { type: 'string' }, prefixes: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UserError('ndsim annotate: expected one capture file (ndsim annotate FILE [options])');
    return annotateCommand(positionals[0], { ...outputArgs('annotate', values), routers: values.routers, prefixes: values.prefixes });
  },
  sniff(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...OUTPUT_OPTIONS, routers: { type: 'string' }, prefixes: { type: 'string' }, until: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UserError('ndsim sniff: expected one interface (ndsim sniff IFACE [options])');
    return sniffCommand(positionals[0], { ...outputArgs('sniff', values), routers: values.routers, prefixes: values.prefixes, until: values.until });
  },
  attach(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...OUTPUT_OPTIONS,
        'allow-send': { type: 'boolean' },
        link: { type: 'string' },
        until: { type: 'string' },
        seed: { type: 'string' },
      },
    });
    if (positionals.length !== 2) throw new UserError('ndsim attach: expected an interface and a scenario file (ndsim attach IFACE FILE [--allow-send])');
    return attachCommand(positionals[0], positionals[1], {
      ...outputArgs('attach', values),
      allowSend: values['allow-send'] === true,
      link: values.link,
      until: values.until,
      seed: values.seed,
    });
  },
};
