// Runs the conformance cases (cases.mjs) against the built, packed package in every runtime — Node ESM, Node
// CommonJS, Bun, Deno and headless Chromium — then the browser enrollment demo (demo.test.mjs), and prints one
// line per runtime and a closing `runtimes: N passed, N failed`. Exits non-zero on any failure.
//
// The runtimes come from this folder's own package.json (bun, deno, playwright-core, pinned), installed on first
// use (binaries.mjs). Chromium is Debian's /usr/bin/chromium (or $CHROMIUM_PATH), never a downloaded browser.
//
// A runtime that cannot be found is skipped locally, with the reason, and fails under CI (CI=true).
//
// Options: --no-build (use dist/ as it is), --only=node-esm,deno,... (a subset; 'demo' names the demo).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBinary, installRuntimes } from './binaries.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CI = process.env.CI === 'true';
const RESULT_MARK = '@@totp-config-runtime-result@@';
const TIMEOUT_MS = 180_000;
const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

// ------------------------------------------------------------------------------------- tools of this folder

if (!existsSync(join(HERE, 'node_modules', 'playwright-core', 'package.json'))) {
  installRuntimes('installing the runtimes (npm ci --prefix test/runtimes)');
}

function findChromium() {
  for (const path of [process.env.CHROMIUM_PATH, '/usr/bin/chromium']) if (path && existsSync(path)) return path;
  return null;
}

// ------------------------------------------------------------------------------------- the packed package

const { packAndInstall } = await import('./pack.mjs');
let consumer;
for (let attempt = 1; !consumer; attempt++) {
  try {
    consumer = packAndInstall({ build: !args.includes('--no-build'), log: (line) => console.log(`# ${line}`) });
  } catch (error) {
    // Again, later: in a shared working tree another build may have emptied dist/ while we built or packed it.
    console.log(`# build/pack/install failed (attempt ${attempt}): ${error.message}`);
    if (attempt === 3) {
      console.log('runtimes: 0 passed, 1 failed');
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 5000 * attempt));
  }
}
for (const file of ['cases.mjs', 'node-esm.mjs', 'node-cjs.cjs', 'bun.mjs', 'deno.mjs', 'browser-page.mjs']) {
  copyFileSync(join(HERE, file), join(consumer.dir, file));
}
// ESM consumers must get dist/esm, CommonJS ones dist/cjs: the exports map decides, and this checks it did.
const ESM_ENTRY = ['dist/esm/index.js', 'dist/esm/qr.js'];
const CJS_ENTRY = ['dist/cjs/index.js', 'dist/cjs/qr.js'];

const bun = findBinary('bun');
const deno = findBinary('deno');
const chromium = findChromium();
const denoEnv = { DENO_DIR: join(consumer.dir, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };

const RUNTIMES = [
  { name: 'node-esm', command: [process.execPath, 'node-esm.mjs'], entry: ESM_ENTRY },
  { name: 'node-cjs', command: [process.execPath, 'node-cjs.cjs'], entry: CJS_ENTRY },
  {
    name: 'bun',
    missing: bun ? null : 'no bun binary in test/runtimes/node_modules (npm package bun / @oven/bun-*)',
    command: [bun, 'run', '--no-install', 'bun.mjs'],
    env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', NO_COLOR: '1' },
    entry: ESM_ENTRY,
  },
  {
    name: 'deno',
    missing: deno ? null : 'no deno binary in test/runtimes/node_modules (npm package deno / @deno/*)',
    // No --allow-*: the library must run with no permissions. --cached-only: nothing may be fetched.
    command: [
      deno,
      'run',
      '--no-prompt',
      '--no-lock',
      '--no-config',
      '--node-modules-dir=manual',
      '--cached-only',
      'deno.mjs',
    ],
    env: denoEnv,
    entry: ESM_ENTRY,
  },
  {
    name: 'chromium',
    missing: chromium ? null : "no /usr/bin/chromium (Debian package 'chromium') and no $CHROMIUM_PATH",
    command: [process.execPath, join(HERE, 'browser.mjs'), consumer.dir],
    entry: ESM_ENTRY,
  },
];

function run(command, options) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n(timed out after ${TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}\n${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });
}

