// Issue 10, item 1: bytes drawn in one process are never handed out in another. A V8 startup snapshot
// (`node --build-snapshot`) copies the heap, entropy cache included, into every process started from it. This
// test builds a real snapshot whose entry point makes a configuration (which fills the cache) and whose main
// function prints a fresh secret, starts two processes from it, and requires different secrets.
//
// Node 20 lets a snapshot's entry script require only built-in modules, so the built library is bundled into
// the entry script with esbuild first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The snapshot's entry: fill the cache while the snapshot is built, print a secret in every restored process. */
const ENTRY = `
const { generateUserConfiguration, generateSecret } = LIBRARY;
globalThis.duringBuild = generateUserConfiguration('alice@example.com', 'Example Co').secret;
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  process.stdout.write(JSON.stringify({ secret: generateSecret(), config: generateUserConfiguration('bob', 'ACME').secret }));
});
`;

test('a process started from a V8 startup snapshot never hands out the cached bytes of the build', async (t) => {
  const index = join(ROOT, 'dist', 'esm', 'index.js');
  if (!existsSync(index)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  const work = mkdtempSync(join(tmpdir(), 'totp-config-snapshot-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const bundled = await build({
    stdin: { contents: `export * from ${JSON.stringify(index)};`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'iife',
    globalName: 'LIBRARY',
    write: false,
    logLevel: 'silent',
  });
  const entry = join(work, 'entry.js');
  writeFileSync(entry, bundled.outputFiles[0].text + ENTRY);
  const blob = join(work, 'snapshot.blob');
  const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { encoding: 'utf8' });
  assert.equal(made.status, 0, `building the snapshot failed: ${made.stderr}`);
  const runs = [1, 2, 3].map(() => {
    const run = spawnSync(process.execPath, ['--snapshot-blob', blob], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { secret: string; config: string };
  });
  const secrets = runs.flatMap((r) => [r.secret, r.config]);
  assert.equal(new Set(secrets).size, secrets.length, `secrets repeat across processes: ${runs.length} runs`);
});
