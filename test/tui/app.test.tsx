// The whole screen driven by keys, at 80×24 and 200×50.
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { App } from '../../src/tui/components/App.tsx';
import { parseScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/scenario/run.ts';
import { ipAddrShow, ipNeighShow } from '../../src/stack/show.ts';
import type { TuiModel } from '../../src/tui/model.ts';
import { explainChange } from '../../src/explain/index.ts';
import { KEY, modelFor, plain, settle, waitFor } from './helpers.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function mount(model: TuiModel, columns = 80, rows = 24) {
  const r = render(<App model={model} size={{ columns, rows }} />);
  cleanup = () => r.unmount();
  const type = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await settle(15);
    }
  };
  return { ...r, type, screen: () => plain(r.lastFrame()) };
}

describe('the screen', () => {
  it('fits 80×24 and 200×50 exactly, with every pane present on the wide screen', async () => {
    for (const [columns, rows] of [
      [80, 24],
      [200, 50],
    ]) {
      const { model } = modelFor('scenarios/seed-slaac.yaml');
      const ui = mount(model, columns, rows);
      await ui.type(KEY.right, KEY.right, KEY.right);
      const lines = (await waitFor(ui.lastFrame, (s) => s.includes(`3/${model.recording.steps.length}`), 'three steps')).split('\n');
      expect(lines.length).toBe(rows - 1);
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(columns);
      const s = lines.join('\n');
      expect(s).toContain('Packets');
      if (columns === 200) for (const pane of ['Ladder', 'Detail', 'Node B']) expect(s).toContain(pane);
      ui.unmount();
    }
  });

  it('→ steps forward and ← back through events; the time follows', async () => {
    const { model } = modelFor('scenarios/seed-slaac.yaml');
    const ui = mount(model);
    const rec = model.recording;
    const steps = rec.steps.length;
    await ui.type(KEY.right, 'n', KEY.right, KEY.right);
    let s = await waitFor(ui.lastFrame, (x) => x.includes(`4/${steps}`), 'step 4');
    expect(s).toContain(`t=${(rec.events[rec.steps[3]].time / 1e9).toFixed(6)}s`);
    await ui.type(KEY.left, 'p');
    s = await waitFor(ui.lastFrame, (x) => x.includes(`2/${steps}`), 'step 2');
    expect(model.getState().cursor).toBe(1);
    // Far forward, then the first RS is the selected frame once reached.
    const rsStep = rec.steps.findIndex((i) => rec.events[i].type === 'tx' && (rec.events[i] as { frame: { ipv6?: { icmpv6?: { type: number } } } }).frame.ipv6?.icmpv6?.type === 133);
    await ui.type(...Array(rsStep - 1).fill(KEY.right));
    s = await waitFor(ui.lastFrame, (x) => x.includes(`${rsStep + 1}/${steps}`), 'the RS step');
    expect(s).toMatch(/▶\s+\d+\s+4\.883797 A → B\s+RS/);
    expect(s).toContain('A asks the routers on the link to advertise now');
  });

  it('/ filters the packet list by message type and by node', async () => {
    const { model } = modelFor('scenarios/seed-slaac.yaml');
    const ui = mount(model);
    const frames = model.recording.frames.filter((f) => f != null).length;
    await ui.type('/', 'r', 's', KEY.enter);
    let s = await waitFor(ui.lastFrame, (x) => x.includes(`1/${frames} frames`), 'the rs filter');
    expect(s.split('\n').filter((l) => /^\S?\s+\d+\s+\d+\.\d{6} /.test(l))).toHaveLength(1);
    await ui.type('/', ...Array(4).fill('\u007f'), 'A', ' ', '!', 'm', 'l', 'd', KEY.enter);
    s = await waitFor(ui.lastFrame, (x) => x.includes('/A !mld'), 'the A !mld filter');
    // The seminar slide's four frames: DAD, RS, RA, DAD.
    const names = s.split('\n').filter((l) => /^\S?\s+\d+\s+\d+\.\d{6} /.test(l)).map((l) => /(DAD NS|RS|RA|NS|NA)\s/.exec(l.slice(30))?.[1]);
    expect(names).toEqual(['DAD NS', 'RS', 'RA', 'DAD NS']);
    // Stepping now skips what the filter hides.
    await ui.type(KEY.right);
    await waitFor(ui.lastFrame, (x) => x.includes('t=3.'), 'the first of A\'s events');
  });

  it('Tab moves between panes and ↑/↓ in the detail pane selects a field', async () => {
    const { model } = modelFor('scenarios/seed-slaac.yaml');
    const ui = mount(model);
    await ui.type(KEY.right, KEY.right, KEY.right, KEY.right, KEY.right, KEY.right);
    await ui.type(KEY.tab);
    await waitFor(ui.lastFrame, (x) => x.includes('▌Ladder'), 'the ladder pane');
    await ui.type(KEY.tab);
    await waitFor(ui.lastFrame, (x) => x.includes('▌Detail'), 'the detail pane');
    await ui.type(KEY.down);
    expect(model.getState().selection.field).toBe(1);
    expect(model.getState().selection.byteRange).toEqual([14, 54]);
    await ui.type(KEY.tab);
    await waitFor(ui.lastFrame, (x) => x.includes('$ ip -6 addr'), 'the nodes pane');
  });

  it('? shows the keys and any key closes the help', async () => {
    const { model } = modelFor('scenarios/seed-slaac.yaml');
    const ui = mount(model);
    await ui.type('?');
    await waitFor(ui.lastFrame, (x) => x.includes('Keys') && x.includes('play / pause'), 'help');
    await ui.type('x');
    await waitFor(ui.lastFrame, (x) => x.includes('Packets'), 'the panes again');
  });

  it('Space plays in virtual time at the chosen speed; + and - change it', async () => {
    const { model, timers } = modelFor('scenarios/seed-slaac.yaml');
    const ui = mount(model);
    await ui.type('+', '+');
    expect(model.getState().speed).toBe(5);
    await ui.type(' ');
    expect(model.getState().playing).toBe(true);
    timers.fire(4); // 4 ticks × 50 ms × 5 = 1 s of virtual time
    expect(model.getState().time).toBe(1e9);
    const rec = model.recording;
    expect(rec.events[rec.steps[model.getState().cursor]].time).toBeLessThanOrEqual(1e9);
    await waitFor(ui.lastFrame, (x) => x.includes('▶ 5×') && x.includes('t=1.000000s'), 'playing at 5×');
    await ui.type(' ');
    expect(model.getState().playing).toBe(false);
    expect(timers.fns.size).toBe(0);
  });
});

