// `ndsim bench slaac`: one radvd router and N hosts on one link, every
// interface up at t = 0 (or spread over --stagger), simulated with the whole
// stack (RFC 4862 DAD with Linux defaults, MLDv2 reports, RS with its random
// delay, solicited and unsolicited RAs, NUD) for --until of virtual time.
//
// The trace is summarised as it streams (a counting sink): nothing per frame
// is kept, so memory is the nodes' state, not the run's history.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { resolveRadvdConfig } from '../nd/radvd-config.ts';
import type { Machine, MachineKind, Nanos } from '../nd/machine.ts';
import { NS_PER_S } from '../nd/machine.ts';
import { Simulator } from '../sim/simulator.ts';
import type { TraceEvent, TraceEventType, TraceSink } from '../sim/trace.ts';
import { resolveNodeConfig } from '../stack/config.ts';
import { NodeStack } from '../stack/node-stack.ts';
import type { Mac } from '../packet/types.ts';

export interface SlaacBenchOptions {
  hosts: number;
  /** Interfaces come up at uniformly random times in [0, stagger] (default 0). */
  staggerNs?: Nanos;
  /** Virtual time simulated (default 30 s). */
  untilNs?: Nanos;
  seed?: number | string;
  /** Called with every trace event as well (tests count frames per host). */
  onEvent?: (ev: TraceEvent) => void;
  /** radvd AdvRASolicitedUnicast; absent = radvd's default (on). Off, RSs
   *  are answered by multicast RAs, which MinDelayBetweenRAs coalesces. */
  solicitedUnicast?: boolean;
  /** Heap policy (see runSlaacBench): collect when the heap has grown by
   *  this factor since the last collection; 0 leaves V8 to its defaults. */
  heapGrowth?: number;
  /** TurboFan's cumulative inlining budget in bytecode bytes for the run
   *  (see INLINE_BUDGET); 0 leaves V8's default. */
  inlineBudget?: number;
}

/** The one JSON line the command prints, plus the router's counters. */
export interface SlaacBenchResult {
  hosts: number;
  /** Hosts whose global (non-link-local) address reached preferred. */
  preferred: number;
  /** Addresses that failed DAD. */
  duplicates: number;
  /** Events the scheduler fired. */
  events: number;
  /** Frames put on the wire. */
  frames: number;
  wallSeconds: number;
  eventsPerSecond: number;
  /** CPU time (user + system) of the run: on a shared machine it says
   *  what wall time would be on an idle one. */
  cpuSeconds: number;
  peakRssMiB: number;
  /** Router Advertisements radvd sent (multicast and unicast). */
  rasSent: number;
  rasMulticast: number;
  rasUnicast: number;
  /** Router Solicitations radvd received (each one a frame processed). */
  rsReceived: number;
  /** RSs answered by an RA already scheduled (MIN_DELAY_BETWEEN_RAS). */
  rsCoalesced: number;
  /** Full collections the heap policy asked for (0 below its floor). */
  heapCollections: number;
}

export const BENCH_PREFIX = '2001:db8::/64';
export const ROUTER_NAME = 'router';
const LINK = 'lan0';

/** Host i's MAC: locally administered, unicast, distinct for i < 2^32. */
export function hostMac(i: number): Mac {
  return `02:00:${HEX[(i >>> 24) & 0xff]}:${HEX[(i >>> 16) & 0xff]}:${HEX[(i >>> 8) & 0xff]}:${HEX[i & 0xff]}`;
}
const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** A stand-in until the node's stack is made with the node's own random stream. */
const NO_MACHINE: Machine = { handle: () => [] };
export const ROUTER_MAC: Mac = '00:00:5e:00:53:01';
export const hostName = (i: number): string => `h${i}`;

/** Counts what the result reports, from state events (frames are the
 *  simulator's framesSent: no tx event need be built for them). */
