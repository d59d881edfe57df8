#!/usr/bin/env node
// Benchmark suite entry: `node bench/run.mjs [--quick] [--strict] [--save] [--rounds N] [--budget-ms MS] [job …]`.
// Installs bench/'s own dependencies when missing or stale, builds the library when dist/ is missing, then
// either checks every case and runs it a few times (--quick, `npm run bench:check`) or runs full timing and
// allocation measurements, one child process per job, printing a table per job. Only with --save does a full run
// write bench/results/<job>.json: the committed results change only when someone asks for it (issue 9 item 8).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const rootDir = join(benchDir, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  const n = Number(value);
  if (!(n > 0)) usage(`${name} needs a positive number`);
  return n;
};
function usage(message) {
  console.error(
    `${message}\nusage: node bench/run.mjs [--quick] [--strict] [--save] [--markdown] [--rounds N] [--budget-ms MS] [job …]`,
  );
  process.exit(2);
}
const flag = (name) => {
  const i = argv.indexOf(name);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
};
const quick = flag('--quick');
const save = flag('--save'); // write bench/results/<job>.json (a full run only)
const markdownOnly = flag('--markdown'); // print bench/results as Markdown and stop
if (flag('--strict')) process.env.BENCH_STRICT = '1'; // a job whose code is not exported yet fails, not skips
const rounds = option('--rounds', 7);
const budgetMs = option('--budget-ms', 100);
if (argv.some((a) => a.startsWith('-'))) usage(`unknown option ${argv.find((a) => a.startsWith('-'))}`);
if (save && quick) usage('--save records a full run; --quick measures nothing worth saving');

