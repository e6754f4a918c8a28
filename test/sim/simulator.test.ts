import { describe, expect, it } from 'vitest';
import type { Action, Input } from '../../src/nd/machine.ts';
import { EventError } from '../../src/sim/scheduler.ts';
import { Simulator } from '../../src/sim/simulator.ts';
import { ArraySink, type TraceEvent } from '../../src/sim/trace.ts';
import { ALL_NODES, ALL_NODES_MAC, echoBytes, echoFrame, MAC_A, MAC_B, MAC_C, Scripted } from './fakes.ts';

const A = { mac: MAC_A, ip: 'fe80::a' };
const B = { mac: MAC_B, ip: 'fe80::b' };

function pair(opts: { loss?: number; delay?: number; seed?: number } = {}) {
  const sink = new ArraySink();
  const sim = new Simulator({ seed: opts.seed ?? 1, trace: sink });
  sim.addLink({ name: 'lan0', loss: opts.loss, delay: opts.delay });
  return { sim, sink };
}

/** Compact view of the trace: "time type node…". */
function brief(events: TraceEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'tx': return `${e.time} tx#${e.frameId} ${e.node}/${e.ifname}`;
      case 'rx': return `${e.time} rx#${e.frameId} ${e.node}/${e.ifname}${e.duplicate ? ' dup' : ''}`;
      case 'loss': return `${e.time} loss#${e.frameId} ${e.node ?? '-'} ${e.reason}`;
      case 'timer': return `${e.time} timer ${e.node} ${e.key}`;
      case 'state': return `${e.time} state ${e.node} ${e.key} ${e.from}→${e.to}`;
      case 'drop': return `${e.time} drop#${e.frameId} ${e.node} ${e.rule}`;
      case 'group': return `${e.time} ${e.op} ${e.node} ${e.group} refs=${e.refs}`;
      case 'action': return `${e.time} action ${e.what}${e.node ? ' ' + e.node : ''}`;
      case 'error': return `${e.time} error ${e.message}`;
    }
  });
}

describe('Simulator: ping-pong between two fake machines', () => {
  it('exchanges three echoes, each after one propagation delay, timeouts cancelled', () => {
    const { sim, sink } = pair({ delay: 1000 });
    const pinger = new Scripted((input, now): Action[] => {
      const next = (seq: number): Action[] => [
        { kind: 'send', ifname: 'eth0', frame: echoFrame(A, B, 128, seq), why: `ping ${seq}` },
        { kind: 'setTimer', key: 'timeout', at: now + 1_000_000 },
      ];
      if (input.kind === 'link-up') return next(1);
      if (input.kind === 'frame' && input.frame.ipv6?.icmpv6?.type === 129) {
        const seq = (input.frame.ipv6.icmpv6 as { sequence: number }).sequence;
        return seq < 3 ? next(seq + 1) : [{ kind: 'cancelTimer', key: 'timeout' }];
      }
      return [];
    });
    const responder = new Scripted((input): Action[] => {
      if (input.kind !== 'frame') return [];
      const m = input.frame.ipv6?.icmpv6;
      if (m?.type !== 128) return [];
      return [{ kind: 'send', ifname: 'eth0', frame: echoFrame(B, A, 129, (m as { sequence: number }).sequence) }];
    });
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: pinger });
    sim.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'lan0', up: true }], machine: responder });
    sim.runToIdle(1000);

    expect(pinger.kinds()).toEqual(['0 link-up', '2000 frame', '4000 frame', '6000 frame']);
    expect(responder.kinds()).toEqual(['0 link-up', '1000 frame', '3000 frame', '5000 frame']);
    expect(brief(sink.events)).toEqual([
      '0 action link-up a', '0 tx#1 a/eth0', '0 action link-up b',
      '1000 rx#1 b/eth0', '1000 tx#2 b/eth0',
      '2000 rx#2 a/eth0', '2000 tx#3 a/eth0',
      '3000 rx#3 b/eth0', '3000 tx#4 b/eth0',
      '4000 rx#4 a/eth0', '4000 tx#5 a/eth0',
      '5000 rx#5 b/eth0', '5000 tx#6 b/eth0',
      '6000 rx#6 a/eth0',
    ]);
    // (time, seq) is the emission order.
    expect(sink.events.map((e) => e.seq)).toEqual(sink.events.map((_, i) => i));
    const tx = sink.ofType('tx')[0];
    expect(tx.why).toBe('ping 1');
    expect(tx.origin).toBe('machine');
    expect(tx.frame?.ipv6?.icmpv6?.type).toBe(128);
    expect(tx.checksumValid).toBe(true);
    // Receivers get the frame decoded from the wire bytes (checksum filled in).
    const got = responder.log[1].input as Extract<Input, { kind: 'frame' }>;
    expect(got.frame.ipv6?.icmpv6?.checksum).toBeTypeOf('number');
    expect(sim.scheduler.pending).toBe(0);
  });
});

