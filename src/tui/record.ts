// Runs a scenario once, up front, and keeps everything the terminal UI shows:
// every trace event, each frame's receivers and drops, and the history of
// every node's tables (node-history.ts). Stepping back and forth is then a
// lookup, never a re-run. Same scenario + seed → same recording, so adding
// an action from the console and recording again keeps the run replayable.
//
// The run can go in chunks that yield to the event loop (setImmediate), so
// the UI keeps drawing a progress bar while a long scenario computes.

import type { Nanos } from '../nd/machine.ts';
import { buildRun } from '../scenario/build.ts';
import type { Role, Scenario } from '../scenario/types.ts';
import type { DropEvent, LossEvent, TraceEvent, TraceSink, TxEvent } from '../sim/trace.ts';
import { HistoryRecorder } from './history-recorder.ts';
import type { NodeHistory, TableName } from './node-history.ts';

/** Trace event types a person steps through (rx, timer and group events
 *  are shown through the frames and state changes they cause). */
const STEP_TYPES = new Set<TraceEvent['type']>(['tx', 'state', 'drop', 'loss', 'action', 'error']);

const TABLE_OF: Partial<Record<string, TableName>> = {
  address: 'addr',
  neighbor: 'neigh',
  router: 'router',
  prefix: 'prefix',
  route: 'route',
};

export interface Recording {
  scenario: Scenario;
  seed: number;
  until: Nanos;
  /** Every event, in (time, seq) order; events[i].seq === i. */
  events: TraceEvent[];
  /** Indices into `events` of the events one steps through. */
  steps: number[];
  /** Transmitted frames by frameId (index 0 unused). */
  frames: TxEvent[];
  /** Nodes whose NIC accepted each frame, in delivery order (duplicates once). */
  receivers: Map<number, string[]>;
  /** Why nodes ignored each frame. */
  drops: Map<number, DropEvent[]>;
  /** Receivers the link did not deliver each frame to. */
  losses: Map<number, LossEvent[]>;
  histories: Map<string, NodeHistory>;
  /** Node names in scenario order, and their roles. */
  nodes: string[];
  roles: Map<string, Role>;
}

class Collector implements TraceSink {
  readonly events: TraceEvent[] = [];
  readonly steps: number[] = [];
  readonly frames: TxEvent[] = [];
  readonly receivers = new Map<number, string[]>();
  readonly drops = new Map<number, DropEvent[]>();
  readonly losses = new Map<number, LossEvent[]>();
  history: HistoryRecorder | null = null;

  emit(ev: TraceEvent): void {
    const h = this.history;
    // The tables are read once the machine has handled its input, that is
    // when the next input starts (rx, timer, action) or another node's
    // events come. A machine's own outputs (tx, state, drop, group) are
    // emitted after its handle() returned, so its tables are final by
    // then, and a change lands on the state event that reported it.
    if (h && this.events.length > 0 && (ev.type === 'rx' || ev.type === 'timer' || ev.type === 'action' || ev.type === 'loss' || !('node' in ev) || !h.onlyTouched(ev.node))) {
      h.flush(this.events.length - 1);
    }
    this.events.push(ev);
    if (STEP_TYPES.has(ev.type)) this.steps.push(this.events.length - 1);
    switch (ev.type) {
      case 'tx':
        this.frames[ev.frameId] = ev;
        h?.touch(ev.node);
        break;
      case 'rx': {
        let r = this.receivers.get(ev.frameId);
        if (!r) this.receivers.set(ev.frameId, (r = []));
        if (!r.includes(ev.node)) r.push(ev.node);
        h?.touch(ev.node);
        const ip = this.frames[ev.frameId]?.frame?.ipv6;
        if (h && ip) {
          if (ip.src !== '::') h.neighbor(ev.node, ev.ifname, ip.src);
          const m = ip.icmpv6;
          if (m && 'target' in m) h.neighbor(ev.node, ev.ifname, m.target);
        }
        break;
      }
      case 'drop':
        if (ev.frameId !== null) {
          const d = this.drops.get(ev.frameId);
          if (d) d.push(ev);
          else this.drops.set(ev.frameId, [ev]);
        }
        h?.touch(ev.node);
        break;
      case 'loss': {
        const l = this.losses.get(ev.frameId);
        if (l) l.push(ev);
        else this.losses.set(ev.frameId, [ev]);
        break;
      }
      case 'state': {
        const t = TABLE_OF[ev.machine];
        if (t) h?.reportedAt(ev.node, ev.ifname, t, ev.key, this.events.length - 1);
        else h?.touch(ev.node);
        break;
      }
      case 'timer':
      case 'group':
        h?.touch(ev.node);
        break;
      case 'action':
        if (ev.node) h?.touch(ev.node);
        break;
      case 'error':
        if (ev.node) h?.touch(ev.node);
        break;
    }
  }
}

export interface RecordOptions {
  seed?: number;
  until?: Nanos;
  /** Called between chunks with the fraction of virtual time done. */
  onProgress?: (fraction: number, now: Nanos) => void;
  /** Wall-clock milliseconds of simulation per chunk (default 25). */
  chunkMs?: number;
  /** Scheduler events between clock reads (default 8: one event can be a
   *  multicast to a thousand hosts, so few between reads keeps chunks short). */
  batch?: number;
  /** Checked between chunks: true abandons the run (the UI quit). */
  cancelled?: () => boolean;
}

function start(scenario: Scenario, opts: RecordOptions) {
  const c = new Collector();
  const built = buildRun(scenario, { seed: opts.seed, trace: c });
  // Stacks are created when the simulator first asks for them (buildRun's
  // machine factories), which has happened by now.
  c.history = new HistoryRecorder(built.stacks);
  return { c, built, until: opts.until ?? scenario.until };
}

function finish(scenario: Scenario, opts: RecordOptions, c: Collector, until: Nanos): Recording {
  c.history!.flush(c.events.length - 1);
  return {
    scenario,
    seed: opts.seed ?? scenario.seed,
    until,
    events: c.events,
    steps: c.steps,
    frames: c.frames,
    receivers: c.receivers,
    drops: c.drops,
    losses: c.losses,
    histories: c.history!.histories,
    nodes: scenario.nodes.map((n) => n.name),
    roles: new Map(scenario.nodes.map((n) => [n.name, n.role])),
  };
}

/** Records the whole run at once (tests, small scenarios). */
export function recordSync(scenario: Scenario, opts: RecordOptions = {}): Recording {
  const { c, built, until } = start(scenario, opts);
  built.sim.runUntil(until);
  return finish(scenario, opts, c, until);
}

/** Records the run in chunks, yielding to the event loop between them;
 *  null when `cancelled` said to stop. */
export async function record(scenario: Scenario, opts: RecordOptions = {}): Promise<Recording | null> {
  const { c, built, until } = start(scenario, opts);
  const { sim } = built;
  const budget = opts.chunkMs ?? 25;
  const batch = opts.batch ?? 8;
  for (;;) {
    const t0 = performance.now();
    let done = false;
    // At least one batch per chunk.
    do {
      for (let i = 0; i < batch; i++) {
        if (sim.scheduler.peek() > until) {
          done = true;
          break;
        }
        sim.step();
      }
    } while (!done && performance.now() - t0 < budget);
    opts.onProgress?.(done ? 1 : Math.min(1, sim.now / until), sim.now);
    if (done) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (opts.cancelled?.()) return null;
  }
  sim.runUntil(until);
  return finish(scenario, opts, c, until);
}
