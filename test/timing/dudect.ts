// A dudect-style timing leak test (Reparaz, Balasch and Verbauwhede, "Dude, is my code constant time?", DATE 2017):
// time one function on inputs of two classes, interleaved in random order, and compare the two timing
// distributions with Welch's t-test, also after cropping the slow tail at several percentiles (as dudect does),
// since a leak often hides under outliers from interrupts and garbage collection. |t| above 4.5 is the usual
// sign of a leak; on a shared machine noise alone can get close to it.
//
// Reusable: give it two input generators and the function under test (see test/timing/otp.ts).
import { randomBytes } from 'node:crypto';

/** Two classes of inputs for one function. Inputs are built before timing, so their cost is never measured. */
export interface Comparison<T> {
  name: string;
  /** Makes one input of class A, e.g. a token that matches 5 of the 6 digits of a valid code. */
  classA: () => T;
  /** Makes one input of class B, built the same way as class A's (same string construction, same length). */
  classB: () => T;
  /** The function under test; its result is kept so that the call cannot be optimised away. */
  run: (input: T) => unknown;
  /** `true` for a check of the harness itself: a function that does leak, which the test must find. */
  leaks?: boolean;
  /** Measurements for this comparison, when it needs fewer than the run's default. */
  measurements?: number;
}

export interface LeakOptions {
  /** Measurements in all, both classes together (default 10^6). */
  measurements?: number;
  /** Calls before measuring, alternating the classes, so that the JIT has settled (default 20,000). */
  warmup?: number;
  /** Measurements per batch of pre-built inputs (default 10,000). */
  batch?: number;
}

export interface LeakResult {
  name: string;
  /** Measurements per class. */
  n: [number, number];
  /** Mean time per call per class, in nanoseconds. */
  meanNs: [number, number];
  /** Welch's t of all measurements. */
  t: number;
  /** The largest |t| over all measurements and each cropped set, and the percentile it was found at (1 = none). */
  maxAbsT: number;
  maxAt: number;
}

// dudect's cropping: keep the measurements below the p-th percentile, p = 1 − 0.5^(10 (i + 1) / N).
const CROPS = Array.from({ length: 10 }, (_, i) => 1 - 0.5 ** ((10 * (i + 1)) / 10));

/** Welch's t statistic of the measurements of class 0 and class 1 that are below `limit`. */
export function welchT(times: Float64Array, classes: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  const n = [0, 0];
  const mean = [0, 0];
  const m2 = [0, 0];
  for (let i = 0; i < times.length; i++) {
    const x = times[i];
    if (x >= limit) continue;
    const c = classes[i];
    n[c]++;
    const delta = x - mean[c]; // Welford's online mean and variance
    mean[c] += delta / n[c];
    m2[c] += delta * (x - mean[c]);
  }
  const variance = [m2[0] / (n[0] - 1), m2[1] / (n[1] - 1)];
  return (mean[0] - mean[1]) / Math.sqrt(variance[0] / n[0] + variance[1] / n[1]);
}

/** A source of random class labels from the CSPRNG, refilled a few KiB at a time. */
function randomBits(): () => number {
  let pool = randomBytes(4096);
  let index = 0;
  let bit = 0;
  return () => {
    if (bit === 8) {
      bit = 0;
      if (++index === pool.length) [pool, index] = [randomBytes(4096), 0];
    }
    return (pool[index] >> bit++) & 1;
  };
}

/** Measures `comparison` and returns the t statistics. */
export function leakTest<T>(comparison: Comparison<T>, options: LeakOptions = {}): LeakResult {
  const { warmup = 20_000, batch = 10_000 } = options;
  const measurements = comparison.measurements ?? options.measurements ?? 1_000_000;
  const { classA, classB, run } = comparison;
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink ^= run(i % 2 ? classA() : classB()) === null ? 0 : 1;
  const times = new Float64Array(measurements);
  const classes = new Uint8Array(measurements);
  const bit = randomBits();
  const inputs: T[] = new Array(batch);
  for (let start = 0; start < measurements; start += batch) {
    const end = Math.min(start + batch, measurements);
    for (let i = start; i < end; i++) {
      classes[i] = bit();
      inputs[i - start] = classes[i] === 0 ? classA() : classB();
    }
    for (let i = start; i < end; i++) {
      const input = inputs[i - start];
      const before = process.hrtime.bigint();
      const result = run(input);
      const after = process.hrtime.bigint();
      times[i] = Number(after - before);
      sink ^= result === null ? 0 : 1;
    }
  }
  if (sink === 2) console.log('unreachable'); // keeps `sink` alive
  return summarise(comparison.name, times, classes);
}

function summarise(name: string, times: Float64Array, classes: Uint8Array): LeakResult {
  const n: [number, number] = [0, 0];
  const sum = [0, 0];
  for (let i = 0; i < times.length; i++) {
    n[classes[i]]++;
    sum[classes[i]] += times[i];
  }
  const sorted = Float64Array.from(times).sort();
  const t = welchT(times, classes);
  let maxAbsT = Math.abs(t);
  let maxAt = 1;
  for (const p of CROPS) {
    const cropped = Math.abs(welchT(times, classes, sorted[Math.floor(p * (sorted.length - 1))]));
    if (cropped > maxAbsT) [maxAbsT, maxAt] = [cropped, p];
  }
  return { name, n, meanNs: [sum[0] / n[0], sum[1] / n[1]], t, maxAbsT, maxAt };
}

/** One line for a result: the classes' means, |t| of all measurements and the largest |t| after cropping. */
export function formatResult(r: LeakResult): string {
  const means = r.meanNs.map((m) => (m / 1000).toFixed(2)).join(' / ');
  const at = r.maxAt === 1 ? 'uncropped' : `below p${(r.maxAt * 100).toFixed(1)}`;
  const t = `|t| ${Math.abs(r.t).toFixed(2)}, max |t| ${r.maxAbsT.toFixed(2)} (${at})`;
  return `${r.name}: n ${r.n.join(' / ')}, mean ${means} µs, ${t}`;
}
