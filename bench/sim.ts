// Benchmarks of the simulator core (src/sim): engine throughput with
// cancellations, multicast delivery on a 10,000-NIC link, and memory per
// idle node at 100,000 nodes. Run alone: node bin/run-ts.mjs bench/sim.ts
//
// The workloads draw from a local xorshift, not Math.random, so that every
// run does the same work.

import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Action, Input, Machine } from '../src/nd/machine.ts';
import { encode } from '../src/packet/encode.ts';
import type { EthernetFrame } from '../src/packet/types.ts';
import { Scheduler, type EventHandle } from '../src/sim/scheduler.ts';
import { Simulator } from '../src/sim/simulator.ts';
import { CountingSink } from '../src/sim/trace.ts';

/** CPU seconds (user + system) since `t0`: other processes competing for
 *  the cores do not count, so numbers stay comparable on a busy machine. */
function cpuSince(t0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** `pending` timers outstanding; each firing schedules its successor up to
 *  1 ms ahead, and every 4th firing also re-arms (cancels and schedules
 *  again) a random other timer, as NUD and RA timers do. */
function engine(pending: number, fires: number): { firesPerS: number; opsPerS: number; cancels: number } {
  const s = new Scheduler();
  const rnd = xorshift(42);
  const handles: EventHandle[] = new Array(pending);
  let cancels = 0;
  let schedules = 0;
  const fire = (i: number): void => {
    handles[i] = s.schedule(s.now + 1 + (rnd() % 1_000_000), fire, i);
    schedules++;
    if ((rnd() & 3) === 0) {
      const j = rnd() % pending;
      if (s.cancel(handles[j])) {
        cancels++;
        handles[j] = s.schedule(s.now + 1 + (rnd() % 1_000_000), fire, j);
        schedules++;
      }
    }
  };
  for (let i = 0; i < pending; i++) handles[i] = s.schedule(rnd() % 1_000_000, fire, i);
  const t0 = process.cpuUsage();
  for (let k = 0; k < fires; k++) s.step();
  const secs = cpuSince(t0);
  return { firesPerS: fires / secs, opsPerS: (fires + schedules + cancels) / secs, cancels };
}

/** The same through the Simulator: machines re-arming their own timers via
 *  setTimer actions, trace to a counting sink. */
function simTimers(nodes: number, fires: number): number {
  const sim = new Simulator({ seed: 1, trace: new CountingSink(), freezeFrames: false });
  sim.addLink({ name: 'lan0' });
  for (let i = 0; i < nodes; i++) {
    const rnd = xorshift(i + 1);
    const machine: Machine = {
      handle(input: Input, now: number): Action[] {
        const out: Action[] = [{ kind: 'setTimer', key: 'a', at: now + 1 + (rnd() % 1_000_000) }];
        if ((rnd() & 3) === 0) out.push({ kind: 'setTimer', key: 'b', at: now + 1 + (rnd() % 1_000_000) });
        return out;
      },
    };
    sim.addNode({ name: `n${i}`, interfaces: [{ ifname: 'eth0', mac: macOf(i), link: 'lan0', up: true }], machine });
  }
  sim.runUntil(0);
  const t0 = process.cpuUsage();
  for (let k = 0; k < fires; k++) sim.step();
  return fires / cpuSince(t0);
}

function macOf(i: number): string {
  return `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
}

/** Solicited-node MAC of node i (RFC 2464 §7 of ff02::1:ffXX:XXXX). */
function solicitedMacOf(i: number): string {
  return `33:33:ff:${macOf(i).slice(9)}`;
}

/** A host at rest: joins ff02::1 and its solicited-node group on link-up. */
function idleHost(i: number): Machine {
  return {
    handle(input: Input): Action[] {
      if (input.kind !== 'link-up') return [];
      return [
        { kind: 'joinGroup', ifname: 'eth0', mac: '33:33:00:00:00:01', group: 'ff02::1' },
        { kind: 'joinGroup', ifname: 'eth0', mac: solicitedMacOf(i), group: `ff02::1:ff${macOf(i).slice(9, 11)}:${macOf(i).slice(12).replace(':', '')}` },
      ];
    },
  };
}

function lan(n: number, trace = new CountingSink()): { sim: Simulator; trace: CountingSink } {
  const sim = new Simulator({ seed: 1, trace, freezeFrames: false });
  sim.addLink({ name: 'lan0' });
  for (let i = 0; i < n; i++) {
    sim.addNode({ name: `h${i}`, interfaces: [{ ifname: 'eth0', mac: macOf(i), link: 'lan0', up: true }], machine: idleHost(i) });
  }
  sim.runToIdle();
  return { sim, trace };
}

function echoTo(dstMac: string, dstIp: string): Uint8Array {
  const frame: EthernetFrame = {
    dst: dstMac, src: macOf(0), etherType: 0x86dd,
    ipv6: {
      trafficClass: 0, flowLabel: 0, hopLimit: 255, src: 'fe80::200:ff:fe00:0', dst: dstIp, extensionHeaders: [], nextHeader: 58,
      icmpv6: { type: 128, code: 0, identifier: 1, sequence: 1, data: new Uint8Array(8) },
    },
  };
  return encode(frame);
}

/** Sends `bytes` from h0 and runs to idle; best of `reps`: CPU ns (µs
 *  resolution) and receivers. */
function deliver(sim: Simulator, trace: CountingSink, bytes: Uint8Array, reps: number): { ns: number; receivers: number } {
  let best = Infinity;
  let receivers = 0;
  for (let r = 0; r < reps; r++) {
    const rx0 = trace.counts.rx;
    const t0 = process.cpuUsage();
    sim.sendRaw('h0', 'eth0', bytes);
    sim.runToIdle();
    const ns = Math.round(cpuSince(t0) * 1e9);
    receivers = trace.counts.rx - rx0;
    if (ns < best) best = ns;
  }
  return { ns: best, receivers };
}

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function memoryPerIdleNode(n: number): number {
  const gc = gcFunction();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const { sim } = lan(n);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (sim.nodes.size !== n) throw new Error('lost nodes');
  return (after - before) / n;
}

export async function benchSim(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  engine(1_000, 500_000); // warm-up
  const e1k = engine(1_000, 3_000_000);
  out.engine_fires_per_s_1k_pending = Math.round(e1k.firesPerS);
  out.engine_ops_per_s_1k_pending = Math.round(e1k.opsPerS);
  const e100k = engine(100_000, 3_000_000);
  out.engine_fires_per_s_100k_pending = Math.round(e100k.firesPerS);
  out.engine_ops_per_s_100k_pending = Math.round(e100k.opsPerS);
  out.sim_timer_fires_per_s_1k_nodes = Math.round(simTimers(1_000, 1_000_000));

  const { sim, trace } = lan(10_000);
  const allNodes = echoTo('33:33:00:00:00:01', 'ff02::1');
  const solicited = echoTo(solicitedMacOf(4242), `ff02::1:ff00:${(4242).toString(16)}`);
  deliver(sim, trace, allNodes, 3); // warm-up
  const a = deliver(sim, trace, allNodes, 10);
  out.ff02_1_receivers_10k_link = a.receivers;
  out.ff02_1_ns_10k_link = a.ns;
  out.ff02_1_ns_per_receiver = Math.round(a.ns / a.receivers);
  deliver(sim, trace, solicited, 100); // warm-up
  const s = deliver(sim, trace, solicited, 1000);
  out.solicited_receivers_10k_link = s.receivers;
  out.solicited_ns_10k_link = s.ns;

  out.heap_bytes_per_idle_node_100k = Math.round(memoryPerIdleNode(100_000));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchSim();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(36)} ${v.toLocaleString('en-US')}`);
}