class SummarySink implements TraceSink {
  duplicates = 0;
  /** Per host index: 1 once its global address was preferred. */
  readonly preferredFlag: Uint8Array;
  preferred = 0;
  /** Only state changes are read (drop, loss and error are kept for a
   *  reader of the sink): the simulator need not build tx, rx, timer, group
   *  or action events, nor decode frames nobody receives (unless a caller
   *  wants all events). */
  readonly types?: ReadonlySet<TraceEventType>;
  /** Of the state changes, only addresses' are read. */
  readonly stateMachines?: ReadonlySet<MachineKind>;
  constructor(
    hosts: number,
    private readonly onEvent?: (ev: TraceEvent) => void,
  ) {
    this.preferredFlag = new Uint8Array(hosts);
    if (!onEvent) {
      this.types = new Set<TraceEventType>(['state', 'drop', 'loss', 'error']);
      this.stateMachines = new Set<MachineKind>(['address']);
    }
  }
  emit(ev: TraceEvent): void {
    if (ev.type === 'state' && ev.machine === 'address') {
      if (ev.to === 'duplicate') this.duplicates++;
      else if (ev.to === 'preferred' && !ev.key.startsWith('fe80:') && ev.node.charCodeAt(0) === 104 /* h */) {
        const i = Number(ev.node.slice(1));
        if (this.preferredFlag[i] === 0) {
          this.preferredFlag[i] = 1;
          this.preferred++;
        }
      }
    }
    if (this.onEvent) this.onEvent(ev);
  }
}

export interface BuiltBench {
  sim: Simulator;
  router: NodeStack;
  sink: SummarySink;
}

/** Builds the link, the router and the hosts, and schedules the link-ups. */
export function buildSlaacBench(opts: SlaacBenchOptions): BuiltBench {
  const n = opts.hosts;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`hosts must be a positive integer, got ${n}`);
  const sink = new SummarySink(n, opts.onEvent);
  const sim = new Simulator({ seed: opts.seed ?? 1, trace: sink, freezeFrames: false });
  sim.addLink({ name: LINK });

  const routerCfg = resolveNodeConfig({}, { router: true });
  const hostCfg = resolveNodeConfig({});
  if (!routerCfg.ok || !hostCfg.ok) throw new Error('default node configuration does not resolve');
  // radvd's own default is AdvSendAdvert off: every radvd.conf turns it on.
  // Everything else (intervals, MinDelayBetweenRAs, AdvRASolicitedUnicast)
  // stays at radvd's defaults.
  const radvd = resolveRadvdConfig(
    { AdvSendAdvert: true, prefixes: [{ prefix: BENCH_PREFIX }], ...(opts.solicitedUnicast === undefined ? {} : { AdvRASolicitedUnicast: opts.solicitedUnicast }) },
    { linkMtu: routerCfg.config.nd.mtu },
  );
  if (!radvd.ok) throw new Error(`radvd: ${radvd.errors.join('; ')}`);

  let router!: NodeStack;
  sim.addNode({
    name: ROUTER_NAME,
    interfaces: [{ ifname: 'eth0', mac: ROUTER_MAC, link: LINK, up: true }],
    machine: (ctx) =>
      (router = new NodeStack({
        name: ROUTER_NAME, role: 'router', interfaces: [{ ifname: 'eth0', mac: ROUTER_MAC }],
        config: routerCfg.config, random: ctx.random, radvd: { eth0: radvd.value },
      })),
  });

  const hostConfig = hostCfg.config;
  const stagger = opts.staggerNs ?? 0;
  const rng = sim.rngFor('bench:stagger');
  const upAt = (name: string): void => sim.setInterfaceUp(name, 'eth0', true); // one closure for all
  for (let i = 0; i < n; i++) {
    const name = hostName(i);
    const mac = hostMac(i);
    // No factory closure per host: the stack is made once the node exists.
    const node = sim.addNode({ name, interfaces: [{ ifname: 'eth0', mac, link: LINK }], machine: NO_MACHINE });
    node.machine = new NodeStack({ name, role: 'host', interfaces: [{ ifname: 'eth0', mac }], config: hostConfig, random: node.random });
    const at = stagger > 0 ? rng.int(stagger + 1) : 0;
    sim.scheduler.schedule(at, upAt, name, 'bench link-up');
  }
  return { sim, router, sink };
}

