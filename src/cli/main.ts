// The `ndsim` command: parses arguments, dispatches to a subcommand, and
// maps errors to one clear line and a documented exit code.

import { parseArgs } from 'node:util';
import { EXIT, UserError } from './errors.ts';
import { BENCH_USAGE, LIVE_USAGE } from './usage.ts';

// Each command loads its code when it runs: importing everything up front
// (simulator, Ink, the live pipeline) cost about 0.6 s of CPU per run.
const live = (name: 'annotate' | 'sniff' | 'attach') => async (args: string[]) => (await import('./live.ts')).LIVE_COMMANDS[name](args);

const USAGE = `usage: ndsim <command> [options]

commands:
  decode FILE [--json] [-v]     decode a pcap/pcapng capture: one line per frame (tcpdump style),
                                -v the field tree and RFC 4861 violations, --json NDJSON
  run FILE [--seed N] [--until T] [--text|--json|--pcap OUT.pcapng] [--lang en|ja] [--quiz]
                                run a scenario: on a terminal, the interactive view (step
                                through frames and node state, console, --quiz asks what
                                happens next); else, or with --text, every frame and state
                                change with its explanation; the NDJSON trace; a pcapng file
  ladder FILE [--until T] [--filter WORDS] [--svg OUT.svg] [--html OUT.html] [--lang en|ja]
                                the run's ladder diagram (--html: click an arrow for details)
  check FILE|DIR...             run scenarios and check their expectations (exit 1 on failure)
  show FILE --node N [--at T] [addr|neigh|route]
                                a node's state at a time, as ip -6 addr/neigh/route show
${LIVE_USAGE}${BENCH_USAGE}  help                          this text
`;

type Command = (args: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  async decode(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } },
    });
    if (positionals.length !== 1) throw new UserError('ndsim decode: expected one capture file (ndsim decode FILE [--json] [-v])');
    return (await import('./decode.ts')).runDecode(positionals[0], { json: !!values.json, verbose: !!values.verbose });
  },
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        until: { type: 'string' },
        text: { type: 'boolean' },
        json: { type: 'boolean' },
        pcap: { type: 'string' },
        lang: { type: 'string', default: 'en' },
        quiz: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UserError('ndsim run: expected one scenario file (ndsim run FILE [options])');
    const lang = values.lang;
    if (lang !== 'en' && lang !== 'ja') throw new UserError(`ndsim run: --lang ${lang}: expected en or ja`);
    const format = values.json ? 'json' : values.pcap !== undefined ? 'pcap' : values.text ? 'text' : 'auto';
    return (await import('./run.ts')).runCommand({ file: positionals[0], seed: values.seed, until: values.until, format, pcapOut: values.pcap, lang, quiz: !!values.quiz });
  },
  async ladder(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        until: { type: 'string' },
        seed: { type: 'string' },
        filter: { type: 'string' },
        svg: { type: 'string' },
        html: { type: 'string' },
        lang: { type: 'string', default: 'en' },
      },
    });
    if (positionals.length !== 1) throw new UserError('ndsim ladder: expected one scenario file (ndsim ladder FILE --svg OUT.svg)');
    const lang = values.lang;
    if (lang !== 'en' && lang !== 'ja') throw new UserError(`ndsim ladder: --lang ${lang}: expected en or ja`);
    return (await import('./ladder.ts')).ladderCommand({ file: positionals[0], until: values.until, seed: values.seed, filter: values.filter, svg: values.svg, html: values.html, lang });
  },
  async check(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    return (await import('./run.ts')).checkCommand(positionals);
  },
  async show(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { at: { type: 'string' }, node: { type: 'string' } },
    });
    if (positionals.length < 1 || positionals.length > 2) throw new UserError('ndsim show: expected FILE [addr|neigh|route]');
    return (await import('./run.ts')).showCommand(positionals[0], values.at, values.node, positionals[1] ?? 'addr');
  },
  annotate: live('annotate'),
  sniff: live('sniff'),
  attach: live('attach'),
  bench: async (args) => (await import('./bench.ts')).benchCommand(args),
  help() {
    process.stdout.write(USAGE);
    return EXIT.OK;
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`ndsim: unknown command "${name}"\n${USAGE}`);
    return EXIT.USAGE;
  }
  try {
    return await cmd(rest);
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    // parseArgs reports unknown or malformed options with a code.
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`ndsim ${name}: ${(e as Error).message}\n`);
      return EXIT.USAGE;
    }
    throw e;
  }
}
