/**
 * The commands, by name. Adding one is a new module of `src/cli/` exporting a `command` and one line in
 * {@link COMMANDS}; a name of two words (`'migrate export'`) is a subcommand. Modules load on use.
 *
 * @module
 */
import type { Args, FlagSpecs } from './args.js';

/** What a command is: its usage, its flags, and what it does. */
export interface Command {
  /** Its part of `--help`: the synopsis (`  totp-config name …`), then what it does, indented. */
  readonly usage: string;
  /** The flags it takes; `--help` is added to every command. Any other flag is a usage error. */
  readonly flags: FlagSpecs;
  /**
   * Runs it, printing through `./io.js`; resolves to the exit status: 0, or 1 for a negative answer (a code that
   * is not valid). Errors are thrown: a `UsageError`, a `FileError` or the library's coded error.
   */
  run(args: Args): Promise<number>;
}

type Loader = () => Promise<{ command: Command }>;

/** Every command, by the name typed after `totp-config`. */
export const COMMANDS: Readonly<Record<string, Loader>> = {
  create: () => import('./create.js'),
  code: () => import('./code.js'),
  verify: () => import('./verify.js'),
  parse: () => import('./parse.js'),
  'recovery-codes': () => import('./recovery-codes.js'),
  check: () => import('./check.js'),
  'migrate export': () => import('./migrate-export.js'),
  'migrate import': () => import('./migrate-import.js'),
};

/** Every command, loaded: for what needs all of them (`--help`, naming a flag of another command). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).command));
}
