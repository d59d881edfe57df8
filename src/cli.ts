#!/usr/bin/env node
/**
 * The `totp-config` command: a thin shell over the library. It parses flags, calls the library and prints;
 * every rule lives in the library. Errors print one line on stderr (no stack trace) and exit with 2; `verify`
 * exits with 1 for a code that is not valid.
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  generateTotp,
  generateUserConfiguration,
  parseOtpauthUri,
  verifyTotp,
  type Algorithm,
  type Digits,
  type UserConfigurationOptions,
} from './index.js';

const USAGE = `Usage:
  totp-config --user <name> --issuer <name> [options]
      Create a TOTP enrollment configuration and print it as JSON, as cPanel's
      "uapi TwoFactorAuth generate_user_configuration" does: {"otpauth_str": ..., "secret": ...}
      --algorithm SHA1|SHA256|SHA512   HMAC algorithm (default SHA1)
      --digits 6|7|8                   code length (default 6)
      --period <seconds>               time step, 1-3600 (default 30)
      --secret-size <bytes>            16-64 (default 20, 32 or 64 by algorithm)
      --qr                             also print the QR code on stderr, below the JSON
      --invert                         QR colours for light-on-dark terminals
      --format json|text               text: the QR code (with --qr) and the fields as plain text
      --svg <file>, --png <file>       write the QR code as an image (the file holds the secret: mode 600)

  totp-config code [<secret> | -] [--uri <otpauth-uri>] [--time <ms>] [--algorithm A] [--digits N] [--period S]
      Print the current TOTP code. With "-" or no secret, the secret is read from stdin, so that it
      stays out of the shell history and ps.

  totp-config verify [<secret> | -] <token> [--window N] [--uri <otpauth-uri>] [...code options]
      Exit 0 and print the matched step when the token is valid, exit 1 when it is not.

  totp-config parse <otpauth-uri | ->
      Print the fields of an otpauth:// URI as JSON.

  totp-config --help | --version
`;

const OPTIONS = {
  user: { type: 'string' },
  issuer: { type: 'string' },
  algorithm: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  'secret-size': { type: 'string' },
  qr: { type: 'boolean' },
  invert: { type: 'boolean' },
  format: { type: 'string' },
  svg: { type: 'string' },
  png: { type: 'string' },
  uri: { type: 'string' },
  time: { type: 'string' },
  window: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A problem with the command line itself, as opposed to an error from the library. */
class UsageError extends Error {}