describe('the console', () => {
  it('a ip -6 addr / neigh print exactly what the live node prints at that time', async () => {
    const { model } = modelFor('scenarios/seed-address-resolution.yaml');
    const ui = mount(model, 120, 40);
    const t = model.recording.until;
    model.gotoTime(t);
    await ui.type(':', ...'A ip -6 addr', KEY.enter);
    await waitFor(ui.lastFrame, (x) => x.includes('Console'), 'the console');
    await ui.type(':', ...'A ip -6 neigh', KEY.enter);
    await settle(50);
    const live = runScenario(model.recording.scenario, { until: t, checkExpectations: false }).stacks.get('A')!;
    const lines = model.getState().consoleLines;
    const addrAt = lines.indexOf('A$ ip -6 addr');
    const neighAt = lines.indexOf('A$ ip -6 neigh');
    expect(lines.slice(addrAt + 1, neighAt).join('\n') + '\n').toBe(ipAddrShow(live, t));
    expect(lines.slice(neighAt + 1).join('\n') + '\n').toBe(ipNeighShow(live, t));
    const s = await waitFor(ui.lastFrame, (x) => x.includes('lladdr 00:11:22:66:77:88'), 'the neighbour line');
    expect(s).toContain('2001:db8::211:22ff:fe66:7788 dev eth0 lladdr 00:11:22:66:77:88');
  });

  it('an action enters the timeline at the displayed time, the run is recorded again, and w saves it', async () => {
    const { model } = modelFor('scenarios/seed-address-resolution.yaml');
    const before = model.recording.frames.length;
    model.gotoTime(4e9);
    await model.runConsole('A ping6 -c 2 2001:db8::211:22ff:fe66:7788');
    const rec = model.recording;
    const echoes = rec.frames.filter((f) => f?.frame?.ipv6?.icmpv6?.type === 128 && f.node === 'A' && f.time >= 4e9);
    expect(echoes).toHaveLength(2);
    expect(rec.frames.length).toBeGreaterThan(before);
    const out = model.getState().consoleLines.join('\n');
    expect(out).toContain('PING 2001:db8::211:22ff:fe66:7788(2001:db8::211:22ff:fe66:7788) 56 data bytes');
    expect(out).toMatch(/64 bytes from 2001:db8::211:22ff:fe66:7788: icmp_seq=1 ttl=64 time=[\d.]+ ms/);
    // The cursor stayed where it was.
    expect(model.getState().time).toBe(4e9);

    await model.runConsole('B ip link set eth0 down');
    const file = join(mkdtempSync(join(tmpdir(), 'ndsim-tui-')), 'lesson.yaml');
    await model.runConsole(`w ${file}`);
    const saved = parseScenario(readFileSync(file, 'utf8'), file);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const added = saved.scenario.timeline.filter((a) => a.at === 4e9);
    expect(added.map((a) => a.do)).toEqual(['ping', 'link-down']);
    // Same file, same run: the saved scenario replays what the UI showed.
    const again = runScenario(saved.scenario, { checkExpectations: false });
    expect(again.sim.now).toBe(rec.until);
  });

  it('a command the scenario language rejects says why and changes nothing', async () => {
    const { model } = modelFor('scenarios/seed-slaac.yaml');
    const text = model.scenarioText;
    await model.runConsole('A ip link set eth9 down');
    expect(model.scenarioText).toBe(text);
    expect(model.getState().consoleLines.join('\n')).toMatch(/eth9/);
    await model.runConsole('Z ip -6 addr');
    expect(model.getState().consoleLines.at(-1)).toMatch(/no node "Z"/);
  });
});

