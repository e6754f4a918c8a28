// How the terminal UI's process is set up, before Ink is loaded: a larger
// young generation (which V8 takes only at start-up, so the UI starts itself
// again with it) and Ink's text measuring with a cache (bin/ink-hooks.mjs).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** V8's young generation for the UI. Ink redraws the whole screen on every
 *  keypress as a grid of cell objects (10,000 at 200×50) that die at once;
 *  with V8's default 16 MiB semi-space that garbage is scavenged several
 *  times a keypress. 64 MiB measured as the cheaper keypress (BENCHMARKS.md,
 *  "Terminal UI"). V8 reads the size only at start-up, so the UI starts
 *  itself again with it (only the UI: batch commands keep the default, and
 *  the 100,000-host benchmark its memory). */
const YOUNG_GENERATION_FLAG = '--max-semi-space-size=64';
const CHILD_MARK = 'NDSIM_TUI_CHILD';

/** Whether this process is the `ndsim` command itself (bin/ndsim.mjs, or
 *  npm's link to it), whose command line can be run again as it is; not a
 *  program that called main() with its own arguments. */
export function startedFromCli(): boolean {
  return /[\\/]ndsim(\.mjs)?$/.test(process.argv[1] ?? '');
}

/** Runs this same command in a node started with YOUNG_GENERATION_FLAG,
 *  sharing the terminal, and returns its exit code. */
export function rerunWithYoungGeneration(): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, YOUNG_GENERATION_FLAG, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [CHILD_MARK]: '1' },
  });
  // The terminal is the child's (raw mode: Ctrl-C is a key there). Signals
  // sent to this process are passed on, and it exits as the child does.
  const pass = (sig: NodeJS.Signals) => child.kill(sig);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, pass);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, pass);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 143));
    });
  });
}

/** Whether to start the UI again with the young generation flag: this is
 *  the ndsim command on a terminal, not already the restarted one. */
export function shouldRerunForUi(): boolean {
  return (
    startedFromCli() &&
    process.stdin.isTTY === true &&
    process.stdout.isTTY === true &&
    process.env[CHILD_MARK] !== '1' &&
    !process.execArgv.some((f) => f.startsWith('--max-semi-space-size'))
  );
}

let shimsRegistered = false;

/** Registers bin/ink-hooks.mjs (once), before Ink is first imported. Found
 *  from this file up, as it runs from src/cli (tsx) or dist/ (the bundle). */
export function registerInkShims(): void {
  if (shimsRegistered) return;
  shimsRegistered = true;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const hooks = join(dir, 'bin', 'ink-hooks.mjs');
    if (existsSync(hooks)) {
      register(pathToFileURL(hooks).href);
      return;
    }
    if (dirname(dir) === dir) return; // not found: Ink measures uncached, as it ships
  }
}
