// The CLI with random argv and stdin, each case a real process (a bounded count): exit status 0, 1 or 2, never a
// crash or a hang; a failure prints exactly one line on stderr, with no stack trace, no "internal error" and no
// run of the arguments or stdin in it; and a failed command has printed nothing on stdout.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { loadCorpus, pick, type Random } from '../corpus.js';
import { assertNoLeak, type FuzzTarget, prng } from '../oracle.js';

const SECRETS = ['JBSWY3DPEHPK3PXPKRSXG5CTMVRXEZLU', 'jbsw y3dp ehpk 3pxp', 'GEZDGNBVGY3TQOJQ====', '', 'A', '!!'];
const COMMANDS = ['create', 'code', 'verify', 'parse', 'migrate', 'help', '', 'CODE', '-', '--'];
const FLAGS = [
  'user',
  'issuer',
  'algorithm',
  'digits',
  'period',
  'secret-size',
  'format',
  'qr',
  'invert',
  'svg',
  'png',
  'level',
  'margin',
  'uri',
  'time',
  'window',
  'help',
  'version',
  'bogus',
];
const NUMBERS = ['0', '1', '6', '8', '9', '30', '-1', '6.5', '1e3', '99999999999999999999', '1700000000', 'x'];
const TIMES = ['2030-01-01T00:00:00Z', '2030-01-01', '2030-02-30', '2030-01-01T00:00', '1700000000000', 'now'];
/** Paths are only ever names inside the case's own temporary folder, '-', or a folder that does not exist. */
const PATHS = ['qr.png', 'qr.svg', '-', 'missing/x.png', 'dir', '.hidden.svg'];

/** A random value for a flag or a position: sometimes a secret, a URI, a number, a time or random text. */
function value(random: Random, uris: readonly string[], flag?: string): string {
  if (flag === 'png' || flag === 'svg') return pick(random, PATHS);
  const choice = Math.floor(random() * 6);
  if (choice === 0) return pick(random, SECRETS);
  if (choice === 1) return pick(random, uris);
  if (choice === 2) return pick(random, NUMBERS);
  if (choice === 3) return pick(random, TIMES);
  if (choice === 4) return pick(random, ['SHA256', 'sha1', 'md5', 'json', 'text', 'h', 'Q', 'bob', 'a:b', 'ACME']);
  const length = Math.floor(random() * 24);
  return Array.from({ length }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join('');
}

/** A random command line: a command (or none), then flags and positionals in random order. */
function argv(random: Random, uris: readonly string[]): string[] {
  const args = random() < 0.85 ? [pick(random, COMMANDS)].filter((c) => c !== '') : [];
  const parts = Math.floor(random() * 8);
  for (let i = 0; i < parts; i++) {
    if (random() < 0.35) {
      args.push(value(random, uris));
      continue;
    }
    const flag = pick(random, FLAGS);
    if (random() < 0.15) args.push(`--${flag}=${value(random, uris, flag)}`);
    else if (random() < 0.3) args.push(`--${flag}`);
    else args.push(`--${flag}`, value(random, uris, flag));
  }
  return args;
}

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI's source bundled into one file: the same code as `node --import tsx src/cli.ts`, but a process starts in
 * a tenth of the time, so that many more command lines are tried.
 */
function bundle(folder: string): string {
  const outfile = join(folder, 'cli.mjs');
  const entry = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url));
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  return outfile;
}

function spawnCli(cli: string, args: string[], input: string, cwd: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('latin1').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** The properties of one run. */
function check(args: string[], input: string, { status, signal, stdout, stderr }: Outcome): void {
  const what = `totp-config ${JSON.stringify(args)} with stdin ${JSON.stringify(input)}`;
  assert.equal(signal, null, `${what}: killed by ${signal} (a hang?)`);
  assert.ok(status === 0 || status === 1 || status === 2, `${what}: exit status ${status}\n${stderr}`);
  assert.doesNotMatch(stderr, /\bat .*\.(ts|js):\d+|internal error/, `${what}: a stack trace or a bug\n${stderr}`);
  if (status !== 2) return;
  if (args.length === 0) {
    assert.match(stderr, /^Usage:/);
    return;
  }
  assert.match(stderr, /^totp-config: [^\n]+\n$/, `${what}: not one error line\n${stderr}`);
  assert.equal(stdout, '', `${what}: failed after printing on stdout`);
  assertNoLeak(stderr, [...args, input], what);
}

const STDIN = ['', 'JBSWY3DPEHPK3PXP\n', 'JBSWY3DPEHPK3PXP\n\n \n', 'a\nb\n', '\u0000\u00ff'];

export const target: FuzzTarget = {
  name: 'CLI (spawned)',
  async run(context) {
    const { counts } = context;
    const random = prng(context.seed);
    const { uris } = loadCorpus();
    const root = mkdtempSync(join(tmpdir(), 'fuzz-cli-'));
    const cli = bundle(root);
    const limit = Number(process.env.FUZZ_CLI_CASES ?? 400);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < limit && performance.now() < context.deadline) {
        const i = next++;
        const cwd = join(root, String(i));
        mkdirSync(join(cwd, 'dir'), { recursive: true });
        const args = argv(random, uris);
        const input = random() < 0.5 ? pick(random, STDIN) : pick(random, uris);
        check(args, input, await spawnCli(cli, args, input, cwd));
        counts.cases++;
        rmSync(cwd, { recursive: true, force: true });
      }
    };
    try {
      await Promise.all([worker(), worker()]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
