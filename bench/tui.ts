// Terminal UI speed on a large run: how long the up-front recording takes
// (and that it yields to the event loop in short chunks, so the progress bar
// keeps drawing), then how long a keypress takes from the model's change to
// Ink's finished frame, stepping forward and back and switching panes, at
// 80×24 and 200×50. The goal: under 50 ms a keypress on 1,000 hosts.
//
//   node bin/run-ts.mjs bench/tui.ts [SCENARIO] [--keys N]
//
// Without SCENARIO it uses scenarios/storm-1000.yaml, or generates a
// 1,000-host boot storm when that file is missing. A benchmark, not a test:
// it prints numbers and never fails on them.

import { existsSync, readFileSync } from 'node:fs';
import type { Timers } from '../src/tui/model.ts';

// React as `ndsim run` loads it (src/cli/run.ts): the production build.
process.env.NODE_ENV ??= 'production';
const React = (await import('react')).default;
const { render } = await import('ink-testing-library');
const { parseScenario } = await import('../src/scenario/load.ts');
const { App } = await import('../src/tui/components/App.tsx');
const { TuiModel } = await import('../src/tui/model.ts');

const args = process.argv.slice(2);
const keysAt = args.indexOf('--keys');
const KEYS = keysAt >= 0 ? Number(args[keysAt + 1]) : 300;
const file = args.find((a, i) => !a.startsWith('--') && i !== keysAt + 1) ?? 'scenarios/storm-1000.yaml';

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
/** Wall time is what a person waits; CPU time is what the keypress costs,
 *  and does not grow when other processes share the machine. */
const cpu: number[] = [];
async function frameAfter(ui: ReturnType<typeof render>, act: () => void): Promise<number> {
  const before = ui.frames.length;
  const start = performance.now();
  const c0 = process.cpuUsage();
  act();
  for (let i = 0; i < 1000 && ui.frames.length === before; i++) await new Promise((r) => setImmediate(r));
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  return performance.now() - start;
}
const cpuSince = (n: number) => fmt(cpu.slice(n));

for (const [columns, rows] of [
  [80, 24],
  [200, 50],
]) {
  model.gotoTime(5e9);
  const ui = render(React.createElement(App, { model, size: { columns, rows } }));
  await frameAfter(ui, () => model.next());
  const c0 = cpu.length;
  const fwd: number[] = [];
  const back: number[] = [];
  const panes: number[] = [];
  for (let i = 0; i < KEYS; i++) fwd.push(await frameAfter(ui, () => model.next()));
  for (let i = 0; i < KEYS / 3; i++) back.push(await frameAfter(ui, () => model.prev()));
  for (let i = 0; i < 20; i++) panes.push(await frameAfter(ui, () => model.focusNext()));
  const jump: number[] = [];
  for (const t of [6e9, 9e9, 12e9, 5.5e9, rec.until]) jump.push(await frameAfter(ui, () => model.gotoTime(t)));
  console.log(`${columns}×${rows}  → next: ${fmt(fwd)}`);
  console.log(`${columns}×${rows}  ← prev: ${fmt(back)}`);
  console.log(`${columns}×${rows}  Tab:    ${fmt(panes)}`);
  console.log(`${columns}×${rows}  g time: ${fmt(jump)}`);
  console.log(`${columns}×${rows}  CPU time of all those keys: ${cpuSince(c0)}`);
  ui.unmount();
}
const f0 = performance.now();
model.setFilter('h500');
console.log(`filter "h500": ${(performance.now() - f0).toFixed(1)} ms → ${model.getState().visible.length} frames`);
model.dispose();
process.exit(0);
