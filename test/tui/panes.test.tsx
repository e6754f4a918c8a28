// Each pane rendered alone at a fixed width with ink-testing-library.
import { describe, expect, it } from 'vitest';
import chalk from 'chalk';
import { renderToString, Text } from 'ink';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { DetailPane } from '../../src/tui/components/DetailPane.tsx';
import { LadderPane } from '../../src/tui/components/LadderPane.tsx';
import { NodesPane } from '../../src/tui/components/NodesPane.tsx';
import { fitLine, paintLine, Row } from '../../src/tui/components/StyledLine.tsx';
import { span, THEME, type Line, type StyleName } from '../../src/tui/theme.ts';
import { PacketList } from '../../src/tui/components/PacketList.tsx';
import { hexLines } from '../../src/tui/hex.ts';
import { nodeLines } from '../../src/tui/nodes-view.ts';
import { cut } from '../../src/tui/text.ts';
import { runScenario } from '../../src/scenario/run.ts';
import { ipAddrShow, ipNeighShow, ipRouteShow } from '../../src/stack/show.ts';
import { modelFor, plain } from './helpers.ts';

const W = 80;
const { model } = modelFor('scenarios/seed-slaac.yaml');
const rec = model.recording;
const cache = model.cache;
const frameOf = (type: number, node?: string) => rec.frames.find((f) => f?.frame?.ipv6?.icmpv6?.type === type && (!node || f.node === node))!;
const all = rec.frames.map((f) => f?.frameId).filter((x): x is number => !!x);

function lines(out: string | undefined): string[] {
  return plain(out).split('\n');
}

describe('PacketList', () => {
  it('one row per frame: number, time, sender → receivers, name, tcpdump summary; no line wider than the pane', () => {
    const rs = frameOf(133);
    const { lastFrame } = render(<PacketList rec={rec} cache={cache} visible={all} selected={rs.frameId} current={rs.frameId} width={W} height={20} focused />);
    const out = lines(lastFrame());
    const row = out.find((l) => l.includes('RS'))!;
    expect(row).toMatch(new RegExp(`^▶\\s+${rs.frameId}\\s+4\\.883797 A → B\\s+RS\\s+fe80::211:22ff:fe33:4455 > ff02::2:`));
    expect(out.some((l) => /DAD NS\s+:: > ff02::1:ff33:4455/.test(l))).toBe(true);
    for (const l of out) expect(stringWidth(l)).toBeLessThanOrEqual(W);
    expect(out[0]).toContain(`${all.length}/${all.length} frames`);
  });

  it('marks a frame a receiver dropped with the node and the reason', () => {
    const spoof = modelFor('scenarios/rogue-ra-guard.yaml').model;
    const r = spoof.recording;
    const [id, drops] = [...r.drops.entries()][0] ?? [];
    expect(id, 'the scenario has a dropped frame').toBeDefined();
    const { lastFrame } = render(<PacketList rec={r} cache={spoof.cache} visible={[id!]} selected={null} current={null} width={200} height={5} focused={false} />);
    expect(plain(lastFrame())).toContain(`✗ ${drops![0].node}: ${drops![0].reason}`.slice(0, 60));
  });
});

describe('LadderPane', () => {
  it('draws an arrow from the sender to the receivers of each frame, numbered', () => {
    const rs = frameOf(133);
    const ra = rec.frames.filter((f) => f?.frame?.ipv6?.icmpv6?.type === 134 && f.node === 'B').pop()!;
    const { lastFrame } = render(<LadderPane rec={rec} cache={cache} visible={all} selected={rs.frameId} width={W} height={20} focused />);
    const out = lines(lastFrame());
    const header = out[1];
    const colB = header.indexOf('B');
    const colA = header.indexOf('A');
    expect(colB).toBeGreaterThan(0);
    expect(colA).toBeGreaterThan(colB);
    const rsRow = out.find((l) => l.includes(`(${all.indexOf(rs.frameId) + 1}) RS`))!;
    // From A (●) leftwards to B (◀).
    expect(rsRow[colA]).toBe('●');
    expect(rsRow[colB]).toBe('◀');
    const raRow = out.find((l) => l.includes(`(${all.indexOf(ra.frameId) + 1}) RA`))!;
    expect(raRow[colB]).toBe('●');
    expect(raRow[colA]).toBe('▶');
  });

  it('a multicast nobody joined reaches no column', () => {
    const dad = frameOf(135, 'A');
    const { lastFrame } = render(<LadderPane rec={rec} cache={cache} visible={[dad.frameId]} selected={null} width={W} height={5} focused={false} />);
    const row = lines(lastFrame()).find((l) => l.includes('DAD NS'))!;
    expect(row).toContain('(nobody)');
    expect(row).not.toMatch(/[▶◀]/);
  });
});

