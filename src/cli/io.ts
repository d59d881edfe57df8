/**
 * Standard streams for the commands. A reader that goes away early (`totp-config parse … | head -c 0`) makes the
 * next write fail with EPIPE; what it did not read it did not want, so the command ends quietly with the status
 * it would have had, instead of Node's stack trace for an unhandled 'error' event.
 *
 * @module
 */
import { UsageError } from './args.js';

/** One output stream, as the commands see it. */
export interface Output {
  /** Writes text or bytes; once the reader is gone, writes are dropped. */
  write(data: string | Uint8Array): void;
  /** Whether the stream is a terminal. */
  readonly isTTY: boolean;
  /**
   * Whether to draw with explicit colours: a terminal, `NO_COLOR` unset or empty (https://no-color.org), and
   * `TERM` other than `dumb`.
   */
  readonly colour: boolean;
}

function output(stream: NodeJS.WriteStream): Output {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    open = false;
    // EPIPE: the reader closed the pipe, which is not a failure of the command. Anything else is, but it can
    // only be reported on the other stream.
    if (error.code === 'EPIPE') return;
    process.exitCode = 2;
    if (stream !== process.stderr) stderr.write(`totp-config: ${error.code ?? 'EIO'}: cannot write to stdout\n`);
  });
  const isTTY = stream.isTTY === true;
  const env = process.env;
  return {
    write: (data) => {
      if (open) stream.write(data);
    },
    isTTY,
    colour: isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb',
  };
}

export const stdout: Output = output(process.stdout);
export const stderr: Output = output(process.stderr);

/** Larger input is refused: a secret or an otpauth URI is a few hundred bytes. */
const MAX_STDIN = 1 << 20;

/** Reads all of stdin as UTF-8 (asynchronously: a synchronous read of a pipe can fail with EAGAIN). */
async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(`expected the ${what} on stdin (or as an argument)`);
  let text = '';
  for await (const chunk of process.stdin.setEncoding('utf8')) {
    text += chunk;
    if (text.length > MAX_STDIN) throw new UsageError(`stdin holds more than 1 MiB; expected the ${what}`);
  }
  return text;
}

/**
 * Reads the lines of stdin, one `what` each: the line endings and any trailing blank lines (spaces and tabs only)
 * are dropped, as `echo` and editors add them; everything else is the library's to judge.
 */
export async function readStdinLines(what: string): Promise<string[]> {
  const lines = (await readStdin(what)).split(/\r?\n/);
  while (lines.length > 0 && /^[\t ]*$/.test(lines[lines.length - 1])) lines.pop();
  if (lines.length === 0) throw new UsageError(`stdin is empty: expected the ${what}`);
  return lines;
}

/** Reads one line from stdin, as {@link readStdinLines}: a second line is a usage error. */
export async function readStdinLine(what: string): Promise<string> {
  const lines = await readStdinLines(what);
  if (lines.length > 1) throw new UsageError(`expected the ${what} on one line of stdin (found ${lines.length} lines)`);
  return lines[0];
}

/** An argument that may be `-`, standing for one line of stdin (a secret is better there than in argv). */
export async function argumentOrStdinLine(argument: string, what: string): Promise<string> {
  return argument === '-' ? readStdinLine(what) : argument;
}

/** The arguments, each `-` standing for the lines of stdin, one `what` each. */
export async function argumentsOrStdinLines(positionals: readonly string[], what: string): Promise<string[]> {
  const values: string[] = [];
  for (const argument of positionals) values.push(...(argument === '-' ? await readStdinLines(what) : [argument]));
  return values;
}

/** One line of JSON. JSON has no undefined: absent fields are written as null, so that every key is there. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => (field === undefined ? null : field)) + '\n';
}
