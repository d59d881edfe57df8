// Runs the CLI as a child process, from source through tsx so that c8 counts its coverage. Asynchronous, so that
// a test file can run its cases side by side; `runAll` keeps at most a few processes alive at once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
// Resolved here, so that the CLI can run in any working directory.
const TSX = import.meta.resolve('tsx');
/** The argv prefix that runs the CLI from source: `node --import tsx src/cli.ts`. */
export const CLI_COMMAND = [process.execPath, '--import', TSX, CLI] as const;

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout as bytes, for images written to it. */
  stdoutBytes: Buffer;
}

export interface CliRunOptions {
  input?: string | Uint8Array;
  /** Replaces the environment's variables of the same name; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Runs `sh -c 'umask <umask>; exec node …'` instead of node directly. */
  umask?: string;
  timeoutMs?: number;
}

function environment(overrides: CliRunOptions['env']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Quotes one word for `sh -c`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line that runs the CLI with `args`, quoted for `sh -c` (or bash, or `script -c`). */
export function cliShellCommand(args: readonly string[]): string {
  return [...CLI_COMMAND, ...args].map(shellQuote).join(' ');
}

export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  const [command, ...rest] =
    options.umask === undefined
      ? [...CLI_COMMAND, ...args]
      : ['sh', '-c', `umask ${options.umask}; exec ${cliShellCommand(args)}`];
  return new Promise((resolve, reject) => {
    const child = spawn(command, rest, {
      env: environment(options.env),
      cwd: options.cwd,
      timeout: options.timeoutMs ?? 60_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        status,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      });
    });
    child.stdin.on('error', () => {}); // the CLI may exit without reading its input
    child.stdin.end(options.input ?? '');
  });
}

/** Runs every case, at most `parallel` processes at a time, and returns the results in order. */
export async function runAll<T>(
  items: readonly T[],
  run: (item: T) => Promise<CliResult>,
  parallel = 4,
): Promise<CliResult[]> {
  const results: CliResult[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/** An error from the CLI: exactly one line on stderr, starting with `totp-config: `, and no stack trace. */
export function isOneErrorLine(stderr: string): boolean {
  return /^totp-config: [^\n]*\n$/.test(stderr) && !/\bat .*\.(ts|js):\d+/.test(stderr);
}
