// Terminal UI speed on a large run: how long the up-front recording takes
// (and that it yields to the event loop in short chunks, so the progress bar
// keeps drawing), then how long a keypress takes from the model's change to
// Ink's finished frame, stepping forward and back and switching panes, at
// 80×24 and 200×50. The goal: under 50 ms a keypress on 1,000 hosts.
//
// Ink draws into a fake terminal of the measured size, unthrottled (as
// ink-testing-library does, whose fake stdout is always 100 columns wide:
// at 200×50 Ink would squeeze the panes into 100 columns and truncate every
// line, work a real terminal never sees).
//
//   node --max-semi-space-size=64 bin/run-ts.mjs bench/tui.ts [SCENARIO] [--keys N] [--only 200x50] [--uncached-ink]
//
// `ndsim run` starts the UI with --max-semi-space-size=64 and with Ink's
// text measuring cached (src/cli/tui-process.ts): run the bench the same way
// to measure what a user gets; --uncached-ink measures Ink as it ships.
//
// Without SCENARIO it uses scenarios/storm-1000.yaml, or generates a
// 1,000-host boot storm when that file is missing. A benchmark, not a test:
// it prints numbers and never fails on them.

import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import type { Timers } from '../src/tui/model.ts';

// React as `ndsim run` loads it (src/cli/run.ts): the production build.
process.env.NODE_ENV ??= 'production';
if (!process.argv.includes('--uncached-ink')) (await import('../src/cli/tui-process.ts')).registerInkShims();
const React = (await import('react')).default;
const { render: inkRender } = await import('ink');
const { parseScenario } = await import('../src/scenario/load.ts');
const { App } = await import('../src/tui/components/App.tsx');
const { TuiModel } = await import('../src/tui/model.ts');

const args = process.argv.slice(2);
const keysAt = args.indexOf('--keys');
const KEYS = keysAt >= 0 ? Number(args[keysAt + 1]) : 300;
// --only COLSxROWS: one screen size (profiling one case).
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
const file = args.find((a, i) => !a.startsWith('--') && i !== keysAt + 1 && i !== onlyAt + 1) ?? 'scenarios/storm-1000.yaml';

function generated(hosts: number): string {
  const lines = [
    `name: "Generated boot storm: ${hosts} hosts"`,
    'seed: 7',
    'until: 15s',
    'links: [{ name: lan0 }]',
    'nodes:',
    '  - { name: R, role: router, mac: "00:00:5e:00:53:01", link: lan0, radvd: { MaxRtrAdvInterval: 600, AdvRASolicitedUnicast: false, prefixes: [{ prefix: "2001:db8::/64" }] } }',
  ];
  for (let i = 1; i <= hosts; i++) {
    const mac = `02:00:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`;
    lines.push(`  - { name: h${i}, role: host, mac: "${mac}", link: lan0 }`);
  }
  lines.push('timeline:', '  - { at: 0s, do: link-up, node: R }');
  for (let i = 1; i <= hosts; i++) lines.push(`  - { at: 5s, do: link-up, node: h${i} }`);
  return lines.join('\n') + '\n';
}

const text = existsSync(file) ? readFileSync(file, 'utf8') : generated(1000);
const parsed = parseScenario(text, existsSync(file) ? file : 'generated.yaml');
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
const scenario = parsed.scenario;

const noTimers: Timers = { setInterval: () => 0, clearInterval: () => {} };
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (xs: number[]) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} keys)`;

// ----------------------------------------------------------- recording
const model = new TuiModel({ scenario, text, timers: noTimers });
let lastTick = performance.now();
let longestGap = 0;
let chunks = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  longestGap = Math.max(longestGap, now - lastTick);
  lastTick = now;
}, 5);
const t0 = performance.now();
model.subscribe(() => chunks++);
await model.load();
clearInterval(ticker);
const rec = model.recording;
console.log(`${scenario.name}: ${scenario.nodes.length} nodes, ${rec.events.length} events, ${rec.steps.length} steps, ${rec.frames.length - 1} frames`);
console.log(`recording: ${(performance.now() - t0).toFixed(0)} ms in ${chunks} updates; the event loop was never blocked longer than ${longestGap.toFixed(0)} ms`);

// ------------------------------------------------------------ keypresses
/** A terminal of `columns` × `rows` that keeps every frame written to it. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string) => this.frames.push(frame) > 0;
}
class FakeKeyboard extends EventEmitter {
  readonly isTTY = true;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => null;
}
function render(tree: React.ReactElement, columns: number, rows: number) {
  const stdout = new FakeTerminal(columns, rows);
  const stdin = new FakeKeyboard();
  const app = inkRender(tree, { stdout: stdout as never, stderr: new FakeTerminal(columns, rows) as never, stdin: stdin as never, debug: true, exitOnCtrlC: false, patchConsole: false });
  return { frames: stdout.frames, unmount: app.unmount };
}

/** Wall time is what a person waits; CPU time is what the keypress costs,
 *  and does not grow when other processes share the machine. */
async function frameAfter(ui: ReturnType<typeof render>, act: () => void): Promise<{ wall: number; cpu: number }> {
  const before = ui.frames.length;
  const start = performance.now();
  const c0 = process.cpuUsage();
  act();
  for (let i = 0; i < 1000 && ui.frames.length === before; i++) await new Promise((r) => setImmediate(r));
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - start, cpu: (c.user + c.system) / 1000 };
}

// Jumps with `g`: the first five as before, then fifteen more spread over the run.
const jumps = [6e9, 9e9, 12e9, 5.5e9, rec.until];
for (let i = 0; i < 15; i++) jumps.push(5e9 + Math.round((((i * 7) % 15) / 15) * (rec.until - 5e9)));

for (const [columns, rows] of [
  [80, 24],
  [200, 50],
]) {
  if (only && only !== `${columns}x${rows}`) continue;
  model.gotoTime(5e9);
  const ui = render(React.createElement(App, { model, size: { columns, rows } }), columns, rows);
  await frameAfter(ui, () => model.next());
  const keys: [string, (() => void)[]][] = [
    ['→ next', Array.from({ length: KEYS }, () => () => model.next())],
    ['← prev', Array.from({ length: KEYS / 3 }, () => () => model.prev())],
    ['Tab   ', Array.from({ length: 20 }, () => () => model.focusNext())],
    ['g time', jumps.map((t) => () => model.gotoTime(t))],
  ];
  const allCpu: number[] = [];
  for (const [name, acts] of keys) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const act of acts) {
      const m = await frameAfter(ui, act);
      wall.push(m.wall);
      cpu.push(m.cpu);
    }
    allCpu.push(...cpu);
    console.log(`${columns}×${rows}  ${name}: ${fmt(wall)}; CPU p50 ${pct(cpu, 0.5).toFixed(1)}, p95 ${pct(cpu, 0.95).toFixed(1)} ms`);
  }
  console.log(`${columns}×${rows}  CPU time of all those keys: ${fmt(allCpu)}`);
  ui.unmount();
}
const f0 = performance.now();
model.setFilter('h500');
console.log(`filter "h500": ${(performance.now() - f0).toFixed(1)} ms → ${model.getState().visible.length} frames`);
model.dispose();
process.exit(0);
