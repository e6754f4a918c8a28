// Load errors as values: every problem in a scenario is collected with its
// position, and printed the way compilers print them so that editors can
// jump to the line.

import type { ScenarioError } from './types.ts';

/** One `file:line:col: message` line per error, in file order. */
export function formatErrors(errors: readonly ScenarioError[]): string {
  return sortErrors(errors)
    .map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`)
    .join('\n');
}

/** By file, line, column; stable among equals. */
export function sortErrors(errors: readonly ScenarioError[]): ScenarioError[] {
  return [...errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}