const indent = (text) =>
  text
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
const lines = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function report(name, status, detail, extra = '') {
  lines.push(`${status.padEnd(4)}  ${name.padEnd(9)} ${detail}`);
  console.log(`${status.padEnd(4)}  ${name.padEnd(9)} ${detail}${extra ? `\n${extra}` : ''}`);
  if (status === 'pass') passed++;
  else if (status === 'fail') failed++;
  else skipped++;
}

try {
  for (const runtime of RUNTIMES) {
    if (only && !only.includes(runtime.name)) continue;
    if (runtime.missing) {
      report(runtime.name, CI ? 'fail' : 'skip', `(${runtime.missing}${CI ? '; required under CI' : ''})`);
      continue;
    }
    const started = Date.now();
    const { code, stdout, stderr } = await run(runtime.command, {
      cwd: consumer.dir,
      env: { ...process.env, ...runtime.env },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
    if (code !== 0 || !line) {
      report(
        runtime.name,
        'fail',
        `(exit ${code}, ${line ? 'with' : 'no'} result line, ${seconds} s)`,
        indent(`${stdout}\n${stderr}`),
      );
      continue;
    }
    const result = JSON.parse(line.slice(RESULT_MARK.length));
    const problems = result.results.filter((r) => r.status !== 'pass');
    // The exports map must have sent this runtime to the build made for it.
    const wrongEntry = result.entry.filter(
      (path, i) => !decodeURIComponent(path).split(sep).join('/').endsWith(runtime.entry[i]),
    );
    const counts = (status) => result.results.filter((r) => r.status === status).length;
    const summary = `${result.version}: ${counts('pass')} passed, ${counts('fail')} failed, ${counts('skip')} skipped (${seconds} s)`;
    const skippedFor = [...new Set(problems.filter((r) => r.status === 'skip').map((r) => r.message))];
    const details = [
      ...problems.filter((r) => r.status === 'fail').map((r) => `fail: ${r.name}\n      ${r.message}`),
      ...(skippedFor.length ? [`skipped cases: ${skippedFor.join('; ')}`] : []),
      ...wrongEntry.map((path) => `fail: resolved ${path}, expected …/${runtime.entry.join(' / …/')}`),
    ];
    const bad = counts('fail') > 0 || wrongEntry.length > 0 || result.results.length === 0;
    report(runtime.name, bad ? 'fail' : 'pass', summary, details.length ? indent(details.join('\n')) : '');
  }

  if (!only || only.includes('demo')) {
    if (!chromium) {
      report('demo', CI ? 'fail' : 'skip', `(the browser demo needs Chromium${CI ? '; required under CI' : ''})`);
    } else {
      const started = Date.now();
      const { code, stdout, stderr } = await run(
        [process.execPath, '--test', '--test-reporter=spec', join(HERE, 'demo.test.mjs')],
        {
          cwd: HERE,
          env: { ...process.env, TOTP_CONFIG_CONSUMER_DIR: consumer.dir },
        },
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const tests = /ℹ pass (\d+)[\s\S]*?ℹ fail (\d+)/.exec(stdout);
      const summary = `examples/browser in Chromium: ${tests ? `${tests[1]} passed, ${tests[2]} failed` : 'no test summary'} (${seconds} s)`;
      report(
        'demo',
        code === 0 && tests && tests[1] !== '0' ? 'pass' : 'fail',
        summary,
        code === 0 ? '' : indent(`${stdout}\n${stderr}`),
      );
    }
  }
} finally {
  consumer.cleanup();
}

console.log('');
for (const line of lines) console.log(line);
console.log(`runtimes: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
