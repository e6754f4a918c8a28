// `ndsim run`, `ndsim check` and `ndsim show`: scenarios from the command line.

import { writeSync, openSync, closeSync } from 'node:fs';
import type { Lang } from '../explain/index.ts';
import { describeExpectation, type ExpectationResult } from '../scenario/expectations.ts';
import { runScenario } from '../scenario/run.ts';
import { ScenarioBuildError } from '../scenario/build.ts';
import type { Role, Scenario } from '../scenario/types.ts';
import { NdjsonTraceWriter } from '../output/ndjson.ts';
import { PcapngTraceWriter } from '../output/pcapng.ts';
import { TextTraceWriter } from '../output/text.ts';
import { ipAddrShow, ipNeighShow, ipRouteShow } from '../stack/show.ts';
import type { TraceSink } from '../sim/trace.ts';
import { EXIT, UserError } from './errors.ts';
import { LineWriter } from './output.ts';
import { durationArg, intArg, loadOrThrow, scenarioFiles } from './scenario-load.ts';
import { formatDuration } from '../scenario/duration.ts';

export interface RunArgs {
  file: string;
  seed?: string;
  until?: string;
  /** 'auto': the interactive view on a terminal, else text. */
  format: 'auto' | 'text' | 'json' | 'pcap';
  pcapOut?: string;
  lang: Lang;
  /** --quiz: the interactive view asks what happens next. */
  quiz?: boolean;
}

function roles(s: Scenario): Map<string, Role> {
  return new Map(s.nodes.map((n) => [n.name, n.role]));
}

function run(s: Scenario, opts: { seed?: number; until?: number; trace?: TraceSink }) {
  try {
    return runScenario(s, opts);
  } catch (e) {
    if (e instanceof ScenarioBuildError) throw new UserError(e.message, EXIT.INPUT);
    throw e;
  }
}

export async function runCommand(a: RunArgs): Promise<number> {
  if (a.quiz || (a.format === 'auto' && process.stdout.isTTY && process.stdin.isTTY)) {
    // Loaded lazily: Ink and React are only needed on a terminal. React's
    // development build checks and logs each render, several times slower:
    // an interactive run uses the production build unless told otherwise.
    process.env.NODE_ENV ??= 'production';
    const { registerInkShims, rerunWithYoungGeneration, shouldRerunForUi } = await import('./tui-process.ts');
    if (shouldRerunForUi()) return rerunWithYoungGeneration();
    registerInkShims();
    const { tuiCommand } = await import('./tui.ts');
    return tuiCommand({ file: a.file, seed: a.seed, until: a.until, lang: a.lang, quiz: !!a.quiz });
  }
  const s = await loadOrThrow(a.file);
  const seed = intArg('seed', a.seed);
  const until = durationArg('until', a.until);
  const out = new LineWriter();
  const opts = { lang: a.lang, roles: roles(s) };
  let sink: TraceSink;
  let finish = () => out.flush();
  if (a.format === 'json') sink = new NdjsonTraceWriter((l) => out.line(l), opts);
  else if (a.format === 'pcap') {
    if (!a.pcapOut) throw new UserError('ndsim run: --pcap needs an output file (--pcap OUT.pcapng)');
    let fd: number;
    try {
      fd = openSync(a.pcapOut, 'w');
    } catch (e) {
      throw new UserError(`ndsim: cannot write ${a.pcapOut}: ${(e as Error).message}`, EXIT.INPUT);
    }
    sink = new PcapngTraceWriter((chunk) => writeSync(fd, chunk), s.links.map((l) => l.name), { ...opts, title: s.name });
    finish = () => closeSync(fd);
  } else {
    out.line(`# ${s.name}${seed !== undefined ? ` (seed ${seed})` : ''}`);
    sink = new TextTraceWriter((l) => out.line(l), opts);
  }
  const r = run(s, { seed, until, trace: sink });
  if (a.format === 'text' || a.format === 'auto') for (const l of resultLines(r.results)) out.line(l);
  finish();
  out.flush();
  return EXIT.OK;
}

export function resultLines(results: readonly ExpectationResult[]): string[] {
  return results.map((r) => {
    const pos = `${r.expectation.pos.file}:${r.expectation.pos.line}`;
    const head = `${r.pass ? 'pass' : 'FAIL'}  ${describeExpectation(r.expectation)}`;
    return r.pass ? `${head}` : `${head}\n      observed at ${formatDuration(r.at)}: ${r.observed}  (${pos})${r.expectation.why ? `\n      why: ${r.expectation.why}` : ''}`;
  });
}

/** `ndsim check FILE|DIR…`: runs every scenario and its expectations. */
export async function checkCommand(paths: string[]): Promise<number> {
  const files = scenarioFiles(paths);
  if (files.length === 0) throw new UserError('ndsim check: no scenario files given', EXIT.USAGE);
  const out = new LineWriter();
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    const s = await loadOrThrow(f);
    const r = run(s, {});
    out.line(`${f}: ${s.name}`);
    for (const l of resultLines(r.results)) out.line(`  ${l}`);
    for (const x of r.results) x.pass ? passed++ : failed++;
  }
  out.line(`${passed} passed, ${failed} failed`);
  out.flush();
  return failed ? EXIT.FAILED : EXIT.OK;
}

/** `ndsim show FILE --at T --node N [addr|neigh|route]`. */
export async function showCommand(file: string, at: string | undefined, node: string | undefined, what: string): Promise<number> {
  if (!node) throw new UserError('ndsim show: --node NAME is required');
  const s = await loadOrThrow(file);
  const t = durationArg('at', at) ?? s.until;
  const r = run(s, { until: t });
  const stack = r.stacks.get(node);
  if (!stack) throw new UserError(`ndsim show: no node "${node}" with a protocol stack (nodes: ${[...r.stacks.keys()].join(', ')})`);
  const text = what === 'addr' ? ipAddrShow(stack, t) : what === 'neigh' ? ipNeighShow(stack, t) : what === 'route' ? ipRouteShow(stack, t) : null;
  if (text === null) throw new UserError(`ndsim show: "${what}" is not one of addr, neigh, route`);
  process.stdout.write(text);
  return EXIT.OK;
}
