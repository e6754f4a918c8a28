// A sink that reads only some event types (TraceSink.types) gets exactly
// those events, numbered as in the full trace; and the simulator's slab
// encoder produces the bytes src/packet's encode does.

import { describe, expect, it } from 'vitest';
import { buildSlaacBench } from '../../src/bench/slaac.ts';
import { encode } from '../../src/packet/encode.ts';
import { packetCodec, slabAlloc } from '../../src/sim/codec.ts';
import type { TraceEvent, TraceEventType } from '../../src/sim/trace.ts';

function run(types?: ReadonlySet<TraceEventType>): TraceEvent[] {
  const events: TraceEvent[] = [];
  const b = buildSlaacBench({ hosts: 12, seed: 3, staggerNs: 500_000_000 });
  b.sim.trace = types ? { types, emit: (e) => events.push(e) } : { emit: (e) => events.push(e) };
  b.sim.runUntil(12_000_000_000);
  return events;
}

describe('TraceSink.types', () => {
  const all = run();
  const wanted = new Set<TraceEventType>(['tx', 'state']);
  const some = run(wanted);

  it('delivers the wanted types only, identical to the full trace (same seq numbers)', () => {
    expect(all.some((e) => e.type === 'rx')).toBe(true);
    expect(all.some((e) => e.type === 'timer')).toBe(true);
    expect(some.length).toBeGreaterThan(0);
    expect(some.every((e) => wanted.has(e.type))).toBe(true);
    expect(some).toEqual(all.filter((e) => wanted.has(e.type)));
  });
});

describe('TraceSink.types without tx, and stateMachines', () => {
  // The benchmark's sink: no tx events (frames are counted by framesSent),
  // so frames nobody receives are never decoded; of the state events only
  // the addresses'.
  const all = run();
  const events: TraceEvent[] = [];
  const b = buildSlaacBench({ hosts: 12, seed: 3, staggerNs: 500_000_000 });
  b.sim.trace = { types: new Set<TraceEventType>(['state', 'drop']), stateMachines: new Set(['address'] as const), emit: (e) => events.push(e) };
  b.sim.runUntil(12_000_000_000);

  it('gets the same address state events, same seq, as the full trace', () => {
    const want = all.filter((e) => e.type === 'state' && e.machine === 'address');
    expect(want.length).toBeGreaterThan(24);
    expect(events.filter((e) => e.type === 'state')).toEqual(want);
    expect(events.filter((e) => e.type === 'drop')).toEqual(all.filter((e) => e.type === 'drop'));
    expect(all.some((e) => e.type === 'state' && e.machine !== 'address')).toBe(true);
  });

  it('framesSent counts every frame put on the wire, built as tx events or not', () => {
    expect(b.sim.framesSent).toBe(all.filter((e) => e.type === 'tx').length);
  });
});

describe('slab-allocated frames', () => {
  it('encode the same bytes as a fresh buffer, each frame in its own range', () => {
    const frames = run(new Set<TraceEventType>(['tx'])).flatMap((e) => (e.type === 'tx' && e.frame ? [e.frame] : []));
    expect(frames.length).toBeGreaterThan(50);
    const encoded = frames.map((f) => packetCodec.encode(f));
    frames.forEach((f, i) => expect(encoded[i]).toEqual(encode(f)));
    // Writing into one frame leaves the others alone.
    const before = encoded.map((b) => b.slice());
    encoded[0].fill(0xee);
    for (let i = 1; i < encoded.length; i++) expect(encoded[i]).toEqual(before[i]);
  });

  it('gives zeroed memory, and big frames a buffer of their own', () => {
    const a = slabAlloc(100);
    expect([...a].every((x) => x === 0)).toBe(true);
    const big = slabAlloc(9000);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(9000);
  });
});
