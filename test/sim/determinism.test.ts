import { describe, expect, it } from 'vitest';
import type { Action, Input, Nanos, Random } from '../../src/nd/machine.ts';
import { Simulator } from '../../src/sim/simulator.ts';
import { ArraySink, CountingSink, type TraceEvent } from '../../src/sim/trace.ts';
import { ALL_NODES, ALL_NODES_MAC, echoFrame, Scripted } from './fakes.ts';

/** Joins ff02::1 on link-up, then multicasts `sends` echoes at random
 *  intervals drawn from its own stream, and reports each frame it hears. */
function gossiper(name: string, mac: string, random: Random, sends = 5) {
  let sent = 0;
  const me = { mac, ip: `fe80::${name}` };
  return new Scripted((input: Input, now: Nanos): Action[] => {
    const arm = (): Action => ({ kind: 'setTimer', key: 'tick', at: now + Math.floor(random() * 1_000_000) });
    switch (input.kind) {
      case 'link-up':
        return [{ kind: 'joinGroup', ifname: 'eth0', mac: ALL_NODES_MAC, group: ALL_NODES }, arm()];
      case 'timer':
        sent++;
        return [
          { kind: 'send', ifname: 'eth0', frame: echoFrame(me, { mac: ALL_NODES_MAC, ip: ALL_NODES }, 128, sent) },
          ...(sent < sends ? [arm()] : []),
        ];
      case 'frame':
        return [{
          kind: 'notify',
          change: { machine: 'neighbor', ifname: 'eth0', key: input.frame.src, from: null, to: 'heard', reason: `heard at ${now}` },
        }];
      default:
        return [];
    }
  });
}

function run(seed: number | string, names = ['a', 'b', 'c', 'd']) {
  const sink = new ArraySink();
  const sim = new Simulator({ seed, trace: sink });
  sim.addLink({ name: 'lan0', loss: 0.2, duplicate: 0.1, jitter: 5_000 });
  names.forEach((n, i) => {
    const mac = `02:00:00:00:01:${(i + 1).toString(16).padStart(2, '0')}`;
    sim.addNode({ name: n, interfaces: [{ ifname: 'eth0', mac, link: 'lan0', up: true }], machine: (ctx) => gossiper(n, mac, ctx.random) });
  });
  sim.runToIdle(10_000);
  return { sim, sink };
}

/** JSON of the stream without object identity: bytes as hex, frames left out
 *  (they are a function of the bytes). */
function project(events: TraceEvent[]): string {
  return JSON.stringify(events.map((e) => {
    const { frame: _f, bytes, ...rest } = e as TraceEvent & { frame?: unknown; bytes?: Uint8Array };
    return bytes ? { ...rest, bytes: Buffer.from(bytes).toString('hex') } : rest;
  }));
}

describe('determinism', () => {
  it('the same seed gives an identical event stream', () => {
    const one = run(1234).sink.events;
    const two = run(1234).sink.events;
    expect(one.length).toBeGreaterThan(50);
    expect(project(two)).toBe(project(one));
    // The stream exercised every impairment.
    const types = new Set<string>(one.map((e) => (e.type === 'rx' && e.duplicate ? 'dup' : e.type)));
    for (const t of ['tx', 'rx', 'dup', 'loss', 'timer', 'state', 'group']) expect(types.has(t)).toBe(true);
  });

  it('events are in (time, seq) order', () => {
    const ev = run(99).sink.events;
    for (let i = 1; i < ev.length; i++) {
      expect(ev[i].seq).toBe(ev[i - 1].seq + 1);
      expect(ev[i].time).toBeGreaterThanOrEqual(ev[i - 1].time);
    }
  });

  it('a different seed changes the random timings', () => {
    const times = (seed: number) => run(seed).sink.ofType('tx').map((e) => `${e.node}@${e.time}`);
    expect(times(2)).not.toEqual(times(1));
  });

  it("adding a node does not change another node's draws", () => {
    const txTimesOf = (names: string[]) =>
      run(7, names).sink.ofType('tx').filter((e) => e.node === 'a').map((e) => e.time);
    expect(txTimesOf(['a', 'b', 'c', 'e', 'f'])).toEqual(txTimesOf(['a']));
  });

  it('a counting sink sees the same number of events', () => {
    const counting = new CountingSink();
    const sim = new Simulator({ seed: 1234, trace: counting });
    sim.addLink({ name: 'lan0', loss: 0.2, duplicate: 0.1, jitter: 5_000 });
    ['a', 'b', 'c', 'd'].forEach((n, i) => {
      const mac = `02:00:00:00:01:${(i + 1).toString(16).padStart(2, '0')}`;
      sim.addNode({ name: n, interfaces: [{ ifname: 'eth0', mac, link: 'lan0', up: true }], machine: (ctx) => gossiper(n, mac, ctx.random) });
    });
    sim.runToIdle(10_000);
    const events = run(1234).sink.events;
    expect(counting.total).toBe(events.length);
    expect(counting.counts.tx).toBe(events.filter((e) => e.type === 'tx').length);
  });
});

describe('arrival-time filtering', () => {
  it('a NIC that comes up while a frame is in flight receives it', () => {
    const sink = new ArraySink();
    const sim = new Simulator({ seed: 1, trace: sink });
    sim.addLink({ name: 'lan0', delay: 1000 });
    const a = new Scripted((i) => (i.kind === 'link-up'
      ? [{ kind: 'send', ifname: 'eth0', frame: echoFrame({ mac: '02:00:00:00:00:0a', ip: 'fe80::a' }, { mac: 'ff:ff:ff:ff:ff:ff', ip: ALL_NODES }, 128, 1) }]
      : []));
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: '02:00:00:00:00:0a', link: 'lan0', up: true }], machine: a });
    sim.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: '02:00:00:00:00:0b', link: 'lan0' }], machine: new Scripted() });
    sim.at(500, () => sim.setInterfaceUp('b', 'eth0', true), 'bring b up');
    sim.runToIdle();
    expect(sink.ofType('rx').map((e) => `${e.time} ${e.node}`)).toEqual(['1000 b']);
    expect(sink.ofType('action').map((e) => `${e.time} ${e.what}`)).toEqual(['0 link-up', '500 bring b up', '500 link-up']);
  });
});
