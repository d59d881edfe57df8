/**
 * The command line, read strictly: every flag is known to the command it is given to, given at most once, and a
 * value is never copied into a message (argv can hold a secret or an otpauth URI, and stderr is often logged):
 * messages name the flag, or the argument's position.
 *
 * Tokens come from `node:util` `parseArgs` in its lenient mode; the rules above are checked here, because the
 * strict mode's messages quote the offending argument.
 *
 * @module
 */
import { parseArgs } from 'node:util';

/** A problem with the command line itself (exit status 2), as opposed to an error from the library. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A flag the command does not take. Its name is kept for the caller, which may print it if it is a flag of
 * another command (then it is not a secret); the message itself gives only the position.
 */
export class UnknownFlagError extends UsageError {
  override name = 'UnknownFlagError';

  constructor(
    readonly flag: string,
    position: number,
  ) {
    super(`argument ${position} is not a flag this command takes (see --help)`);
  }
}

/** The flags a command takes: `'string'` flags take a value, `'boolean'` flags are switches. */
export type FlagSpecs = Readonly<Record<string, 'string' | 'boolean'>>;

/** The parsed command line of one command. */
export interface Args {
  /** Positional arguments, after the command's name. */
  readonly positionals: readonly string[];
  /** The value of a string flag, or `undefined` when it was not given. */
  string(name: string): string | undefined;
  /** Whether a switch was given. */
  boolean(name: string): boolean;
  /** Whether a flag of either kind was given. */
  has(name: string): boolean;
}

type Token = ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never;

/** Checks one flag token against `specs` and returns its value (`true` for a switch). */
function flagValue(token: Extract<Token, { kind: 'option' }>, specs: FlagSpecs, offset: number): string | true {
  const position = token.index + 1 + offset;
  const type = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
  // Only names that are known are ever printed: anything else in argv could be a secret.
  if (type === undefined) throw new UnknownFlagError(token.name, position);
  const flag = `--${token.name}`;
  if (type === 'boolean') {
    if (token.value !== undefined) throw new UsageError(`${flag} takes no value (argument ${position})`);
    return true;
  }
  // A separate value that starts with '-' is most likely the next flag: the value was forgotten.
  if (token.value === undefined || (!token.inlineValue && token.value !== '-' && token.value.startsWith('-'))) {
    throw new UsageError(`${flag} needs a value (write ${flag}=… for a value that starts with '-')`);
  }
  return token.value;
}

/**
 * Parses `argv` (the arguments after the command name) for a command that takes `specs`. Positions in messages
 * count from the start of the command line: `offset` is the number of words before `argv` (the command's name).
 *
 * @throws {UsageError} for an unknown flag, a flag given twice, a switch given a value, or a missing value.
 */
export function parseCommandLine(argv: readonly string[], specs: FlagSpecs, offset = 0): Args {
  const { tokens } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: optionTypes(specs),
  });
  const values = new Map<string, string | true>();
  const positionals: string[] = [];
  for (const token of tokens ?? []) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (token.rawName.length === 2 && token.rawName !== '-h') {
      throw new UnknownFlagError(token.name, token.index + 1 + offset);
    }
    if (values.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    values.set(token.name, flagValue(token, specs, offset));
  }
  return {
    positionals,
    string: (name) => {
      const value = values.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    boolean: (name) => values.get(name) === true,
    has: (name) => values.has(name),
  };
}

/** `parseArgs` needs the types to know which flags consume the next argument; `-h` is `--help`. */
function optionTypes(specs: FlagSpecs): Record<string, { type: 'string' | 'boolean'; short?: string }> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, type] of Object.entries(specs)) options[name] = name === 'help' ? { type, short: 'h' } : { type };
  return options;
}

/**
 * A whole number given to `flag`, in plain decimal ("6", not "6.5", "0x6" or "6e0"); the library checks the range.
 * At most 15 digits, so that it is exact as a number (and a long run of digits is never echoed by a range message).
 */
export function integerFlag(args: Args, flag: string): number | undefined {
  const text = args.string(flag);
  if (text === undefined) return undefined;
  if (!/^-?[0-9]{1,15}$/.test(text)) throw new UsageError(`--${flag} must be a whole number`);
  return Number(text);
}

/** One of `choices`, matched without regard to ASCII case and returned as spelled in `choices`. */
export function choiceFlag<T extends string>(args: Args, flag: string, choices: readonly T[]): T | undefined {
  const text = args.string(flag);
  if (text === undefined) return undefined;
  const found = choices.find((choice) => choice.toLowerCase() === text.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  if (found === undefined) throw new UsageError(`--${flag} must be one of ${choices.join(', ')}`);
  return found;
}

/** Refuses `flags` that make no sense unless one of `needs` is given too. */
export function requireOneOf(args: Args, flags: readonly string[], needs: readonly string[]): void {
  if (needs.some((need) => args.has(need))) return;
  const given = flags.find((flag) => args.has(flag));
  if (given !== undefined) throw new UsageError(`--${given} needs ${needs.map((n) => `--${n}`).join(' or ')}`);
}

/** Refuses any of `flags` together with `flag`, which already decides what they would. */
export function refuseWith(args: Args, flag: string, flags: readonly string[]): void {
  if (!args.has(flag)) return;
  const given = flags.find((other) => args.has(other));
  if (given !== undefined) throw new UsageError(`--${given} cannot be used with --${flag}`);
}
