// How long the terminal UI's up-front recording (src/tui/record.ts) keeps
// the event loop busy at once. The UI records a scenario in chunks that
// yield with setImmediate so the progress bar keeps drawing; one simulator
// event can still be long (an RA to ff02::1 delivered to 1,000 hosts), and
// the table-history bookkeeping (HistoryRecorder.flush) runs inside it.
//
//   node bin/run-ts.mjs bench/record-block.ts [SCENARIO…] [--runs N]
//
// Each run is a fresh node (a cold start, as `ndsim run` is) started with
// the UI's --max-semi-space-size=64, recording through TuiModel.load() as
// the UI does. Per scenario it prints the best of N runs (default 3) of:
// - longest stretch: the longest time between two yields (from resuming
//   after a setImmediate to the next setImmediate call, or to the end);
// - total: load() from start to the adopted recording;
// - flush: time inside HistoryRecorder.flush, total and the longest call;
// - the longest simulator step of the recording (the recorder's work
//   included) and, in another fresh process, the longest step of the same
//   run with a trace sink that only keeps the events (no recorder at all).
// A benchmark, not a test: it prints numbers and never fails on them.

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const child = args.includes('--child');
const files = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
if (files.length === 0) files.push('scenarios/storm-1000.yaml', 'scenarios/router-reboot-1000.yaml');

interface Result {
  longest: number;
  total: number;
  yields: number;
  flush: number;
  flushMax: number;
  flushCalls: number;
  /** Time inside flush during the longest stretch. */
  flushInLongest: number;
  /** Garbage collection during the longest stretch, and in all. */
  gcInLongest: number;
  gc: number;
  /** The longest single simulator step of the recording (with the
   *  recorder's work inside it), and the flush time inside that step. */
  stepMax: number;
  flushInStepMax: number;
  bare: number;
}

async function measure(file: string): Promise<Result> {
  const { loadScenario } = await import('../src/scenario/load.ts');
  const { TuiModel } = await import('../src/tui/model.ts');
  const { HistoryRecorder } = await import('../src/tui/history-recorder.ts');
  const { buildRun } = await import('../src/scenario/build.ts');
  const { Simulator } = await import('../src/sim/simulator.ts');
  const r = await loadScenario(file);
  if (!r.ok) throw new Error(`${file}: ${r.errors[0].message}`);
  const scenario = r.scenario;

  // Time inside flush.
  let flush = 0;
  let flushMax = 0;
  let flushCalls = 0;
  let flushHere = 0;
  let flushInLongest = 0;
  const orig = HistoryRecorder.prototype.flush;
  HistoryRecorder.prototype.flush = function (this: InstanceType<typeof HistoryRecorder>, seq: number) {
    const t = performance.now();
    orig.call(this, seq);
    const d = performance.now() - t;
    flush += d;
    flushHere += d;
    flushCalls++;
    if (d > flushMax) flushMax = d;
  };

  // The longest simulator step.
  let stepMax = 0;
  let flushInStepMax = 0;
  const origStep = Simulator.prototype.step;
  Simulator.prototype.step = function (this: InstanceType<typeof Simulator>) {
    const f0 = flush;
    const t = performance.now();
    const r = origStep.call(this);
    const d = performance.now() - t;
    if (d > stepMax) {
      stepMax = d;
      flushInStepMax = flush - f0;
    }
    return r;
  };

  // Stretches between yields: record.ts yields with the global setImmediate.
  let longest = 0;
  let yields = 0;
  let resumed = 0;
  const realSetImmediate = globalThis.setImmediate;
  let window = [0, 0];
  const endStretch = () => {
    const now = performance.now();
    const d = now - resumed;
    if (d > longest) {
      longest = d;
      flushInLongest = flushHere;
      window = [resumed, now];
    }
  };
  const gcs: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver((list) => void gcs.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });
  globalThis.setImmediate = ((fn: (...a: unknown[]) => void, ...rest: unknown[]) => {
    endStretch();
    yields++;
    return realSetImmediate(() => {
      resumed = performance.now();
      flushHere = 0;
      fn(...rest);
    });
  }) as typeof setImmediate;

  const model = new TuiModel({ scenario, text: '', timers: { setInterval: () => 0, clearInterval: () => {} } });
  const t0 = performance.now();
  resumed = t0;
  await model.load();
  const end = performance.now();
  endStretch();
  globalThis.setImmediate = realSetImmediate;
  HistoryRecorder.prototype.flush = orig;
  Simulator.prototype.step = origStep;
  if (!model.getState().rec) throw new Error('nothing recorded');
  await new Promise((resolve) => setTimeout(resolve, 10));
  gcObserver.disconnect();
  const gcIn = (a: number, b: number) => gcs.filter((e) => e.startTime >= a && e.startTime < b).reduce((n, e) => n + e.duration, 0);
  const gcInLongest = gcIn(window[0], window[1]);
  const gc = gcIn(t0, end);

  return { longest, total: end - t0, yields, flush, flushMax, flushCalls, flushInLongest, gcInLongest, gc, stepMax, flushInStepMax, bare: 0 };
}