/** Runs the benchmark and measures it. */
export function runSlaacBench(opts: SlaacBenchOptions): SlaacBenchResult {
  const until = opts.untilNs ?? 30 * NS_PER_S;
  const inline = opts.inlineBudget ?? INLINE_BUDGET;
  if (inline > 0) setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${inline}`);
  const policy = new HeapPolicy(opts.heapGrowth ?? DEFAULT_HEAP_GROWTH);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { sim, router, sink } = buildSlaacBench(opts);
  // Events run in batches so that the heap policy can look in between (the
  // order of events is the scheduler's either way).
  const scheduler = sim.scheduler;
  while (scheduler.peek() <= until) {
    for (let k = 0; k < BATCH && scheduler.peek() <= until; k++) scheduler.step();
    policy.check();
  }
  sim.runUntil(until);
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const stats = router.iface('eth0').radvd!.stats;
  const events = sim.scheduler.fired;
  return {
    hosts: opts.hosts,
    preferred: sink.preferred,
    duplicates: sink.duplicates,
    events,
    frames: sim.framesSent,
    wallSeconds: round(wallSeconds, 3),
    eventsPerSecond: Math.round(events / wallSeconds),
    peakRssMiB: round(peakRssMiB(), 1),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 3),
    rasSent: stats.multicastSent + stats.unicastSent,
    rasMulticast: stats.multicastSent,
    rasUnicast: stats.unicastSent,
    rsReceived: stats.solicitationsReceived,
    rsCoalesced: stats.solicitationsCoalesced,
    heapCollections: policy.collections,
  };
}

const BATCH = 20_000;
/**
 * A 1,000-host run is over in well under a second, and most of it runs
 * before TurboFan has optimised the code: on two cores the optimising thread
 * has ~0.5 s of compiling queued (every host runs the same few hundred
 * functions), so the main thread waits in baseline code for it. V8 inlines up
 * to 920 bytecode bytes into each optimised function by default; at 300 the
 * same functions compile in less time and arrive sooner, while the inner
 * calls that matter (small functions, under max-inlined-bytecode-size-small)
 * are still inlined. Measured on the 2-core machine: −12 % wall and −17 %
 * CPU for 1,000 hosts, 10,000 hosts no slower. Like the heap policy, this is
 * what a batch job would pass as a node flag, applied by the command itself;
 * it changes how fast the code runs, never what it does.
 */
const INLINE_BUDGET = 300;
const DEFAULT_HEAP_GROWTH = 1.3;
/** Below this the heap policy never collects (small runs pay nothing). */
const HEAP_FLOOR = 192 * 1024 * 1024;

/**
 * V8 leaves the old generation alone until it reaches an initial limit set
 * from the maximum heap (half of it: ~2 GiB on this 24 GiB machine), so a
 * run whose live data is 600 MB peaks near 2 GB of RSS with garbage that was
 * only waiting. A batch job would cap the heap (--max-old-space-size); this
 * command cannot pass node flags, so it applies the same policy itself: a
 * full collection whenever the heap has grown by `growth` since the last one
 * (and is past a floor). The run does the same work either way; the cost is
 * the collections, counted in the result.
 */
class HeapPolicy {
  collections = 0;
  private readonly gc: (() => void) | null;
  private budget = HEAP_FLOOR;
  constructor(private readonly growth: number) {
    this.gc = growth > 0 ? exposeGc() : null;
  }
  check(): void {
    if (this.gc === null) return;
    if (process.memoryUsage().heapUsed < this.budget) return;
    this.gc();
    this.collections++;
    this.budget = Math.max(HEAP_FLOOR, process.memoryUsage().heapUsed * this.growth);
  }
}

/** global.gc without --expose-gc on the command line. */
function exposeGc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Peak resident set size of this process so far (getrusage ru_maxrss). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
