#!/usr/bin/env node
// Entry point. Runs the esbuild bundle (dist/ndsim.mjs, made by `npm ci`)
// when it is newer than every file under src/; otherwise loads the
// TypeScript sources through tsx, so an edited tree never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/ndsim.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const t = e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

let main;
if (process.env.NDSIM_NO_BUNDLE !== '1' && existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, 'src'))) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
