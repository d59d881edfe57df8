#!/usr/bin/env node
/**
 * The `totp-config` command: a thin shell over the library. This entry finds the command, reads its flags, runs
 * it and turns any error into one line on stderr and an exit status; each command is one module of `src/cli/`
 * (see `src/cli/commands.ts`), and every rule about secrets, URIs and codes lives in the library.
 *
 * Exit status: 0 success; 1 a negative answer (`verify`: the token is not valid); 2 a usage error, input the
 * library refuses, or a file that cannot be written.
 *
 * @module
 */
import { type Args, parseCommandLine, UnknownFlagError, UsageError } from './cli/args.js';
import { type Command, COMMANDS, loadCommands } from './cli/commands.js';
import { errorLine } from './cli/messages.js';
import { stderr, stdout } from './cli/io.js';
import { usage, version } from './cli/usage.js';

/** The command named by the first argument(s), and the arguments after its name. */
function findCommand(argv: readonly string[]): { name: string; rest: readonly string[] } {
  // The flag-only form is create's shorthand (`totp-config --user … --issuer …`), as it always was.
  if (argv[0].startsWith('-')) return { name: 'create', rest: argv };
  const two = `${argv[0]} ${argv[1]}`;
  if (argv.length > 1 && Object.hasOwn(COMMANDS, two)) return { name: two, rest: argv.slice(2) };
  if (Object.hasOwn(COMMANDS, argv[0])) return { name: argv[0], rest: argv.slice(1) };
  // Argument values are never printed (they could be secrets), so the position and the choices are.
  const subcommands = Object.keys(COMMANDS).filter((name) => name.startsWith(`${argv[0]} `));
  const position = subcommands.length > 0 ? 2 : 1;
  const choices = subcommands.length > 0 ? subcommands.map((name) => name.split(' ')[1]) : Object.keys(COMMANDS);
  throw new UsageError(`argument ${position} is not a command: one of ${choices.join(', ')} (see --help)`);
}

/** Parses the command's flags; a flag that belongs to another command is named as not applying to this one. */
async function readArgs(
  name: string,
  command: Command,
  argv: readonly string[],
  rest: readonly string[],
): Promise<Args> {
  try {
    return parseCommandLine(rest, { ...command.flags, help: 'boolean' }, argv.length - rest.length);
  } catch (error) {
    if (!(error instanceof UnknownFlagError)) throw error;
    if (!(await loadCommands()).some(({ flags }) => Object.hasOwn(flags, error.flag))) throw error;
    throw new UsageError(`--${error.flag} does not apply to ${name} (see totp-config ${name} --help)`);
  }
}

/** Runs the command line and resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    if (argv.length === 0) {
      stderr.write(await usage());
      return 2;
    }
    if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
      stdout.write(await usage());
      return 0;
    }
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      stdout.write(version() + '\n');
      return 0;
    }
    const { name, rest } = findCommand(argv);
    const { command } = await COMMANDS[name]();
    const args = await readArgs(name, command, argv, rest);
    if (!args.boolean('help')) return await command.run(args);
    stdout.write(`Usage:\n${command.usage}`);
    return 0;
  } catch (error) {
    stderr.write(`totp-config: ${errorLine(error)}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