// 1. bench/node_modules, installed from the lockfile; a stamp records which lockfile it came from.
function ensureDependencies() {
  const lock = readFileSync(join(benchDir, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(benchDir, 'node_modules', '.bench-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.error('bench: installing bench/ dependencies (npm ci --prefix bench) …');
  const r = spawnSync(npm, ['ci', '--prefix', benchDir, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: rootDir,
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) {
    console.error('bench: npm ci failed');
    process.exit(1);
  }
  writeFileSync(stamp, hash);
}

// 2. Our built package.
function ensureBuild() {
  const index = join(rootDir, 'dist', 'esm', 'index.js');
  // dist/ can be missing for a moment while someone else's `npm run build` (rm -rf dist, then tsc) runs.
  for (let i = 0; i < 10 && !existsSync(index); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  if (existsSync(index)) return;
  console.error('bench: dist/esm is missing, running npm run build …');
  const r = spawnSync(npm, ['run', '-s', 'build'], { cwd: rootDir, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    console.error('bench: build failed');
    process.exit(1);
  }
}

if (markdownOnly) {
  const { markdown } = await import('./lib/markdown.mjs');
  const order = [
    'config',
    'secret',
    'random',
    'base32-encode-20',
    'base32-decode-32',
    'base32-encode-1mib',
    'base32-decode-1mib',
    'totp-generate',
    'totp-verify',
    'hmac-sha1',
    'qr-svg',
    'qr-png',
    'qr-sizes',
    'scaling',
  ];
  console.log(markdown(join(benchDir, 'results'), order));
  process.exit(0);
}

ensureDependencies();
ensureBuild();
const { jobs } = await import('./jobs/index.mjs');
const names = argv.length ? argv : jobs.map((j) => j.name);
for (const n of names)
  if (!jobs.some((j) => j.name === n)) usage(`unknown job ${n}; jobs: ${jobs.map((j) => j.name).join(', ')}`);

let failed = 0;
const skipped = [];

if (quick) {
  const { runJob } = await import('./lib/worker.mjs');
  const { forgetMissing } = await import('./lib/ours.mjs');
  const t0 = performance.now();
  for (const name of names) {
    const t = performance.now();
    try {
      let r = await runJob(name, 'quick');
      if (r.fail && /does not export|do not export|does not load|Could not resolve/.test(r.fail)) {
        // Someone else's `npm run build` may have been rewriting dist/ at that moment: look once more.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        forgetMissing();
        r = await runJob(name, 'quick');
      }
      if (r.skip) {
        skipped.push(name);
        console.log(`skip  ${name}: ${r.skip}`);
      } else if (r.fail) {
        failed++;
        console.log(`FAIL  ${name}: ${r.fail}`);
      } else {
        const what = r.cases
          ? `${r.cases.length} cases checked`
          : r.sizes
            ? `${r.sizes.length} outputs measured`
            : `${r.scaling.length} batch sizes checked`;
        console.log(`ok    ${name} (${what}, ${Math.round(performance.now() - t)} ms)`);
        for (const n of r.notes ?? []) console.log(`      note: ${n}`);
      }
    } catch (error) {
      failed++;
      console.log(`FAIL  ${name}: ${error.message}`);
    }
  }
  console.log(
    `bench:quick: ${names.length - failed - skipped.length} ok, ${failed} failed, ${skipped.length} skipped (${((performance.now() - t0) / 1000) | 0} s)`,
  );
  process.exit(failed ? 1 : 0);
}

// 3. Full run: each job in fresh processes, one for timing and one for allocation.
const { analyse, render, targetLines } = await import('./lib/report.mjs');
const { environment } = await import('./lib/env.mjs');
const { ourVersion, distBuiltAt } = await import('./lib/ours.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'totp-config-bench-'));
const worker = join(benchDir, 'lib', 'worker.mjs');
// A young generation of 64 MiB semi-spaces: large enough that a measured allocation batch never scavenges.
const HEAP_FLAGS = ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'];
const TIME_FLAGS = ['--expose-gc'];

// Other engineers rebuild dist/ (rm -rf, then tsc) while a long run goes on: wait for it to come back.
function waitForDist() {
  const index = join(rootDir, 'dist', 'esm', 'index.js');
  for (let i = 0; i < 120 && !existsSync(index); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000); // let tsc finish writing the other files
}

function child(flags, mode, name, retry = true) {
  if (!existsSync(join(rootDir, 'dist', 'esm', 'index.js'))) waitForDist();
  const out = join(tmp, `${name}.${mode}.json`);
  const r = spawnSync(process.execPath, [...flags, worker, mode, name, out, String(rounds), String(budgetMs)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 && retry && !existsSync(join(rootDir, 'dist', 'esm', 'index.js'))) {
    console.error(`bench: ${name}: dist/ disappeared (a concurrent build?); waiting for it and trying again`);
    waitForDist();
    return child(flags, mode, name, false);
  }
  if (r.status !== 0) throw new Error(`${mode} process exited with ${r.status ?? r.signal}`);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  if (result.fail && retry && /do not export|does not load/.test(result.fail)) {
    console.error(`bench: ${name}: ${result.fail}; waiting for dist/ and trying again`);
    waitForDist();
    return child(flags, mode, name, false);
  }
  return result;
}

const summary = [];
if (save) mkdirSync(join(benchDir, 'results'), { recursive: true });
try {
  for (const name of names) {
    const job = jobs.find((j) => j.name === name);
    let result;
    try {
      result = child(TIME_FLAGS, 'time', name);
      if (result.skip || result.fail) {
        (result.skip ? skipped : []).push(name);
        if (result.fail) failed++;
        console.log(`\n## ${name}: ${result.skip ? 'skipped' : 'FAILED'}: ${result.skip ?? result.fail}`);
        summary.push(`${name}: ${result.skip ? 'skipped' : 'FAILED'}`);
        continue;
      }
      if (!job.run) {
        const heap = child(HEAP_FLAGS, 'heap', name);
        heap.cases.forEach((h, i) =>
          Object.assign(result.cases[i], { heapBytesPerOp: h.heapBytesPerOp, heapOps: h.heapOps }),
        );
        analyse(result);
      }
    } catch (error) {
      failed++;
      console.log(`\n## ${name}: FAILED: ${error.message}`);
      summary.push(`${name}: FAILED`);
      continue;
    }
    console.log(render(result));
    for (const n of result.notes ?? []) console.log(`note: ${n}`);
    for (const l of targetLines(result)) summary.push(`${name}: ${l}`);
    // The record (the environment, our version from git, dist/'s build time) is only for bench/results/.
    if (!save) continue;
    const env = environment();
    env.flags = { time: TIME_FLAGS, heap: job.run ? undefined : HEAP_FLAGS };
    const record = {
      job: result.job,
      title: result.title,
      command: `node bench/run.mjs --save ${name}`,
      ours: {
        version: ourVersion(),
        distBuiltAt: distBuiltAt(),
        note: 'version+HEAD of the work tree; dist/ as built at distBuiltAt',
      },
      environment: env,
      params: job.run
        ? undefined
        : {
            rounds,
            budgetMsPerCasePerRound: Math.max(budgetMs, job.timing?.budgetMs ?? 0),
            minSamplesPerRound: job.timing?.minSamples ?? 12,
            statistic: 'median over rounds of the per-round median time per call (mitata p50)',
          },
      heapMethod: job.run
        ? undefined
        : 'heapUsed + arrayBuffers growth over a batch with no GC, per call, median of 5 batches',
      target: result.target,
      ...(result.sizes
        ? { uri: result.uri, margin: result.margin, scale: result.scale, level: result.level, sizes: result.sizes }
        : result.scaling
          ? { scaling: result.scaling, verdict: result.verdict, heapStart: result.heapStart }
          : {
              cases: result.cases.map((c) => ({
                name: c.name,
                package: c.package,
                version: c.version,
                reference: c.reference || undefined,
                floor: c.floor || undefined,
                async: c.async || undefined,
                opsPerSec: Math.round(c.opsPerSec),
                nsPerOp: Number(c.nsPerOp.toPrecision(4)),
                ratioToOurs: Number(c.ratio.toPrecision(3)),
                heapBytesPerOp: c.heapBytesPerOp == null ? null : Math.round(c.heapBytesPerOp),
                mbPerSec: c.mbPerSec == null ? undefined : Number(c.mbPerSec.toFixed(1)),
                roundsNsPerOp: c.roundsNs.map((x) => Number(x.toPrecision(4))),
                note: c.note,
              })),
            }),
      extra: result.extra,
      notes: result.notes,
    };
    writeFileSync(join(benchDir, 'results', `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`\n## summary\n${summary.join('\n')}`);
console.log(
  `\nfigures are ratios from one run on a noisy machine; ${save ? 'written to bench/results/' : 'not saved (--save writes bench/results/)'}`,
);
process.exit(failed ? 1 : 0);
