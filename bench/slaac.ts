// The scale benchmark behind `ndsim bench slaac`: N hosts and one radvd
// router boot on one link with the full stack (src/bench/slaac.ts). Each size
// runs in its own process, through the real CLI, so that JIT warm-up and
// peak RSS are those a user sees. Run alone: node bin/run-ts.mjs bench/slaac.ts
// [--quick] [--hosts 1000,10000,100000]

import { spawnSync } from 'node:child_process';
import type { SlaacBenchResult } from '../src/bench/slaac.ts';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One run of `ndsim bench slaac --hosts N`: its JSON line. */
export type SlaacRun = SlaacBenchResult;

export function runSlaacCli(hosts: number, extra: string[] = []): SlaacRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/ndsim.mjs'), 'bench', 'slaac', '--hosts', String(hosts), ...extra], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`ndsim bench slaac --hosts ${hosts} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return JSON.parse(line) as SlaacRun;
}

/** N = 1,000 and 10,000 (1,000 only with --quick); the best of two runs
 *  each by wall time (the machine is shared). */
export async function benchSlaac(opts: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const sizes = opts.quick ? [1000] : [1000, 10_000];
  const out: Record<string, number> = {};
  for (const n of sizes) {
    const runs = [runSlaacCli(n), runSlaacCli(n)];
    const best = runs.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
    const k = n >= 1000 ? `${n / 1000}k` : String(n);
    out[`slaac_${k}_wall_s`] = best.wallSeconds;
    out[`slaac_${k}_cpu_s`] = best.cpuSeconds;
    out[`slaac_${k}_events`] = best.events;
    out[`slaac_${k}_events_per_s`] = best.eventsPerSecond;
    out[`slaac_${k}_frames`] = best.frames;
    out[`slaac_${k}_peak_rss_mib`] = best.peakRssMiB;
    out[`slaac_${k}_preferred`] = best.preferred;
    out[`slaac_${k}_duplicates`] = best.duplicates;
    out[`slaac_${k}_ras_sent`] = best.rasSent;
    out[`slaac_${k}_rs_received`] = best.rsReceived;
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--hosts');
  if (at > 0) {
    for (const n of process.argv[at + 1].split(',').map(Number)) console.log(JSON.stringify(runSlaacCli(n)));
  } else {
    const r = await benchSlaac({ quick: process.argv.includes('--quick') });
    for (const [k, v] of Object.entries(r)) console.log(k.padEnd(28), v);
  }
}
