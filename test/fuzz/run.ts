// npm run test:fuzz: bounded property and mutation fuzzing of parseOtpauthUri, base32Decode, token handling in
// verifyTotp/verifyHotp, the qr* functions and the CLI (issue 10 item 19). Each target runs in its own process
// with a time budget (about 2.5 minutes in all) and a hard limit; a target that overruns its limit is a hang.
//
//   FUZZ_SEED=n     replay a run (every run prints its seed)
//   FUZZ_SCALE=x    scale every budget (0.1 for a quick look; the case counts scale with it)
//   FUZZ_ONLY=a,b   run only these targets (parse, base32, verify, qr, cli)
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from './corpus.js';

const TARGETS: Array<[file: string, budgetMs: number]> = [
  ['parse', 35_000],
  ['base32', 12_000],
  ['verify', 18_000],
  ['qr', 30_000],
  ['cli', 45_000],
];
/** Time a target may take beyond its budget (start-up, one last slow case) before it counts as a hang. */
const GRACE_MS = 30_000;

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

interface Result {
  file: string;
  ok: boolean;
  line: string;
  cases?: number;
}

/** The worker's one line of JSON. */
interface Report {
  name: string;
  counts: Record<string, number>;
  ms: number;
  failure?: string;
}

function runTarget(file: string, seed: number, budget: number): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, WORKER, file, String(seed), String(Math.round(budget))], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), budget + GRACE_MS);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (signal === 'SIGKILL')
        return resolve({ file, ok: false, line: `${file}: HANG (killed after ${budget + GRACE_MS} ms)` });
      if (!last.startsWith('{'))
        return resolve({ file, ok: false, line: `${file}: crashed (${status})\n${err.trimEnd()}` });
      const { name, counts, ms, failure } = JSON.parse(last) as Report;
      const detail = Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const line = `${name}: ${detail} (${(ms / 1000).toFixed(1)} s)${failure ? `\n${failure}` : ''}`;
      resolve({ file, ok: status === 0 && failure === undefined, line, cases: counts.cases });
    });
  });
}

const seed = process.env.FUZZ_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.FUZZ_SEED);
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const only = process.env.FUZZ_ONLY?.split(',');
console.log(`fuzz: seed ${seed} (FUZZ_SEED=${seed} npm run test:fuzz replays it); corpus: ${loadCorpus().source}`);
const started = performance.now();
let failed = 0;
let total = 0;
for (const [file, budget] of TARGETS) {
  if (only && !only.includes(file)) continue;
  const result = await runTarget(file, seed, budget * scale);
  console.log(`${result.ok ? 'ok    ' : 'not ok'} ${result.line}`);
  failed += result.ok ? 0 : 1;
  total += result.cases ?? 0;
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`fuzz: ${total} cases in ${seconds} s, ${failed} target(s) failed (seed ${seed})`);
process.exitCode = failed === 0 ? 0 : 1;
