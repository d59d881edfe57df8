// Starts the real server (node src/main.js) in a child process, on a free port, against PGlite in a folder of the
// test's own or against the PostgreSQL of DATABASE_URL, and stops it. Everything it prints is kept, so that tests
// can check that no secret, code or password ever reached a log line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'main.js');
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A fresh folder for PGlite's data; removed by the returned function. */
export function tempDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'totp-server-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * @param {{ dataDir?: string, databaseUrl?: string, env?: Record<string, string> }} options - one of dataDir
 *   (PGlite) or databaseUrl (PostgreSQL).
 * @returns {Promise<{ origin: string, output: () => string, stop: () => Promise<void> }>}
 */
export async function startServer({ dataDir, databaseUrl, env = {} }) {
  const childEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    SCRYPT_LOG2_N: '14',
    DATABASE_URL: databaseUrl ?? '',
    ...env,
  };
  if (!databaseUrl) childEnv.DATA_DIR = dataDir;
  delete childEnv.ORIGIN;
  if (env.ORIGIN) childEnv.ORIGIN = env.ORIGIN;
  const child = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  // 'close', not 'exit': only then has all it printed been read.
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  exited.then(() => running.delete(child));
  const origin = await new Promise((resolve, reject) => {
    // PGlite creates its database on first start: on a busy machine that takes a while.
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    origin,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const { code } = await exited;
      clearTimeout(timer);
      if (code !== 0) throw new Error(`server stopped with code ${code}:\n${output.slice(-2000)}`);
    },
  };
}

/** Fails if any of `values` (passwords, secrets, codes, session tokens) appears in the server's output. */
export function assertNoSecretsInLogs(output, values) {
  for (const value of values) {
    if (typeof value === 'string' && value.length >= 6 && output.includes(value)) {
      throw new Error(`the server's log contains a secret value (${value.length} characters)`);
    }
  }
}

/**
 * Starts a server before the tests of the calling suite (or file) and stops it after them: on the PostgreSQL at
 * `databaseUrl`, or without one on PGlite in a fresh data folder, removed afterwards. Everything happens in the
 * suite's hooks, so a skipped suite starts nothing. Returns a getter: the server exists only once the tests run.
 * @param {{ databaseUrl?: string, env?: Record<string, string> }} [options]
 */
export function serverForSuite({ databaseUrl, env } = {}) {
  let server;
  let data;
  before(async () => {
    if (!databaseUrl) data = tempDataDir();
    server = await startServer({ dataDir: data?.dir, databaseUrl, env });
  });
  after(async () => {
    await server?.stop();
    data?.remove();
  });
  return () => server;
}
