#!/usr/bin/env node
// Bundles the TypeScript sources into dist/ndsim.mjs and its chunks (run by `npm ci` through
// the `prepare` script). bin/ndsim.mjs uses the bundle while it is newer than
// every source file, and tsx otherwise, so an edited source is never run
// stale. The bundle only saves start-up time (~0.5 s of tsx per command).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outdir: join(root, 'dist'),
  entryNames: 'ndsim',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Each command's code stays a chunk of its own, loaded when it runs.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // npm packages stay imports: Ink, React and the optional `cap` addon load
  // only when a command needs them.
  packages: 'external',
  jsx: 'automatic',
  logLevel: 'warning',
});
