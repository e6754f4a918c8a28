// The `ndsim` command: parses arguments, dispatches to a subcommand, and
// maps errors to one clear line and a documented exit code.

import { parseArgs } from 'node:util';
import { runDecode } from './decode.ts';
import { EXIT, UserError } from './errors.ts';

const USAGE = `usage: ndsim <command> [options]

commands:
  decode FILE [--json] [-v]     decode a pcap/pcapng capture: one line per frame (tcpdump style),
                                -v the field tree and RFC 4861 violations, --json NDJSON
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
