// The measuring side of the suite: timing in interleaved rounds (mitata does the inner loop and its statistics),
// allocation per operation (heapUsed + arrayBuffers delta over a batch that no GC interrupts), and the checks
// every case must pass before it is timed.
import { measure, do_not_optimize } from 'mitata';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isDeepStrictEqual } from 'node:util';

/** `global.gc`, exposing it at run time when node was started without `--expose-gc`. */
export const gc = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
})();

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs `fn` for about `ms` milliseconds (at least `min` calls), awaiting each call of an async case: the warm-up
 * between a GC and a measurement. Right after a full GC the young generation has shrunk and the optimised code
 * may have lost feedback, so allocation-heavy functions measured at once looked up to 2× slower than in steady
 * state (issue 13); a short run after the GC lets the heap and the JIT settle first.
 */
export async function warm(fn, ms, min = 8) {
  const end = performance.now() + ms;
  for (let n = 0; n < min || performance.now() < end; n++) {
    const r = fn();
    if (r instanceof Promise) await r;
  }
}

/**
 * Times every case in `rounds` interleaved rounds: round r starts with case r (mod n) and runs each case once,
 * so no case always runs first (warm caches, a fresh heap) or last. Before each measurement: a full GC, so that
 * no case pays for another's garbage, then a warm-up of `settleMs` after it (see {@link warm}); mitata then runs
 * the case for `budgetMs` of CPU time without a GC of its own, batching fast functions, and we keep its median
 * time per call of that round. The figure reported is the median of those per-round medians. One unrecorded
 * warm-up round comes first.
 *
 * An async case (its function returns a Promise, as WebCrypto-based peers do) is timed one call at a time: mitata
 * awaits each call before starting the next, so calls never overlap.
 */
export async function timeCases(
  cases,
  { rounds, budgetMs, warmupMs = budgetMs / 2, settleMs = 20, warmupRound = true, minSamples = 12, mitata = {} },
) {
  const n = cases.length;
  const timed = cases.map((c) => {
    const f = c.fn;
    // An async function must hand its Promise to mitata, which then awaits each call (concurrency 1).
    return c.async ? () => f() : () => do_not_optimize(f());
  });
  const perRound = cases.map(() => []);
  for (let r = warmupRound ? -1 : 0; r < rounds; r++) {
    const start = ((r % n) + n) % n;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      cases[i].before?.();
      try {
        gc();
        await warm(timed[i], settleMs);
        const stats = await measure(timed[i], {
          min_cpu_time: (r < 0 ? warmupMs : budgetMs) * 1e6,
          min_samples: r < 0 ? 1 : minSamples,
          gc: false, // collected above, before the warm-up; not again right before sampling
          ...mitata,
        });
        if (r >= 0) perRound[i].push(stats.p50);
      } finally {
        cases[i].after?.();
      }
    }
  }
  return perRound.map((ns) => ({ ns: median(ns), rounds: ns }));
}

// GC events, to throw away a heap batch that a collection interrupted. Entries arrive asynchronously.
const gcEvents = [];
let observer;
function watchGc() {
  if (observer) return;
  observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcEvents.push(e.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
}
const flushEvents = () =>
  new Promise((resolve) => setTimeout(resolve, 0)).then(() => new Promise((r) => setImmediate(r)));

const allocated = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

// Results are stored here, so they escape: the optimiser cannot elide the allocation of a result nobody reads.
const holder = { last: undefined };

async function heapBatch(fn, n) {
  gc();
  gc();
  const t0 = performance.now();
  const h0 = allocated();
  for (let i = 0; i < n; i++) holder.last = fn();
  const h1 = allocated();
  const t1 = performance.now();
  holder.last = undefined;
  await flushEvents();
  const interrupted = gcEvents.some((t) => t >= t0 && t <= t1);
  return { bytes: h1 - h0, interrupted, ms: t1 - t0 };
}

/**
 * Bytes allocated per call: after a full GC, run a batch of `n` calls storing each result where it escapes,
 * and take the growth of heapUsed + arrayBuffers divided by n. Run with a young generation large enough to
 * hold the batch (`--min-semi-space-size`/`--max-semi-space-size`) so that no scavenge frees anything
 * mid-batch; a batch during which a GC event was observed is discarded and retried smaller. heapUsed moves in
 * steps of a linear allocation buffer (tens of kB), so batches are made as large as the time and the young
 * generation allow: about `targetBytes` or `maxBatchMs`, whichever comes first. The growth of an empty batch
 * is subtracted. Returns the median of `reps` batches, or null if every batch was interrupted.
 */
export async function heapPerOp(
  fn,
  { targetBytes = 16e6, reps = 5, maxOps = 200_000, maxBatchMs = 150, warmupMs = 150 } = {},
) {
  watchGc();
  const empty = () => undefined;
  // Warm up until the optimising compiler is done with it (its code and metadata land on the heap too: a
  // cold function seems to allocate kilobytes per call), then estimate with a batch of at least 1 MB or 50 ms.
  for (let i = 0, t = performance.now(); i < 3 || (i < 30_000 && performance.now() - t < warmupMs); i++)
    holder.last = fn();
  holder.last = undefined;
  let probeOps = 1;
  let probe;
  let ms;
  for (;;) {
    probe = await heapBatch(fn, probeOps);
    ms = probe.ms;
    if (probe.bytes >= 1e6 || ms >= 50 || probeOps >= maxOps) break;
    probeOps = Math.min(maxOps, probeOps * 8);
  }
  // Once more at the same size: the first batches may include one-off work (lazy tables, recompilation).
  const again = await heapBatch(fn, probeOps);
  ms = Math.min(ms, again.ms);
  const callMs = Math.max(ms / probeOps, 1e-5);
  const estimate = Math.max(Math.min(probe.bytes, again.bytes) / probeOps, 1);
  let n = Math.max(1, Math.min(maxOps, Math.floor(targetBytes / estimate), Math.floor(maxBatchMs / callMs)));
  if (callMs > 5) reps = Math.min(reps, 3);
  for (let attempt = 0; attempt < 6; attempt++) {
    const values = [];
    const base = (await heapBatch(empty, n)).bytes;
    for (let r = 0; r < reps; r++) {
      const b = await heapBatch(fn, n);
      if (!b.interrupted) values.push((b.bytes - base) / n);
    }
    if (values.length >= Math.ceil(reps / 2))
      return { bytesPerOp: Math.max(0, median(values)), ops: n, batches: values.length };
    n = Math.max(1, n >> 2);
  }
  return null;
}

/** Throws if `actual` differs from `expected`, naming the case; values are shown only if short and public. */
export function expectEqual(actual, expected, what) {
  const a = actual instanceof Uint8Array || Array.isArray(actual) ? Array.from(actual) : actual;
  const e = expected instanceof Uint8Array || Array.isArray(expected) ? Array.from(expected) : expected;
  if (!isDeepStrictEqual(a, e)) {
    const show = (v) => {
      const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
      return s.length > 120 ? `${s.slice(0, 100)}… (${s.length} chars)` : s;
    };
    throw new Error(`${what}: got ${show(a)}, expected ${show(e)}`);
  }
}

export function expect(condition, what) {
  if (!condition) throw new Error(what);
}

/** Deterministic bytes (xorshift32), so every run and every peer sees the same input. */
export function detBytes(length, seed = 0x9e3779b9) {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