describe('Simulator: timers', () => {
  it('re-arming a key replaces the timer; cancel prevents firing; both fire once when due', () => {
    const { sim, sink } = pair();
    let yFired = 0;
    const m = new Scripted((input): Action[] => {
      if (input.kind === 'link-up') {
        return [
          { kind: 'setTimer', key: 'x', at: 100 },
          { kind: 'setTimer', key: 'y', at: 200 },
          { kind: 'setTimer', key: 'z', at: 300 },
          { kind: 'setTimer', key: 'x', at: 150 }, // re-arm later
          { kind: 'cancelTimer', key: 'z' },
          { kind: 'cancelTimer', key: 'never-set' },
        ];
      }
      // Re-arming a timer for now, from its own firing, fires it again.
      if (input.kind === 'timer' && input.key === 'y' && ++yFired === 1) return [{ kind: 'setTimer', key: 'y', at: 200 }];
      return [];
    });
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: m });
    sim.runToIdle(100);
    expect(m.kinds()).toEqual(['0 link-up', '150 timer:x', '200 timer:y', '200 timer:y']);
    expect(brief(sink.ofType('timer'))).toEqual(['150 timer a x', '200 timer a y', '200 timer a y']);
  });

  it('a timer in the past is an error naming node, key, time and now', () => {
    const { sim } = pair();
    sim.addNode({
      name: 'a',
      interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0' }],
      machine: new Scripted(() => [{ kind: 'setTimer', key: 'rs', at: 5 }]),
    });
    sim.runUntil(10);
    expect(() => sim.input('a', { kind: 'link-up', ifname: 'eth0' })).toThrow(/node "a" timer "rs": cannot arm at 5 ns \(now = 10 ns/);
  });
});

describe('Simulator: multicast filter from joinGroup/leaveGroup', () => {
  it('delivers to joined NICs only and traces refcounted joins', () => {
    const { sim, sink } = pair();
    const group = { kind: 'joinGroup', ifname: 'eth0', mac: ALL_NODES_MAC, group: ALL_NODES } as const;
    const b = new Scripted((i) => (i.kind === 'link-up' ? [group, group] : []));
    const c = new Scripted((i) => (i.kind === 'link-up' ? [group] : i.kind === 'timer' ? [{ ...group, kind: 'leaveGroup' }] : []));
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: new Scripted() });
    sim.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'lan0', up: true }], machine: b });
    sim.addNode({ name: 'c', interfaces: [{ ifname: 'eth0', mac: MAC_C, link: 'lan0', up: true }], machine: c });
    sim.runToIdle();
    const toAll = echoBytes(A, { mac: ALL_NODES_MAC, ip: ALL_NODES }, 128, 1);
    sim.sendRaw('a', 'eth0', toAll);
    sim.runToIdle();
    expect(brief(sink.ofType('rx'))).toEqual(['1000 rx#1 b/eth0', '1000 rx#1 c/eth0']);
    sim.input('c', { kind: 'timer', key: 'leave' });
    sim.sendRaw('a', 'eth0', toAll);
    sim.runToIdle();
    expect(brief(sink.ofType('rx')).slice(2)).toEqual(['2000 rx#2 b/eth0']);
    expect(brief(sink.ofType('group'))).toEqual([
      '0 join b ff02::1 refs=1', '0 join b ff02::1 refs=2', '0 join c ff02::1 refs=1', '1000 leave c ff02::1 refs=0',
    ]);
  });
});

