// `npm run bench [-- --quick] [-- --only decode,sim]`: every benchmark of
// ndsim in one run, each printed as a table, with the figures of the tools
// it is measured against side by side and as ratios.
//
// A benchmark is a module in BENCHES below: add the next one (e.g. the scale
// benchmark behind `ndsim bench slaac`) as one more entry. A module whose file
// is missing is reported as skipped, so a partial checkout still runs.
//
// The machine is shared (2 cores, other jobs): every figure is the best of
// several runs, medians beside them, and the load average is printed before
// and after so that a reader can judge how disturbed the run was.

import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchOptions, DecodeBenchResult, Figure } from './decode.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** One printed table. */
interface Table {
  title: string;
  head: string[];
  rows: string[][];
  notes?: string[];
}

interface BenchModule {
  /** Name for --only. */
  name: string;
  /** File in bench/. */
  file: string;
  /** Runs the benchmark from the imported module; returns its tables. */
  run(mod: Record<string, unknown>, opts: BenchOptions): Promise<Table[]>;
}

// ------------------------------------------------------------ the modules

const BENCHES: BenchModule[] = [
  {
    name: 'decode',
    file: 'decode.ts',
    async run(mod, opts) {
      const r = await (mod.benchDecode as (o: BenchOptions) => Promise<DecodeBenchResult>)(opts);
      return decodeTables(r);
    },
  },
  {
    // The simulator core (another helper's file: its figures are printed as
    // it returns them).
    name: 'sim',
    file: 'sim.ts',
    async run(mod) {
      const r = await (mod.benchSim as () => Promise<Record<string, number>>)();
      return [
        {
          title: 'Simulator core (bench/sim.ts)',
          head: ['figure', 'value'],
          rows: Object.entries(r).map(([k, v]) => [k, fmt(v)]),
        },
      ];
    },
  },
  {
    // The scale benchmark of `ndsim bench slaac` (bench/slaac.ts): N = 1,000
    // and 10,000 hosts doing SLAAC on one link, each size in its own process.
    name: 'slaac',
    file: 'slaac.ts',
    async run(mod, opts) {
      const r = await (mod.benchSlaac as (o: BenchOptions) => Promise<Record<string, number>>)(opts);
      return [
        {
          title: 'Scale: N hosts boot on one link (ndsim bench slaac; targets 1k ≤ 0.5 s, 10k ≤ 10 s)',
          head: ['figure', 'value'],
          rows: Object.entries(r).map(([k, v]) => [k, fmt(v, Number.isInteger(v) ? 0 : 3)]),
        },
      ];
    },
  },
];

// ------------------------------------------------------------- formatting

function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

function printTable(t: Table): void {
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log(`\n${t.title}`);
  console.log(line(t.head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of t.rows) console.log(line(r));
  for (const n of t.notes ?? []) console.log(`  ${n}`);
}

// ----------------------------------------------------- the decode tables

const IN_PROCESS = 'ndsim in-process decode+validate';
const CLI = 'ndsim decode FILE > /dev/null';
const TCPDUMP_V = 'tcpdump -v -nr FILE > /dev/null';
const TARGET_IN_PROCESS = 2_000_000;

function find(r: DecodeBenchResult, name: string): Figure | undefined {
  return r.figures.find((f) => f.name === name);
}

function decodeTables(r: DecodeBenchResult): Table[] {
  const cli = find(r, CLI);
  const inProc = find(r, IN_PROCESS);
  const main: Table = {
    title: `Decode: ${fmt(r.frames)} ND frames (${fmt(r.captureBytes / 1e6, 1)} MB pcapng, ${r.path})`,
    head: ['what', 'frames/s best', 'frames/s median', 'CPU frames/s', 'wall s', 'ndsim CLI vs it', 'in-process vs it'],
    rows: r.figures.map((f) => [
      f.name,
      fmt(f.perSecond),
      fmt(f.medianPerSecond ?? NaN),
      fmt(f.cpuPerSecond ?? NaN),
      f.seconds !== undefined ? fmt(f.seconds, 3) : '',
      f === cli ? '' : ratio(cli?.perSecond ?? NaN, f.perSecond),
      f === inProc ? '' : ratio(inProc?.perSecond ?? NaN, f.perSecond),
    ]),
    notes: [
      '"X vs it" = frames/s of X ÷ frames/s of the row: above 1× means ndsim is faster.',
      'Whole-process rows include start-up (for ndsim: node loading the esbuild bundle that npm ci builds).',
      'CPU frames/s counts CPU time (user + system, every thread; GNU time for other processes), not wall time: less sensitive to other load.',
      ...r.figures.filter((f) => f.note).map((f) => `${f.name}: ${f.note}`),
    ],
  };
  const tcpdump = find(r, TCPDUMP_V);
  const targets: Table = {
    title: 'Decode targets (foundation issue)',
    head: ['target', 'measured', 'met'],
    rows: [
      [
        `in-process decode+validate ≥ ${fmt(TARGET_IN_PROCESS)} frames/s`,
        `${fmt(inProc?.perSecond ?? NaN)} (CPU ${fmt(inProc?.cpuPerSecond ?? NaN)})`,
        inProc ? (Math.max(inProc.perSecond, inProc.cpuPerSecond ?? 0) >= TARGET_IN_PROCESS ? 'yes' : 'NO') : '—',
      ],
      [
        'ndsim decode FILE faster than tcpdump -v -nr FILE (wall)',
        cli && tcpdump ? `${fmt(cli.seconds ?? NaN, 3)} s vs ${fmt(tcpdump.seconds ?? NaN, 3)} s` : '—',
        cli && tcpdump ? (cli.seconds! < tcpdump.seconds! ? 'yes' : 'NO') : '—',
      ],
    ],
  };
  return [main, targets];
}

// ------------------------------------------------------------------ main

function machine(): string {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  let mem = '';
  try {
    const m = /MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) mem = `, ${(Number(m[1]) / 1024 / 1024).toFixed(1)} GiB RAM`;
  } catch {
    // not Linux: no memory figure
  }
  return `${availableParallelism()} × ${model}${mem}, node ${process.version}, ${process.platform}/${process.arch}`;
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? '').split(',').filter(Boolean)) : null;
  const unknown = argv.filter((a, i) => a !== '--quick' && a !== '--only' && i !== onlyAt + 1);
  if (unknown.length > 0 || (only && [...only].some((n) => !BENCHES.some((b) => b.name === n)))) {
    console.error(`usage: npm run bench -- [--quick] [--only ${BENCHES.map((b) => b.name).join(',')}]`);
    return 2;
  }
  console.log(`ndsim benchmarks${quick ? ' (--quick: smaller inputs, fewer runs)' : ''}`);
  console.log(`machine: ${machine()}`);
  console.log(`load average at start: ${load()}`);
  const opts: BenchOptions = { quick };
  for (const b of BENCHES) {
    if (only && !only.has(b.name)) continue;
    const path = join(HERE, b.file);
    if (!existsSync(path)) {
      console.log(`\n${b.name}: skipped (bench/${b.file} not present)`);
      continue;
    }
    const t0 = performance.now();
    const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    for (const t of await b.run(mod, opts)) printTable(t);
    console.log(`  (${b.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s; load average now ${load()})`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
