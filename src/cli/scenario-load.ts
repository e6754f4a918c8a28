// Loading scenario files for the CLI: load errors become one clear block of
// file:line:col lines and the input exit code.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatErrors, loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/types.ts';
import { parseDuration } from '../scenario/duration.ts';
import { EXIT, UserError } from './errors.ts';

export async function loadOrThrow(path: string): Promise<Scenario> {
  const r = await loadScenario(path);
  if (!r.ok) throw new UserError(formatErrors(r.errors), EXIT.INPUT);
  return r.scenario;
}

/** FILE or DIR arguments → scenario files (a directory's *.yaml, sorted). */
export function scenarioFiles(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      throw new UserError(`ndsim: cannot read ${a}: no such file or directory`, EXIT.INPUT);
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(a).sort()) if (f.endsWith('.yaml') || f.endsWith('.yml')) files.push(join(a, f));
    } else files.push(a);
  }
  return files;
}

export function durationArg(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const r = parseDuration(text);
  if (!r.ok) throw new UserError(`ndsim: --${name} ${text}: ${r.error}`);
  return r.value;
}

export function intArg(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new UserError(`ndsim: --${name} ${text}: expected an integer`);
  return n;
}
