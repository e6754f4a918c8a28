// The recording that makes stepping back instant: the tables rebuilt from
// recorded deltas print exactly what the live stacks print at that time.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/scenario/run.ts';
import { ipAddrShow, ipNeighShow, ipRouteShow } from '../../src/stack/show.ts';
import { showFromState } from '../../src/tui/node-history.ts';
import { record, recordSync } from '../../src/tui/record.ts';
import type { Scenario } from '../../src/scenario/types.ts';

async function load(file: string): Promise<Scenario> {
  const r = await loadScenario(file);
  if (!r.ok) throw new Error(`${file}: ${r.errors[0].message}`);
  return r.scenario;
}

const SHOW = [
  ['addr', ipAddrShow],
  ['neigh', ipNeighShow],
  ['route', ipRouteShow],
] as const;

describe('recorded node tables', () => {
  for (const file of ['scenarios/seed-slaac.yaml', 'scenarios/seed-address-resolution.yaml', 'scenarios/stable-privacy.yaml', 'scenarios/na-spoofing.yaml', 'scenarios/redirect.yaml', 'scenarios/prefix-lifetimes.yaml', 'scenarios/nud-unreachable.yaml']) {
    it(`${file}: ip -6 addr/neigh/route from the recording equal the live stacks' at several times`, async () => {
      const s = await load(file);
      const rec = recordSync(s);
      const times = [1, 3.5, 5.3, 9, 20, 40].map((x) => x * 1e9).filter((t) => t < rec.until);
      times.push(rec.until);
      for (const t of times) {
        const live = runScenario(s, { until: t, checkExpectations: false });
        let k = rec.events.length - 1;
        while (k >= 0 && rec.events[k].time > t) k--;
        for (const [name, stack] of live.stacks) {
          const state = rec.histories.get(name)!.at(k);
          for (const [what, show] of SHOW) expect(showFromState(state, what, t), `${name} ${what} at ${t / 1e9}s`).toBe(show(stack, t));
        }
      }
    });
  }

  it('numbers events by seq and lists receivers from rx events (multicast reaches group members only)', async () => {
    const rec = recordSync(await load('scenarios/seed-slaac.yaml'));
    rec.events.forEach((e, i) => expect(e.seq).toBe(i));
    const byType = (t: number) => rec.frames.filter((f) => f?.frame?.ipv6?.icmpv6?.type === t);
    // A's RS goes to all-routers: B receives it. A's DAD probe goes to A's own
    // solicited-node group, which B has not joined: nobody receives it.
    const rs = byType(133)[0];
    expect(rec.receivers.get(rs.frameId)).toEqual(['B']);
    const dad = byType(135).find((f) => f.node === 'A')!;
    expect(rec.receivers.get(dad.frameId)).toBeUndefined();
    const rx = rec.events.filter((e) => e.type === 'rx' && e.frameId === rs.frameId).map((e) => (e.type === 'rx' ? e.node : ''));
    expect(rx).toEqual(['B']);
  });

  it('recording in chunks gives the same events as recording at once, and reports progress', async () => {
    const s = await load('scenarios/seed-address-resolution.yaml');
    const progress: number[] = [];
    const chunked = await record(s, { chunkMs: 0, batch: 4, onProgress: (p) => progress.push(p) });
    const once = recordSync(s);
    expect(chunked!.events.map((e) => [e.type, e.time])).toEqual(once.events.map((e) => [e.type, e.time]));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('a cancelled recording stops and returns null', async () => {
    const s = await load('scenarios/seed-slaac.yaml');
    expect(await record(s, { chunkMs: 0, batch: 4, cancelled: () => true })).toBeNull();
  });
});