describe('DetailPane', () => {
  it('shows the explanation, the field tree with the selected field, and the hex dump', () => {
    const ra = frameOf(134);
    const tree = cache.tree(ra);
    const pio = tree.findIndex((t) => t.text.startsWith('prefix info'));
    expect(pio).toBeGreaterThan(0);
    const span = tree[pio].span!;
    const { lastFrame } = render(
      <DetailPane rec={rec} cache={cache} selection={{ frameId: ra.frameId, field: pio, byteRange: [span.start, span.end] }} lang="en" width={W} height={22} focused />,
    );
    const out = plain(lastFrame());
    expect(out).toContain(`#${ra.frameId} 2.000000s B/eth0`);
    expect(out).toContain('B advertises itself to ff02::1 as a default router');
    expect(out).toContain('prefix information option (3): 2001:db8::/64');
    expect(out).toMatch(/^0000 {2}33 33 00 00 00 01 00 11 {2}22 66 77 88 86 dd 6/m);
  });

  it('Japanese explanations wrap by display width: no line wider than the pane', () => {
    const ns = frameOf(135, 'A');
    const { lastFrame } = render(<DetailPane rec={rec} cache={cache} selection={{ frameId: ns.frameId, field: 0, byteRange: null }} lang="ja" width={60} height={20} focused />);
    const out = lines(lastFrame());
    expect(out.some((l) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(l))).toBe(true);
    for (const l of out) expect(stringWidth(l)).toBeLessThanOrEqual(60);
  });

  it('the hex dump highlights exactly the bytes of the selected field', () => {
    const bytes = rec.frames[1].bytes;
    const hl = hexLines(bytes, [14, 54], 16);
    const selected = hl.flatMap((l) => l.filter((s) => s.style === 'hex-byte-selected'));
    const hexDigits = selected.map((s) => s.text).join('').replace(/[^0-9a-f]/g, '');
    // 40 bytes in hex plus their 40 ASCII characters (which may be hex letters too): count hex columns only.
    const hexPart = hl.flatMap((l) => l.slice(1).filter((s) => s.style === 'hex-byte-selected' && /^[0-9a-f ]+$/.test(s.text)));
    expect(hexPart.map((s) => s.text).join('').replace(/ /g, '').length).toBe(80);
    expect(hexDigits.length).toBeGreaterThanOrEqual(80);
  });
});

describe('NodesPane', () => {
  it('prints what ip -6 addr/neigh/route print on the live stack at the displayed time', () => {
    const h = rec.histories.get('A')!;
    const t = 7e9;
    let k = rec.events.length - 1;
    while (rec.events[k].time > t) k--;
    const { lastFrame } = render(<NodesPane node="A" state={h.at(k)} time={t} width={W} height={30} focused={false} pinned={false} />);
    const out = lines(lastFrame()).map((l) => l.trimEnd());
    const live = runScenario(rec.scenario, { until: t, checkExpectations: false }).stacks.get('A')!;
    expect(out).toContain('$ ip -6 addr');
    for (const text of [ipAddrShow(live, t), ipNeighShow(live, t), ipRouteShow(live, t)]) {
      for (const l of text.split('\n').filter(Boolean)) expect(out).toContain(cut(l, W).trimEnd());
    }
    // Lifetimes count down with the displayed time.
    const later = lines(render(<NodesPane node="A" state={h.at(k)} time={t + 5e9} width={W} height={30} focused={false} pinned={false} />).lastFrame());
    const lft = (ls: string[]) => Number(/valid_lft (\d+)sec/.exec(ls.join('\n'))![1]);
    expect(lft(out) - lft(later)).toBe(5);
  });

  it('highlights the entries that changed at the current step', () => {
    const idx = rec.events.findIndex((e) => e.type === 'state' && e.node === 'A' && e.machine === 'address' && e.to === 'preferred' && e.key.startsWith('2001:'));
    const state = rec.histories.get('A')!.at(idx, idx - 1);
    const marked = nodeLines(state, rec.events[idx].time).filter((l) => l.some((s) => s.style === 'state-changed'));
    expect(marked.map((l) => l.map((s) => s.text).join(''))).toEqual([
      expect.stringContaining('inet6 2001:db8::211:22ff:fe33:4455/64'),
      expect.stringContaining('valid_lft'),
    ]);
  });
});

describe('StyledLine', () => {
  it('a painted line is byte for byte what Ink draws for a <Text> per span, colours on', () => {
    const level = chalk.level;
    chalk.level = 3;
    try {
      const styles = Object.keys(THEME) as StyleName[];
      // Every style, next to each other, with wide characters, an empty span and a cut at the end.
      const line: Line = styles.map((st, i) => span(i % 7 === 3 ? '' : `${st}│端 `, st));
      for (const [width, fill] of [
        [300, undefined],
        [120, undefined],
        [500, 'status'],
      ] as const) {
        const ink = renderToString(
          <Text wrap="truncate">
            {fitLine(line, width, fill).map((s, i) => (
              <Text key={i} {...THEME[s.style]}>
                {s.text}
              </Text>
            ))}
          </Text>,
          { columns: width },
        );
        expect(ink).toContain('\u001B[');
        expect(renderToString(<Row text={paintLine(line, width, fill)} />, { columns: width })).toBe(ink);
      }
    } finally {
      chalk.level = level;
    }
  });
});

describe('nodeLines with a line limit', () => {
  it('lists only the first neighbours, and its first lines are those of the full listing', () => {
    let checked = 0;
    for (const file of ['scenarios/seed-address-resolution.yaml', 'scenarios/redirect.yaml', 'scenarios/nud-unreachable.yaml']) {
      const r = modelFor(file).model.recording;
      for (const h of r.histories.values()) {
        for (const seq of [Math.floor(r.events.length / 2), r.events.length - 1]) {
          const state = h.at(seq, seq - 1);
          // The most neighbours on one interface: the limit cuts each cache.
          const neighbours = Math.max(0, ...state.interfaces.map((s) => s.neighbors.size));
          if (neighbours < 2) continue;
          const t = r.events[seq].time;
          const full = nodeLines(state, t);
          for (let max = 1; max <= full.length; max++) {
            const short = nodeLines(state, t, max);
            expect(short.slice(0, max)).toEqual(full.slice(0, max));
            if (max < neighbours) expect(short.length).toBeLessThan(full.length);
          }
          checked++;
        }
      }
    }
    expect(checked, 'some node had neighbours to cut').toBeGreaterThan(0);
  });
});
