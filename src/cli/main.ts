// The `ndsim` command: parses arguments, dispatches to a subcommand, and
// maps errors to one clear line and a documented exit code.

import { parseArgs } from 'node:util';
import { runDecode } from './decode.ts';
import { checkCommand, runCommand, showCommand } from './run.ts';
import { EXIT, UserError } from './errors.ts';

const USAGE = `usage: ndsim <command> [options]

commands:
  decode FILE [--json] [-v]     decode a pcap/pcapng capture: one line per frame (tcpdump style),
                                -v the field tree and RFC 4861 violations, --json NDJSON
  run FILE [--seed N] [--until T] [--text|--json|--pcap OUT.pcapng] [--lang en|ja]
                                run a scenario and print every frame and state change with
                                its explanation (text), the NDJSON trace, or a pcapng file
  check FILE|DIR...             run scenarios and check their expectations (exit 1 on failure)
  show FILE --node N [--at T] [addr|neigh|route]
                                a node's state at a time, as ip -6 addr/neigh/route show
  help                          this text
`;

type Command = (args: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  decode(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } },
    });
    if (positionals.length !== 1) throw new UserError('ndsim decode: expected one capture file (ndsim decode FILE [--json] [-v])');
    return runDecode(positionals[0], { json: !!values.json, verbose: !!values.verbose });
  },
  run(args) {
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
      },
    });
    if (positionals.length !== 1) throw new UserError('ndsim run: expected one scenario file (ndsim run FILE [options])');
    const lang = values.lang;
    if (lang !== 'en' && lang !== 'ja') throw new UserError(`ndsim run: --lang ${lang}: expected en or ja`);
    const format = values.json ? 'json' : values.pcap !== undefined ? 'pcap' : 'text';
    return runCommand({ file: positionals[0], seed: values.seed, until: values.until, format, pcapOut: values.pcap, lang });
  },
  check(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    return checkCommand(positionals);
  },
  show(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { at: { type: 'string' }, node: { type: 'string' } },
    });
    if (positionals.length < 1 || positionals.length > 2) throw new UserError('ndsim show: expected FILE [addr|neigh|route]');
    return showCommand(positionals[0], values.at, values.node, positionals[1] ?? 'addr');
  },
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
