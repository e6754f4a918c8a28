// `ndsim bench slaac --hosts N [--stagger 1s] [--until 30s] [--seed S]`:
// the scale benchmark (src/bench/slaac.ts). Prints one JSON line.

import { parseArgs } from 'node:util';
import { parseDuration } from '../scenario/duration.ts';
import { EXIT, UserError } from './errors.ts';

export { BENCH_USAGE } from './usage.ts';

function duration(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const r = parseDuration(text);
  if (!r.ok) throw new UserError(`ndsim bench slaac: --${flag} ${text}: ${r.error}`);
  return r.value;
}

export async function benchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      hosts: { type: 'string' },
      stagger: { type: 'string' },
      until: { type: 'string' },
      seed: { type: 'string' },
      'ra-multicast': { type: 'boolean' },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== 'slaac') throw new UserError('ndsim bench: expected `ndsim bench slaac --hosts N [--stagger T] [--until T] [--seed S]`');
  const hosts = Number(values.hosts ?? '1000');
  if (!Number.isSafeInteger(hosts) || hosts < 1) throw new UserError(`ndsim bench slaac: --hosts ${values.hosts}: expected a positive whole number`);
  const staggerNs = duration('stagger', values.stagger, 0);
  const untilNs = duration('until', values.until, 30_000_000_000);
  const seed = values.seed === undefined ? 1 : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  // Loaded here so that other commands do not pay for it.
  const { runSlaacBench } = await import('../bench/slaac.ts');
  const r = runSlaacBench({ hosts, staggerNs, untilNs, seed, ...(values['ra-multicast'] ? { solicitedUnicast: false } : {}) });
  process.stdout.write(`${JSON.stringify(r)}\n`);
  return r.preferred === hosts && r.duplicates === 0 ? EXIT.OK : EXIT.FAILED;
}
