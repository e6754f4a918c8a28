// Runs a scenario to its end (or a given time), checking its expectations:
// `at` checks see the state after every event at that instant; `eventually
// before` checks are re-evaluated after each event until they hold or their
// deadline passes; `end` checks run at the end.

import type { Nanos } from '../nd/machine.ts';
import { TeeSink, type TraceEvent, type TraceSink } from '../sim/trace.ts';
import { buildRun, type BuiltRun } from './build.ts';
import { evaluate, type ExpectationResult, type SentFrame } from './expectations.ts';
import type { Expectation, Scenario } from './types.ts';

export interface RunOptions {
  seed?: number;
  /** Stop here instead of the scenario's `until`. */
  until?: Nanos;
  trace?: TraceSink;
  /** Skip expectations (e.g. `ndsim run` to a time before them). */
  checkExpectations?: boolean;
}

export interface RunResult extends BuiltRun {
  results: ExpectationResult[];
  until: Nanos;
}

/** Records frames sent, for frame expectations, and notes when state moved. */
class Recorder implements TraceSink {
  readonly frames: SentFrame[] = [];
  /** A frame was sent / a machine's state moved since the last look: only
   *  frame expectations can change with the first, only the others with the
   *  second (a 1,000-host run re-checks node state only when it moved). */
  framesDirty = false;
  stateDirty = false;
  emit(ev: TraceEvent): void {
    if (ev.type === 'tx') {
      this.frames.push({ time: ev.time, node: ev.node, frame: ev.frame });
      this.framesDirty = true;
    } else if (ev.type === 'state' || ev.type === 'group') this.stateDirty = true;
  }
}

function checkTime(e: Expectation, until: Nanos): Nanos {
  if ('at' in e.when) return e.when.at;
  if ('eventually_before' in e.when) return e.when.eventually_before;
  return until;
}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunResult {
  const recorder = new Recorder();
  const trace = opts.trace ? new TeeSink(recorder, opts.trace) : recorder;
  const built = buildRun(scenario, { seed: opts.seed, trace });
  const { sim, stacks } = built;
  const until = opts.until ?? scenario.until;
  const results: ExpectationResult[] = [];
  const pending = opts.checkExpectations === false ? [] : scenario.expect.filter((e) => checkTime(e, until) <= until);
  // Fixed-time checks, in time order; ties keep file order.
  const timed = pending.filter((e) => !('eventually_before' in e.when)).sort((a, b) => checkTime(a, until) - checkTime(b, until));
  let eventually = pending.filter((e) => 'eventually_before' in e.when);
  const verdict = (e: Expectation) => ({ expectation: e, at: sim.now, ...evaluate(e, stacks, recorder.frames, sim.now) });
  const settleEventually = () => {
    const frames = recorder.framesDirty;
    const state = recorder.stateDirty;
    if ((!frames && !state) || eventually.length === 0) return;
    recorder.framesDirty = recorder.stateDirty = false;
    eventually = eventually.filter((e) => {
      if (!(e.kind === 'frame' ? frames : state)) return true;
      const v = verdict(e);
      if (v.pass) results.push(v);
      return !v.pass;
    });
  };
  let ti = 0;
  for (;;) {
    const nextCheck = Math.min(ti < timed.length ? checkTime(timed[ti], until) : Infinity, ...eventually.map((e) => checkTime(e, until)), until);
    if (eventually.length === 0) {
      sim.runUntil(nextCheck);
    } else {
      // Step event by event so an `eventually` check sees each intermediate state.
      while (sim.scheduler.peek() <= nextCheck) {
        sim.step();
        settleEventually();
      }
      sim.runUntil(nextCheck);
    }
    settleEventually();
    while (ti < timed.length && checkTime(timed[ti], until) === nextCheck) results.push(verdict(timed[ti++]));
    eventually = eventually.filter((e) => {
      if (checkTime(e, until) > nextCheck) return true;
      results.push(verdict(e));
      return false;
    });
    if (nextCheck >= until && ti >= timed.length && eventually.length === 0) break;
  }
  // Report in file order, as the teacher wrote them.
  const order = new Map(scenario.expect.map((e, i) => [e, i]));
  results.sort((a, b) => order.get(a.expectation)! - order.get(b.expectation)!);
  return { ...built, results, until };
}
