// The one impure adapter: frames from a real NIC through libpcap, via the
// optional `cap` addon. Nothing else in ndsim loads `cap`, and this file only
// loads it inside openCapture (dynamic import), so decoding files, the
// simulator and the tests run on machines without libpcap.
//
// `cap` writes every packet into one Buffer that it reuses, so each frame is
// copied out before the callback sees it, and stamped on arrival: `cap` does
// not pass libpcap's timestamps on, so the stamp is process.hrtime (monotonic)
// plus an epoch offset taken once at open — nanoseconds since 1970, the
// unit pcapng uses, steady even if the wall clock is stepped meanwhile.
//
// Failures come back as LiveError values with one line to print
// (errors.ts); the only throw is send() without allowSend.

import { networkInterfaces } from 'node:os';
import {
  badLinkType,
  capUnavailable,
  classifyPcapError,
  LiveFailure,
  sendNotAllowed,
  unknownInterface,
  type LiveError,
} from './errors.ts';

export interface CapturedFrame {
  /** A private copy of the frame's bytes. */
  data: Uint8Array;
  /** Nanoseconds since the epoch. */
  timestampNs: bigint;
  /** The frame was longer than the copy buffer (snaplen). */
  truncated: boolean;
}

export interface CaptureOptions {
  iface: string;
  onFrame: (frame: CapturedFrame) => void;
  /** Also capture 802.1Q-tagged frames. */
  vlan?: boolean;
  /** A BPF filter replacing the default icmp6 one. */
  filter?: string;
  /** Permit send(); without it nothing is ever transmitted. */
  allowSend?: boolean;
  /** libpcap's kernel buffer, bytes. */
  bufferSize?: number;
  /** Largest frame copied whole, bytes. */
  snaplen?: number;
}

export interface LiveCapture {
  readonly iface: string;
  readonly filter: string;
  readonly stats: { frames: number; truncated: number; sent: number };
  /** Now, on the clock that stamps frames (epoch ns). */
  now(): bigint;
  /** Transmits a whole Ethernet frame. Throws LiveFailure when the capture
   *  was opened without allowSend, or libpcap fails to send. */
  send(frame: Uint8Array): void;
  close(): void;
}

export type OpenResult = { ok: true; capture: LiveCapture } | { ok: false; error: LiveError };

/** The part of `cap` we use (its JS API, lib/Cap.js). */
export interface CapHandle {
  open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
  on(event: 'packet', listener: (nbytes: number, truncated: boolean) => void): unknown;
  close(): void;
  send(buffer: Buffer, nBytes?: number): void;
}

export interface CapModule {
  Cap: { new (): CapHandle; deviceList(): { name: string }[] };
}

/** Seams for tests: a fake `cap`, a fixed interface list, a fake clock. */
export interface CaptureDeps {
  loadCap?: () => Promise<CapModule>;
  hrtime?: () => bigint;
  epochNs?: () => bigint;
  osInterfaces?: () => string[];
}

/**
 * ICMPv6, also behind one Hop-by-Hop header (MLD carries Router Alert, RFC
 * 3810 §5, and plain `icmp6` — "ip6 proto 58" — does not follow the chain
 * past it). ND itself never carries extension headers in practice (RFC 6980
 * forbids fragments). With `vlan`, the same again inside an 802.1Q tag.
 */
export function icmp6Filter(vlan = false): string {
  const plain = 'icmp6 or (ip6[6] == 0 and ip6[40] == 58)';
  return vlan ? `(${plain}) or (vlan and (${plain}))` : plain;
}

const CAP_MODULE = 'cap';

/** Loads `cap` on demand. Returns the module or why it cannot be had. */
export async function loadCap(deps: CaptureDeps = {}): Promise<{ ok: true; cap: CapModule } | { ok: false; error: LiveError }> {
  try {
    if (deps.loadCap) return { ok: true, cap: await deps.loadCap() };
    // A variable specifier keeps bundlers and tsc from resolving it statically.
    const mod = (await import(CAP_MODULE)) as { default?: CapModule } & Partial<CapModule>;
    const cap = (mod.default ?? mod) as CapModule;
    if (typeof cap.Cap !== 'function') return { ok: false, error: capUnavailable('cap loaded without a Cap class') };
    return { ok: true, cap };
  } catch (e) {
    // Not installed (ERR_MODULE_NOT_FOUND), or its native part missing /
    // built against another Node / libpcap.so absent (dlopen errors).
    return { ok: false, error: capUnavailable(e instanceof Error ? e.message : String(e)) };
  }
}

/** Names of the capture devices libpcap sees, plus the OS's interfaces. */
export function interfaceNames(cap: CapModule | null, deps: CaptureDeps = {}): string[] {
  const names = new Set<string>(deps.osInterfaces ? deps.osInterfaces() : Object.keys(networkInterfaces()));
  if (cap !== null) {
    try {
      for (const d of cap.Cap.deviceList()) names.add(d.name);
    } catch {
      // deviceList needs pcap_findalldevs; the OS list is enough to suggest names.
    }
  }
  return [...names].sort();
}

export async function openCapture(opts: CaptureOptions, deps: CaptureDeps = {}): Promise<OpenResult> {
  const loaded = await loadCap(deps);
  if (!loaded.ok) return loaded;
  const cap = loaded.cap;
  const known = interfaceNames(cap, deps);
  if (!known.includes(opts.iface)) return { ok: false, error: unknownInterface(opts.iface, known) };

  const filter = opts.filter ?? icmp6Filter(opts.vlan ?? false);
  const buffer = Buffer.alloc(opts.snaplen ?? 65535);
  const handle = new cap.Cap();
  let linkType: string;
  try {
    linkType = handle.open(opts.iface, filter, opts.bufferSize ?? 10 * 1024 * 1024, buffer);
  } catch (e) {
    // No close here: cap's close() after a failed open() aborts the process.
    return { ok: false, error: classifyPcapError(opts.iface, e instanceof Error ? e.message : String(e), known) };
  }
  if (linkType !== 'ETHERNET') {
    safeClose(handle);
    return { ok: false, error: badLinkType(opts.iface, linkType) };
  }

  const hrtime = deps.hrtime ?? process.hrtime.bigint;
  const epochNs = deps.epochNs ?? ((): bigint => BigInt(Date.now()) * 1_000_000n);
  const offset = epochNs() - hrtime();
  const now = (): bigint => hrtime() + offset;
  const stats = { frames: 0, truncated: 0, sent: 0 };
  let closed = false;

  handle.on('packet', (nbytes: number, truncated: boolean) => {
    const timestampNs = now();
    // Copy: `buffer` is overwritten by the next packet.
    const data = new Uint8Array(buffer.subarray(0, nbytes));
    stats.frames++;
    if (truncated) stats.truncated++;
    opts.onFrame({ data, timestampNs, truncated });
  });

  const capture: LiveCapture = {
    iface: opts.iface,
    filter,
    stats,
    now,
    send(frame: Uint8Array): void {
      if (opts.allowSend !== true) throw new LiveFailure(sendNotAllowed());
      if (closed) throw new Error('send on a closed capture');
      try {
        handle.send(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), frame.byteLength);
        stats.sent++;
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        throw new LiveFailure({ code: 'send-failed', message: `sending on ${opts.iface} failed: ${text}`, detail: text });
      }
    },
    close(): void {
      if (closed) return;
      closed = true;
      safeClose(handle);
    },
  };
  return { ok: true, capture };
}

function safeClose(handle: CapHandle): void {
  try {
    handle.close();
  } catch {
    // Closing a handle whose open failed half-way: nothing left to release.
  }
}