describe('Simulator: loss, partition and link state in the trace', () => {
  const lanOf3 = (loss = 0) => {
    const { sim, sink } = pair({ loss });
    for (const [name, mac] of [['a', MAC_A], ['b', MAC_B], ['c', MAC_C]]) {
      sim.addNode({ name, interfaces: [{ ifname: 'eth0', mac, link: 'lan0', up: true }], machine: new Scripted() });
    }
    sim.runToIdle();
    return { sim, sink, bcast: echoBytes(A, { mac: 'ff:ff:ff:ff:ff:ff', ip: ALL_NODES }, 128, 1) };
  };

  it('modelled loss appears as loss events, never silently', () => {
    const { sim, sink, bcast } = lanOf3(1);
    sim.sendRaw('a', 'eth0', bcast);
    sim.runToIdle();
    expect(brief(sink.events.filter((e) => e.type !== 'action'))).toEqual(['0 tx#1 a/eth0', '1000 loss#1 b loss', '1000 loss#1 c loss']);
  });

  it('a partitioned node misses frames (loss: partition) and hears again after rejoin', () => {
    const { sim, sink, bcast } = lanOf3();
    sim.partition('lan0', ['c']);
    sim.sendRaw('a', 'eth0', bcast);
    sim.runToIdle();
    sim.rejoin('lan0', ['c']);
    sim.sendRaw('a', 'eth0', bcast);
    sim.runToIdle();
    expect(brief(sink.events).slice(3)).toEqual([
      '0 action partition', '0 action send-raw a', '0 tx#1 a/eth0', '1000 loss#1 c partition', '1000 rx#1 b/eth0',
      '1000 action rejoin', '1000 action send-raw a', '1000 tx#2 a/eth0', '2000 rx#2 b/eth0', '2000 rx#2 c/eth0',
    ]);
  });

  it('link failure loses frames; interface down tells the machine and stops its NIC', () => {
    const { sim, sink, bcast } = lanOf3();
    sim.setLinkUp('lan0', false);
    sim.sendRaw('a', 'eth0', bcast);
    sim.runToIdle();
    sim.setLinkUp('lan0', true);
    sim.setInterfaceUp('b', 'eth0', false);
    sim.sendRaw('a', 'eth0', bcast);
    sim.runToIdle();
    expect(brief(sink.events).slice(3)).toEqual([
      '0 action link-fail', '0 action send-raw a', '0 tx#1 a/eth0', '0 loss#1 - link-down',
      '0 action link-resume', '0 action link-down b', '0 action send-raw a', '0 tx#2 a/eth0', '1000 rx#2 c/eth0',
    ]);
    expect((sim.node('b').machine as Scripted).kinds()).toEqual(['0 link-up', '0 link-down']);
  });
});

describe('Simulator: received frames that machines never see', () => {
  it('malformed raw bytes are received, traced with their decode error, and dropped before the machine', () => {
    const { sim, sink } = pair();
    const b = new Scripted();
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: new Scripted() });
    sim.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'lan0', up: true }], machine: b });
    const truncated = echoBytes(A, B, 128, 1).slice(0, 14 + 20); // half an IPv6 header
    sim.sendRaw('a', 'eth0', truncated, 500);
    sim.runToIdle();
    const tx = sink.ofType('tx')[0];
    expect(tx.origin).toBe('raw');
    expect(tx.bytes).toEqual(truncated);
    expect(tx.decodeError?.layer).toBe('ipv6');
    const drop = sink.ofType('drop')[0];
    expect(drop).toMatchObject({ time: 1500, node: 'b', ifname: 'eth0', frameId: 1, rule: 'decode' });
    expect(drop.reason).toMatch(/^undecodable: ipv6 at byte \d+/);
    expect(sink.ofType('rx')).toHaveLength(1);
    expect(b.kinds()).toEqual(['0 link-up']);
  });

  it('a frame with a wrong ICMPv6 checksum is dropped with its reason', () => {
    const { sim, sink } = pair();
    const b = new Scripted();
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: new Scripted() });
    sim.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'lan0', up: true }], machine: b });
    const bytes = echoBytes(A, B, 128, 1);
    bytes[14 + 40 + 2] ^= 0xff; // ICMPv6 checksum byte
    sim.sendRaw('a', 'eth0', bytes);
    sim.runToIdle();
    expect(sink.ofType('drop')[0]).toMatchObject({ node: 'b', rule: 'icmpv6-checksum', rfc: 'RFC 4443 §2.3' });
    expect(b.kinds()).toEqual(['0 link-up']);
  });

  it('the decoded frame is shared among receivers and frozen', () => {
    const { sim } = pair();
    const seen: unknown[] = [];
    const keep = new Scripted((i) => {
      if (i.kind === 'frame') seen.push(i.frame);
      return [];
    });
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: new Scripted() });
    sim.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'lan0', up: true }], machine: keep });
    sim.addNode({ name: 'c', interfaces: [{ ifname: 'eth0', mac: MAC_C, link: 'lan0', up: true }], machine: keep });
    sim.sendRaw('a', 'eth0', echoBytes(A, { mac: 'ff:ff:ff:ff:ff:ff', ip: ALL_NODES }, 128, 1));
    sim.runToIdle();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    const f = seen[0] as { ipv6: { hopLimit: number } };
    expect(() => {
      f.ipv6.hopLimit = 1;
    }).toThrow(TypeError);
  });
});