/** The longest simulator event of the same run without the recorder: a
 *  trace sink that only keeps the events (a cold process too). */
async function bare(file: string): Promise<number> {
  const { loadScenario } = await import('../src/scenario/load.ts');
  const { buildRun } = await import('../src/scenario/build.ts');
  const r = await loadScenario(file);
  if (!r.ok) throw new Error(`${file}: ${r.errors[0].message}`);
  const events: unknown[] = [];
  const built = buildRun(r.scenario, { trace: { emit: (ev) => void events.push(ev) } });
  let longest = 0;
  while (built.sim.scheduler.peek() <= r.scenario.until) {
    const t = performance.now();
    built.sim.step();
    longest = Math.max(longest, performance.now() - t);
  }
  return longest;
}

if (child) {
  console.log(JSON.stringify(args.includes('--bare') ? { bare: await bare(files[0]) } : await measure(files[0])));
} else {
  const self = fileURLToPath(import.meta.url);
  const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const file of files) {
    const results: Result[] = [];
    for (let i = 0; i < RUNS; i++) {
      const p = spawnSync(process.execPath, ['--max-semi-space-size=64', runTs, self, file, '--child'], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${file}: ${p.stderr}`);
      const result = JSON.parse(p.stdout.trim().split('\n').pop()!) as Result;
      const q = spawnSync(process.execPath, ['--max-semi-space-size=64', runTs, self, file, '--child', '--bare'], { encoding: 'utf8' });
      if (q.status !== 0) throw new Error(`${file}: ${q.stderr}`);
      result.bare = (JSON.parse(q.stdout.trim().split('\n').pop()!) as { bare: number }).bare;
      results.push(result);
    }
    const best = (k: keyof Result) => Math.min(...results.map((x) => x[k]));
    const all = (k: keyof Result) => results.map((x) => x[k].toFixed(0)).join('/');
    console.log(`${file} (best of ${RUNS}; all runs)`);
    console.log(`  longest stretch between yields: ${ms(best('longest'))} (${all('longest')}), of which flush ${all('flushInLongest')} ms, GC ${all('gcInLongest')} ms`);
    console.log(`  total recording (load):         ${ms(best('total'))} (${all('total')}), ${results[0].yields} yields, GC ${all('gc')} ms`);
    console.log(`  inside HistoryRecorder.flush:   ${ms(best('flush'))} (${all('flush')}) in ${results[0].flushCalls} calls, longest call ${ms(best('flushMax'))} (${all('flushMax')})`);
    console.log(`  longest simulator step recorded: ${ms(best('stepMax'))} (${all('stepMax')}), of which flush ${all('flushInStepMax')} ms`);
    console.log(`  longest bare simulator event:   ${ms(best('bare'))} (${all('bare')})`);
  }
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