describe('the quiz', () => {
  it('stops before an address change or ND frame, asks with the right explanation among the choices, scores and goes on', async () => {
    const { model } = modelFor('scenarios/seed-slaac.yaml', { quiz: true });
    const ui = mount(model, 100, 30);
    const rec = model.recording;
    // Step until a question appears.
    for (let i = 0; i < 40 && !model.getState().quiz.current; i++) await ui.type(KEY.right);
    const q = model.getState().quiz.current!;
    expect(q).not.toBeNull();
    const ev = rec.events[rec.steps[q.step]];
    expect(model.getState().cursor).toBeLessThan(q.step);
    const right = ev.type === 'tx' ? model.cache.explain(ev, 'en')!.text : ev.type === 'state' ? explainChange(ev, { node: ev.node, now: ev.time }, 'en').text : '';
    expect(right).not.toBe('');
    expect(q.options[q.answer]).toBe(right);
    expect(q.options.length).toBeGreaterThanOrEqual(3);
    expect(new Set(q.options).size).toBe(q.options.length);
    await waitFor(ui.lastFrame, (x) => x.includes('Quiz: what happens next?'), 'the quiz pane');
    // → does nothing until answered.
    await ui.type(KEY.right);
    expect(model.getState().cursor).toBeLessThan(q.step);
    await ui.type(String(q.answer + 1));
    await waitFor(ui.lastFrame, (x) => x.includes('Right!') && x.includes('quiz 1/1'), 'the reveal');
    await ui.type(KEY.enter);
    expect(model.getState().cursor).toBe(q.step);
    expect(model.getState().quiz.current).toBeNull();
  });

  it('a wrong answer is marked and scored', async () => {
    const { model } = modelFor('scenarios/seed-slaac.yaml', { quiz: true, lang: 'ja' });
    for (let i = 0; i < 40 && !model.getState().quiz.current; i++) model.next();
    const q = model.getState().quiz.current!;
    expect(q.prompt).toMatch(/次/);
    model.answer((q.answer + 1) % q.options.length);
    expect(model.getState().quiz).toMatchObject({ right: 0, total: 1 });
  });
});
