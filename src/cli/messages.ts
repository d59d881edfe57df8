/**
 * The one line printed for an error: `totp-config: CODE: message`, the code once, no stack trace, and never a
 * value from the command line (argv and stdin can hold secrets, and stderr is often logged).
 *
 * @module
 */
import { UsageError } from './args.js';
import { FileError } from './files.js';

/**
 * The library names its arguments and options (`"user"`, `"options.secretSize"`); the CLI names the flag or the
 * argument that carried them. This is the one table of those names.
 */
const NAMES: Readonly<Record<string, string>> = {
  user: '--user',
  issuer: '--issuer',
  algorithm: '--algorithm',
  digits: '--digits',
  period: '--period',
  secretSize: '--secret-size',
  time: '--time',
  window: '--window',
  level: '--level',
  margin: '--margin',
  count: '--count',
  batchSize: '--batch-size',
  secret: 'the secret',
  token: 'the token',
  uri: 'the URI',
};

/** Rewrites the library's names into flags, and drops the `(received …)` the library adds for public values. */
function forTheCommandLine(message: string): string {
  return message
    .replace(/"accounts\[([0-9]+)\](?:\.([A-Za-z]+))?"/g, (_quoted, index: string, field?: string) =>
      field === undefined ? `URI ${Number(index) + 1}` : `the ${field} of URI ${Number(index) + 1}`,
    )
    .replace(/"(?:options\.)?([A-Za-z]+)"/g, (quoted, name: string) =>
      Object.hasOwn(NAMES, name) ? NAMES[name] : quoted,
    )
    .replace(/ \(received [^)]*\)/g, '');
}

const CODE = /^ERR_[A-Z0-9_]+$/;

/** The text after `totp-config: ` for `error`. */
export function errorLine(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof FileError) return `${error.code}: cannot write ${error.flag}: ${error.message}`;
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  const firstLine = typeof message === 'string' ? message.split('\n')[0] : '';
  // The library's errors: a stable code and a message that names arguments and rules, never values.
  if (typeof code === 'string' && CODE.test(code)) return `${code}: ${forTheCommandLine(firstLine)}`;
  // Anything else is a bug here; its message could quote input, so only its name is printed.
  return `internal error (${typeof name === 'string' ? name : typeof error}); please report it`;
}