describe('Simulator: bad input names the thing', () => {
  const base = () => {
    const { sim } = pair();
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0' }], machine: new Scripted() });
    return sim;
  };
  const cases: [string, (sim: Simulator) => unknown, RegExp][] = [
    ['unknown node', (s) => s.node('zz'), /unknown node "zz" \(nodes: a\)/],
    ['unknown link', (s) => s.partition('wan9', ['a']), /unknown link "wan9" \(links: lan0\)/],
    ['duplicate node', (s) => s.addNode({ name: 'a', interfaces: [], machine: new Scripted() }), /duplicate node name "a"/],
    ['duplicate link', (s) => s.addLink({ name: 'lan0' }), /duplicate link name "lan0"/],
    ['node on unknown link', (s) => s.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'nope' }], machine: new Scripted() }), /node "b" interface "eth0": unknown link "nope"/],
    ['bad MAC text', (s) => s.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: '02:00:00', link: 'lan0' }], machine: new Scripted() }), /"02:00:00" is not a 6-byte MAC/],
    ['unknown interface', (s) => s.sendRaw('a', 'eth7', new Uint8Array(60)), /node "a" has no interface "eth7" \(it has: eth0\)/],
    ['raw frame over MTU', (s) => s.sendRaw('a', 'eth0', new Uint8Array(14 + 1501)), /a\/eth0: frame of 1515 bytes carries 1501 bytes of payload, over link "lan0"'s MTU of 1500/],
  ];
  for (const [name, f, re] of cases) {
    it(name, () => {
      const sim = base();
      expect(() => f(sim)).toThrow(re);
    });
  }

  it('a failed addNode leaves the topology untouched', () => {
    const sim = base();
    expect(() =>
      sim.addNode({
        name: 'b',
        interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'lan0' }, { ifname: 'eth1', mac: MAC_A, link: 'nowhere' }],
        machine: new Scripted(),
      }),
    ).toThrow(/unknown link "nowhere"/);
    expect(sim.nodes.has('b')).toBe(false);
    expect(sim.link('lan0').nicByMac(MAC_B)).toBeUndefined();
  });

  it('a machine factory that throws leaves the topology untouched', () => {
    const sim = base();
    expect(() =>
      sim.addNode({ name: 'b', interfaces: [{ ifname: 'eth0', mac: MAC_B, link: 'lan0' }], machine: () => { throw new Error('no stack'); } }),
    ).toThrow(/no stack/);
    expect(sim.nodes.has('b')).toBe(false);
    expect(sim.link('lan0').nicByMac(MAC_B)).toBeUndefined();
  });

  it('the machine factory gets the node context with its own stream', () => {
    const { sim } = pair({ seed: 5 });
    let ctxName = '';
    let draw = -1;
    sim.addNode({
      name: 'x',
      interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0' }],
      machine: (ctx) => {
        ctxName = `${ctx.name} ${ctx.interfaces.map((i) => `${i.ifname}=${i.mac}`).join()}`;
        draw = ctx.random();
        return new Scripted();
      },
    });
    expect(ctxName).toBe('x eth0=02:00:00:00:00:0a');
    expect(draw).toBe(sim.rngFor('x').next());
  });

  it('noteError records an error event without stopping the run', () => {
    const { sim, sink } = pair();
    sim.at(300, () => sim.noteError('expectation failed', 'a'), 'check');
    sim.runToIdle();
    expect(sink.ofType('error')).toEqual([{ type: 'error', time: 300, seq: 1, message: 'expectation failed', node: 'a' }]);
    expect(sink.ofType('action')[0]).toMatchObject({ time: 300, seq: 0, what: 'check' });
  });

  it('a machine sending over the MTU aborts the run with an error naming it, the event as cause', () => {
    const { sim } = pair();
    const big = new Scripted((i) => (i.kind === 'link-up' ? [{ kind: 'send', ifname: 'eth0', frame: echoFrame(A, B, 128, 1, 1500) }] : []));
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: big });
    let err: unknown;
    try {
      sim.runToIdle();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EventError);
    expect((err as Error).message).toMatch(/a\/eth0: frame of 1562 bytes carries 1548 bytes of payload, over link "lan0"'s MTU of 1500/);
    expect((err as EventError).cause.time).toBe(0);
  });

  it('a machine sending on an interface it does not have is an error naming both', () => {
    const { sim } = pair();
    const m = new Scripted((i) => (i.kind === 'link-up' ? [{ kind: 'send', ifname: 'wlan0', frame: echoFrame(A, B, 128, 1) }] : []));
    sim.addNode({ name: 'a', interfaces: [{ ifname: 'eth0', mac: MAC_A, link: 'lan0', up: true }], machine: m });
    expect(() => sim.runToIdle()).toThrow(/node "a" has no interface "wlan0"/);
  });
});