/** Parses a whole-number flag strictly ("6", not "6.5" or "6x"); the library then checks the range. */
function integerFlag(flags: Flags, name: 'digits' | 'period' | 'secret-size' | 'time' | 'window'): number | undefined {
  const text = flags[name];
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number (received ${JSON.stringify(text)})`);
  return Number(text);
}

/** Reads all of stdin (asynchronously: a synchronous read of a pipe can fail with EAGAIN). */
async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(`expected the ${what} on stdin (or as an argument)`);
  let text = '';
  for await (const chunk of process.stdin.setEncoding('utf8')) text += chunk;
  // Only the line ending is removed: the library decides what else is acceptable.
  return text.replace(/\r?\n$/, '');
}

async function create(flags: Flags): Promise<void> {
  if (flags.user === undefined || flags.issuer === undefined) {
    throw new UsageError('--user and --issuer are required (see --help)');
  }
  const format = flags.format ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError('--format must be json or text');
  const options: UserConfigurationOptions = {
    algorithm: flags.algorithm as Algorithm | undefined,
    digits: integerFlag(flags, 'digits') as UserConfigurationOptions['digits'],
    period: integerFlag(flags, 'period'),
    secretSize: integerFlag(flags, 'secret-size'),
  };
  const config = generateUserConfiguration(flags.user, flags.issuer, options);
  const needsQr = flags.qr === true || flags.svg !== undefined || flags.png !== undefined;
  const qr = needsQr ? await import('./qr.js') : undefined;
  const terminal = qr && flags.qr ? qr.qrTerminal(config.otpauth_str, { invert: flags.invert === true }) : undefined;
  if (format === 'json') {
    process.stdout.write(JSON.stringify(config) + '\n');
    if (terminal !== undefined) process.stderr.write(terminal);
  } else {
    if (terminal !== undefined) process.stdout.write(terminal);
    process.stdout.write(`secret: ${config.secret.replace(/(.{4})(?=.)/g, '$1 ')}\notpauth_str: ${config.otpauth_str}\n`);
  }
  // Images hold the secret: readable by the owner only.
  if (qr && flags.svg !== undefined) writeFileSync(flags.svg, qr.qrSvg(config.otpauth_str), { mode: 0o600 });
  if (qr && flags.png !== undefined) writeFileSync(flags.png, qr.qrPng(config.otpauth_str), { mode: 0o600 });
}

/** The secret and TOTP parameters for `code` and `verify`: from --uri, or a secret plus flags. */
async function totpParameters(flags: Flags, secretArgument: string | undefined) {
  if (flags.uri !== undefined) {
    if (secretArgument !== undefined) throw new UsageError('give either a secret or --uri, not both');
    const parsed = parseOtpauthUri(flags.uri === '-' ? await readStdin('otpauth URI') : flags.uri);
    if (parsed.type !== 'totp') throw new UsageError('--uri must be an otpauth://totp/ URI');
    // A Steam Guard entry's codes are Steam's 5 characters: its encoder goes with it.
    if (parsed.encoder === 'steam') return { secret: parsed.secret, encoder: parsed.encoder, period: parsed.period };
    return { secret: parsed.secret, algorithm: parsed.algorithm, digits: parsed.digits, period: parsed.period };
  }
  const secret = secretArgument === undefined || secretArgument === '-' ? await readStdin('secret') : secretArgument;
  return {
    secret,
    algorithm: flags.algorithm as Algorithm | undefined,
    // The library checks the value; the flag's text is only known to be a whole number here.
    digits: integerFlag(flags, 'digits') as Digits | undefined,
    period: integerFlag(flags, 'period'),
  };
}

async function code(flags: Flags, positionals: string[]): Promise<void> {
  if (positionals.length > 1) throw new UsageError('code takes at most one secret');
  const { secret, ...options } = await totpParameters(flags, positionals[0]);
  process.stdout.write(generateTotp(secret, { ...options, time: integerFlag(flags, 'time') }) + '\n');
}

async function verify(flags: Flags, positionals: string[]): Promise<number> {
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('verify takes [<secret> | -] <token>');
  const token = positionals[positionals.length - 1];
  const { secret, ...options } = await totpParameters(flags, positionals.length === 2 ? positionals[0] : undefined);
  const match = verifyTotp(token, secret, { ...options, time: integerFlag(flags, 'time'), window: integerFlag(flags, 'window') });
  if (match === null) {
    process.stdout.write('invalid\n');
    return 1;
  }
  process.stdout.write(`valid (step ${match.step}, delta ${match.delta})\n`);
  return 0;
}

async function parse(positionals: string[]): Promise<void> {
  if (positionals.length !== 1) throw new UsageError('parse takes one otpauth URI (or - for stdin)');
  const uri = positionals[0] === '-' ? await readStdin('otpauth URI') : positionals[0];
  const parsed = parseOtpauthUri(uri);
  // JSON has no undefined: absent fields are written as null so that every key is always there.
  process.stdout.write(JSON.stringify(parsed, (_key, value: unknown) => (value === undefined ? null : value), 2) + '\n');
}

/** The package's version: package.json is two folders up from dist/esm/cli.js, one from src/cli.ts. */
function version(): string {
  for (const relative of ['../../package.json', '../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'totp-config' && manifest.version) return manifest.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

/** Runs the command and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { values: flags, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (flags.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (flags.version) {
      process.stdout.write(version() + '\n');
      return 0;
    }
    const [command, ...rest] = positionals;
    switch (command) {
      case undefined:
        await create(flags);
        return 0;
      case 'code':
        await code(flags, rest);
        return 0;
      case 'verify':
        return await verify(flags, rest);
      case 'parse':
        await parse(rest);
        return 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)} (see --help)`);
    }
  } catch (error) {
    const coded = error as { code?: unknown; message?: unknown };
    const prefix = typeof coded.code === 'string' && !coded.code.startsWith('ERR_PARSE_ARGS') ? `${coded.code}: ` : '';
    const message = String(coded.message ?? error).split('\n')[0];
    process.stderr.write(`totp-config: ${prefix}${message}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
