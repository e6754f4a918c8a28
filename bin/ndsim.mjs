#!/usr/bin/env node
// Entry point: loads the TypeScript sources through tsx so that a clean clone
// runs after `npm ci` with no build step (and never runs stale output).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
