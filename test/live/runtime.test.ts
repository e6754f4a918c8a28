// The real-time driver against a fake capture and fake timers: simulated
// nodes send through capture.send() only when allowed, frames from the
// "real" link reach the simulated NICs whose filter accepts them, our own
// frames coming back are ignored, and timers fire on the capture clock.
// The real link (kernel, radvd) is in live-netns.test.ts.

import { describe, expect, it } from 'vitest';
import { RealtimeRuntime, type Timers } from '../../src/live/runtime.ts';
import { sendWarnings } from '../../src/cli/live.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { ArraySink } from '../../src/sim/trace.ts';
import { decode } from '../../src/packet/decode.ts';
import { encode } from '../../src/packet/encode.ts';
import { icmpv6Frame } from '../../src/packet/build.ts';
import { linkLocalFromMac } from '../../src/packet/address.ts';

const EPOCH = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;
const KERNEL = '02:00:5e:00:53:0b';

function scenario(yaml: string): Scenario {
  const r = parseScenario(yaml, 'test.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

const ROUTER = scenario(`
name: a simulated router
links: [{ name: lan0 }]
nodes:
  - name: r1
    role: router
    mac: "02:00:5e:00:53:01"
    link: lan0
    radvd: { MinRtrAdvInterval: 3, MaxRtrAdvInterval: 4, AdvDefaultPreference: high, prefixes: [{ prefix: "2001:db8:77::/64" }] }
timeline:
  - { at: 0s, do: link-up, node: r1 }
`);

const HOST = scenario(`
name: a simulated host
links: [{ name: lan0 }]
nodes:
  - { name: h1, role: host, mac: "02:00:5e:00:53:02", link: lan0 }
timeline:
  - { at: 0s, do: link-up, node: h1 }
`);

/** A capture clock, timers that fire when the clock is advanced past them,
 *  and a record of what was sent. */
function fakeLink() {
  let clock = EPOCH;
  const sent: Uint8Array[] = [];
  let next = 1;
  const pending = new Map<number, { fn: () => void; due: bigint }>();
  const timers: Timers = {
    set: (fn, ms) => {
      const id = next++;
      pending.set(id, { fn, due: clock + BigInt(Math.ceil(ms)) * MS });
      return id;
    },
    clear: (id) => pending.delete(id as number),
  };
  const capture = { iface: 'veth-fake', now: () => clock, send: (f: Uint8Array) => void sent.push(f.slice()) };
  return {
    capture,
    timers,
    sent,
    now: () => clock,
    armed: () => pending.size,
    /** Moves the clock to `ms` after the epoch start, firing due timers in order. */
    advance(ms: number): void {
      const to = EPOCH + BigInt(ms) * MS;
      for (;;) {
        let first: [number, { fn: () => void; due: bigint }] | null = null;
        for (const e of pending) if (e[1].due <= to && (first === null || e[1].due < first[1].due)) first = e;
        if (first === null) break;
        pending.delete(first[0]);
        clock = first[1].due;
        first[1].fn();
      }
      clock = to;
    },
  };
}

const types = (frames: Uint8Array[]): number[] => frames.map((b) => decode(b).frame?.ipv6?.icmpv6?.type ?? -1);

describe('RealtimeRuntime', () => {
  it('sends the simulated router’s RAs through the capture, on the capture clock', () => {
    const link = fakeLink();
    const trace = new ArraySink();
    const rt = new RealtimeRuntime({ scenario: ROUTER, capture: link.capture, allowSend: true, trace, timers: link.timers });
    rt.start();
    link.advance(10_000);
    const ras = link.sent.map((b) => decode(b).frame!).filter((f) => f.ipv6?.icmpv6?.type === 134);
    expect(ras.length).toBeGreaterThanOrEqual(2);
    const ra = ras[0].ipv6!.icmpv6 as Extract<NonNullable<NonNullable<(typeof ras)[0]['ipv6']>['icmpv6']>, { type: 134 }>;
    expect(ra.flags.prf).toBe('high');
    expect(ra.options.some((o) => o.type === 3 && 'prefix' in o && o.prefix === '2001:db8:77::')).toBe(true);
    // Every frame the trace shows as sent by r1 on lan0 went out, and in order.
    const tx = trace.ofType('tx').filter((e) => e.node === 'r1');
    expect(tx.map((e) => Buffer.from(e.bytes).toString('hex'))).toEqual(link.sent.map((b) => Buffer.from(b).toString('hex')));
    // Virtual time is the capture clock's elapsed time: nothing happened after 10 s.
    expect(Math.max(...trace.events.map((e) => e.time))).toBeLessThanOrEqual(10_000_000_000);
    expect(rt.stats).toMatchObject({ transmitted: tx.length, sent: tx.length });
    rt.stop();
  });

  it('without allowSend nothing is transmitted, yet the nodes run and the trace shows what they would send', () => {
    const link = fakeLink();
    const trace = new ArraySink();
    const rt = new RealtimeRuntime({ scenario: ROUTER, capture: link.capture, allowSend: false, trace, timers: link.timers });
    rt.start();
    link.advance(10_000);
    expect(link.sent).toEqual([]);
    expect(types(trace.ofType('tx').map((e) => e.bytes))).toContain(134);
    expect(rt.stats.sent).toBe(0);
    rt.stop();
  });

  it('a real station’s NA for the address a simulated host is probing makes DAD fail', () => {
    const link = fakeLink();
    const trace = new ArraySink();
    const rt = new RealtimeRuntime({ scenario: HOST, capture: link.capture, allowSend: true, trace, timers: link.timers });
    rt.start();
    const ll = linkLocalFromMac('02:00:5e:00:53:02');
    // Wait for the host's DAD probe to go out.
    for (let t = 0; t < 3000 && !link.sent.some((b) => decode(b).frame?.ipv6?.src === '::' && decode(b).frame?.ipv6?.icmpv6?.type === 135); t += 10) link.advance(t);
    const probeAt = link.now();
    expect(types(link.sent)).toContain(135);
    const na = encode(
      icmpv6Frame(KERNEL, ll, 'ff02::1', { type: 136, code: 0, flags: { R: false, S: false, O: true }, target: ll, options: [{ type: 2, lladdr: KERNEL }] }),
    );
    rt.receive({ data: na, timestampNs: probeAt + 5n * MS, truncated: false });
    link.advance(Number((probeAt - EPOCH) / MS) + 3000);
    const states = trace.ofType('state').filter((e) => e.node === 'h1' && e.machine === 'address' && e.key === ll);
    expect(states.map((s) => s.to)).toContain('duplicate');
    expect(states.some((s) => s.to === 'preferred')).toBe(false);
    // The real frame is in the trace, sent by the wire node named after the interface.
    expect(trace.ofType('tx').some((e) => e.node === 'veth-fake' && e.ifname === 'wire')).toBe(true);
    // …and the wire node's bookkeeping is not.
    expect(trace.ofType('action').filter((e) => e.node === 'veth-fake')).toEqual([]);
    rt.stop();
  });

  it('ignores our own frames seen again, and frames for other stations’ unicast MACs reach no simulated node', () => {
    const link = fakeLink();
    const trace = new ArraySink();
    const rt = new RealtimeRuntime({ scenario: HOST, capture: link.capture, allowSend: true, trace, timers: link.timers });
    rt.start();
    link.advance(2000);
    const echo = (srcMac: string, dstMac: string) =>
      encode(icmpv6Frame(srcMac, 'fe80::1', 'fe80::2', { type: 128, code: 0, identifier: 1, sequence: 1, data: new Uint8Array(0) }, { dstMac }));
    rt.receive({ data: echo('02:00:5e:00:53:02', KERNEL), timestampNs: link.now(), truncated: false });
    expect(rt.stats).toMatchObject({ captured: 1, own: 1 });
    const rxH1 = () => trace.ofType('rx').filter((e) => e.node === 'h1').length;
    const before = rxH1();
    rt.receive({ data: echo(KERNEL, '02:00:5e:00:53:99'), timestampNs: link.now(), truncated: false });
    expect(rxH1()).toBe(before);
    rt.receive({ data: echo(KERNEL, '02:00:5e:00:53:02'), timestampNs: link.now(), truncated: false });
    expect(rxH1()).toBe(before + 1);
    expect(rt.stats).toMatchObject({ captured: 3, own: 1 });
    rt.stop();
  });

  it('stop() leaves no timer armed and ignores later frames', () => {
    const link = fakeLink();
    const rt = new RealtimeRuntime({ scenario: ROUTER, capture: link.capture, allowSend: true, trace: new ArraySink(), timers: link.timers });
    rt.start();
    link.advance(1000);
    expect(link.armed()).toBe(1);
    rt.stop();
    expect(link.armed()).toBe(0);
    rt.receive({ data: link.sent[0], timestampNs: link.now(), truncated: false });
    expect(rt.stats.captured).toBe(0);
    const n = link.sent.length;
    link.advance(20_000);
    expect(link.sent.length).toBe(n);
  });

  it('warns what each node will send on the real interface', () => {
    expect(sendWarnings(ROUTER, 'lan0', 'veth0')).toEqual([
      'r1 will send Router Advertisements for 2001:db8:77::/64 on veth0: real hosts on this link will configure addresses and routes from them and use it as a default router',
    ]);
    expect(sendWarnings(HOST, 'lan0', 'veth0')[0]).toMatch(/^h1 will send DAD probes, Router Solicitations and MLD reports on veth0 as 02:00:5e:00:53:02/);
  });
});
