// Runs one job in one mode: 'quick' (check + a few iterations), 'time' (interleaved rounds) or 'heap'
// (allocation per call). Full runs execute this file in a child process per job and mode, so each job starts
// with a fresh JIT and heap, and so the heap child can get a young generation large enough for its batches.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { timeCases, heapPerOp } from './harness.mjs';
import { requireOurs, peerVersion, ourVersion } from './ours.mjs';
import { jobs } from '../jobs/index.mjs';

// A few calls per case: enough to run every code path of the harness, not to measure anything.
export const QUICK = {
  rounds: 1,
  budgetMs: 0,
  settleMs: 0,
  warmupRound: false,
  minSamples: 1,
  mitata: { batch_samples: 8, batch_unroll: 4 },
};

export async function runJob(name, mode, opts = {}) {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`unknown job ${name}; jobs: ${jobs.map((j) => j.name).join(', ')}`);
  const ours = await requireOurs(job.needs);
  if (ours.skip) return { job: name, title: job.title, skip: ours.skip };
  if (ours.fail) return { job: name, title: job.title, fail: ours.fail };

  const notes = ours.notes.length ? ours.notes : undefined;
  if (job.run) return { job: name, title: job.title, notes, ...(await job.run(ours.mod, mode, opts)) };

  // Before the timing: it reads dist/ again (bundle sizes), which a concurrent rebuild may remove for a moment.
  const extra = mode !== 'heap' && job.extra ? await job.extra(ours.mod) : undefined;
  const cases = await job.cases(ours.mod, mode);
  for (const c of cases) {
    c.version = c.ours ? ourVersion() : c.package ? peerVersion(c.package) : process.version;
    c.before?.();
    try {
      await c.check();
    } catch (error) {
      error.message = `${name} / ${c.name}: ${error.message}`;
      throw error;
    } finally {
      c.after?.();
    }
  }
  const out = cases.map((c) => ({
    name: c.name,
    package: c.ours ? 'totp-config' : (c.package ?? 'node'),
    version: c.version,
    ours: !!c.ours,
    base: !!c.base,
    reference: !!c.reference,
    floor: !!c.floor,
    async: !!c.async,
    note: c.note,
  }));

  if (mode === 'quick' || mode === 'time') {
    const timing = { ...opts, ...job.timing, budgetMs: Math.max(opts.budgetMs ?? 0, job.timing?.budgetMs ?? 0) };
    const t = await timeCases(cases, mode === 'quick' ? QUICK : timing);
    t.forEach((r, i) => Object.assign(out[i], { ns: r.ns, roundsNs: r.rounds }));
  }
  if (mode === 'heap' || mode === 'quick') {
    // An async case's allocations are spread over the event loop and WebCrypto's native side: not measured.
    const list = (mode === 'quick' ? cases.filter((c) => c.base) : cases).filter((c) => !c.async);
    for (const c of list) {
      c.before?.();
      try {
        const h = await heapPerOp(
          c.fn,
          mode === 'quick' ? { targetBytes: 2e5, reps: 1, maxOps: 1000, maxBatchMs: 20, warmupMs: 5 } : {},
        );
        Object.assign(out[cases.indexOf(c)], { heapBytesPerOp: h?.bytesPerOp ?? null, heapOps: h?.ops });
      } finally {
        c.after?.();
      }
    }
  }
  return { job: name, title: job.title, notes, extra, bytesPerOp: job.bytesPerOp, target: job.target, cases: out };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, name, outFile, rounds, budgetMs] = process.argv.slice(2);
  const result = await runJob(name, mode, { rounds: Number(rounds), budgetMs: Number(budgetMs) });
  writeFileSync(outFile, JSON.stringify(result));
}
