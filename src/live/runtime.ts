// The real-time driver behind `ndsim attach`: a scenario's simulated nodes
// on a real link. It is a wrapper around the same simulator `ndsim run`
// uses (DESIGN.md: "real-time playback is a wrapper around the same
// scheduler"), so the nodes, their machines, the timeline and the trace are
// exactly those of a simulated run; only time and one link are real.
//
//   time   virtual ns = elapsed ns of the capture clock (monotonic) since
//          start(); the scheduler's next event (a machine timer, a timeline
//          action, a delivery) is awaited with setTimeout, then everything
//          due by the clock's now runs.
//   in     a frame captured on the real interface enters the bridged
//          simulated link from a "wire" NIC, as if one more station had sent
//          it; the link's own NIC filters (unicast MAC, joined groups,
//          broadcast: src/sim/link.ts) decide which simulated nodes hear it.
//          Frames whose source MAC is one of the simulated NICs' are our own
//          transmissions coming back, and are ignored.
//   out    every frame a simulated node puts on the bridged link is handed
//          to capture.send() — only when sending is allowed; otherwise the
//          nodes run passively: they hear the link but nothing leaves.
//
// The real link's frames appear in the trace as sent by the wire node
// (named after the interface), so the text, NDJSON and pcapng writers show
// the real stations' frames interleaved with the simulated nodes'.

import type { Nanos } from '../nd/machine.ts';
import { buildRun } from '../scenario/build.ts';
import type { Scenario } from '../scenario/types.ts';
import { ethernetPayloadLength } from '../sim/link.ts';
import type { Simulator } from '../sim/simulator.ts';
import type { TraceEvent, TraceSink } from '../sim/trace.ts';
import type { NodeStack } from '../stack/node-stack.ts';
import type { CapturedFrame, LiveCapture } from './capture.ts';

/** What the runtime needs of a capture (a fake in tests). */
export type RuntimeCapture = Pick<LiveCapture, 'iface' | 'now' | 'send'>;

/** setTimeout/clearTimeout, replaceable in tests. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface RuntimeOptions {
  scenario: Scenario;
  capture: RuntimeCapture;
  /** The scenario link that stands for the real one (default: the first). */
  link?: string;
  /** Transmit the simulated nodes' frames. Without it nothing is sent. */
  allowSend: boolean;
  trace: TraceSink;
  seed?: number;
  timers?: Timers;
  /** A transmission failed or the simulation threw: the run stops. */
  onError?: (e: Error) => void;
}

export interface RuntimeStats {
  /** Frames captured on the real link. */
  captured: number;
  /** Of those, our own transmissions seen again (ignored). */
  own: number;
  /** Of those, larger than the bridged link's MTU (ignored). */
  oversize: number;
  /** Frames the simulated nodes put on the bridged link. */
  transmitted: number;
  /** Of those, actually sent on the real link (0 without allowSend). */
  sent: number;
}

/** The wire NIC's MAC: a locally administered address from the 2001:db8
 *  documentation spirit, never a real station's, so nothing unicast to a
 *  real host is ever delivered to it (it ignores everything anyway). */
const WIRE_MAC = '02:00:00:00:db:08';

export class RealtimeRuntime {
  readonly sim: Simulator;
  readonly stacks: Map<string, NodeStack>;
  readonly wireNode: string;
  readonly link: string;
  readonly stats: RuntimeStats = { captured: 0, own: 0, oversize: 0, transmitted: 0, sent: 0 };
  private startNs: bigint | null = null;
  private timer: unknown = null;
  private stopped = false;
  private readonly timers: Timers;

  constructor(private readonly opts: RuntimeOptions) {
    this.timers = opts.timers ?? REAL_TIMERS;
    const link = opts.link ?? opts.scenario.links[0]?.name;
    if (link === undefined || !opts.scenario.links.some((l) => l.name === link)) {
      throw new Error(`the scenario has no link "${link ?? ''}" (links: ${opts.scenario.links.map((l) => l.name).join(', ')})`);
    }
    this.link = link;
    let wire = opts.capture.iface;
    while (opts.scenario.nodes.some((n) => n.name === wire)) wire = `real:${wire}`;
    this.wireNode = wire;
    const built = buildRun(opts.scenario, { seed: opts.seed, trace: { emit: (ev) => this.onEvent(ev) } });
    this.sim = built.sim;
    this.stacks = built.stacks;
    this.sim.addNode({
      name: wire,
      interfaces: [{ ifname: 'wire', mac: WIRE_MAC, link, up: true }],
      machine: { handle: () => [] },
    });
  }

  /** Virtual now: capture-clock ns since start(). */
  now(): Nanos {
    if (this.startNs === null) return 0;
    return Number(this.opts.capture.now() - this.startNs);
  }

  /** Starts the clock: timeline actions at 0 run now. */
  start(): void {
    this.startNs = this.opts.capture.now();
    this.pump();
  }

  /** Stops: no timer stays armed; frames arriving later are ignored. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** The MACs of the simulated NICs (they may change during a run). */
  ownMacs(): Set<string> {
    const macs = new Set<string>();
    for (const [name, node] of this.sim.nodes) if (name !== this.wireNode) for (const nic of node.interfaces) macs.add(nic.mac);
    return macs;
  }

  /** A frame from the real link. */
  receive(f: CapturedFrame): void {
    if (this.stopped || this.startNs === null) return;
    this.stats.captured++;
    if (f.data.length >= 12 && this.ownMacs().has(macText(f.data, 6))) {
      this.stats.own++;
      return;
    }
    // A jumbo frame from a NIC with a larger MTU would not fit the model's
    // link (the simulator treats that as a scenario bug and throws).
    if (ethernetPayloadLength(f.data) > this.sim.link(this.link).mtu) {
      this.stats.oversize++;
      return;
    }
    this.guard(() => {
      // Stamped before now() could be read: never earlier than the simulation.
      const t = Math.max(this.sim.now, Number(f.timestampNs - this.startNs!));
      this.sim.runUntil(t);
      this.sim.sendRaw(this.wireNode, 'wire', f.data, t);
      this.sim.runUntil(t);
    });
    this.arm();
  }

  private pump = (): void => {
    this.timer = null;
    if (this.stopped) return;
    this.guard(() => this.sim.runUntil(Math.max(this.sim.now, this.now())));
    this.arm();
  };

  private arm(): void {
    if (this.stopped) return;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    const next = this.sim.scheduler.peek();
    if (next === Infinity) return;
    const ms = Math.max(0, Math.ceil((next - this.now()) / 1e6));
    this.timer = this.timers.set(this.pump, ms);
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.stop();
      const err = e instanceof Error ? e : new Error(String(e));
      if (this.opts.onError) this.opts.onError(err);
      else throw err;
    }
  }

  /** Between the simulator and the trace: sends what simulated nodes put on
   *  the bridged link, and hides the wire node's own bookkeeping. */
  private onEvent(ev: TraceEvent): void {
    if (ev.type === 'tx' && ev.link === this.link && ev.node !== this.wireNode) {
      this.stats.transmitted++;
      if (this.opts.allowSend) {
        this.opts.capture.send(ev.bytes);
        this.stats.sent++;
      }
    }
    if (ev.type === 'action' && ev.node === this.wireNode) return; // its link-up, one send-raw per captured frame
    if ((ev.type === 'rx' || ev.type === 'drop' || ev.type === 'group') && ev.node === this.wireNode) return;
    this.opts.trace.emit(ev);
  }
}

function macText(b: Uint8Array, off: number): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += (i ? ':' : '') + b[off + i].toString(16).padStart(2, '0');
  return s;
}
