// A dudect-style timing test of verifyRecoveryCode (Reparaz, Balasch and Verbauwhede, "Dude, is my code constant
// time?", DATE 2017): the same function timed on inputs of two classes, interleaved in random order, and the two
// timing distributions compared with Welch's t-test, also after cropping the slow tail at several percentiles.
// Classes: stored hashes that hold the typed code at index 0, at index 9, or not at all.
// |t| above 4.5 is the usual sign of a leak; on a shared machine noise alone can come near it, so this fails only
// above |t| = 10.
//
//   node --import tsx test/timing/recovery.ts          (TIMING_MEASUREMENTS=n: measurements per comparison)
//
// `leakT(run, classA, classB)` below takes two input generators and is all a harness needs; the comparisons are in
// `recoveryComparisons`, in the { name, classA, classB, run } shape of the CLI branch's test/timing harness, so that
// they can be folded into it as one more list.
import { randomBytes } from 'node:crypto';
import { generateRecoveryCodes, hashRecoveryCode, verifyRecoveryCode } from '../../src/index.js';

/** Two classes of inputs for one function; inputs are built before they are timed. */
export interface Comparison<T> {
  name: string;
  classA: () => T;
  classB: () => T;
  run: (input: T) => unknown;
}

/** The result of one comparison. */
export interface LeakT {
  /** Mean time per call of class A and of class B, in ns. */
  meanNs: [number, number];
  /** Welch's t of all measurements. */
  t: number;
  /** The largest |t| over all measurements and the cropped sets. */
  maxAbsT: number;
}

/** Welch's t of the measurements of class 0 against class 1, counting only those below `limit`. */
function welchT(times: Float64Array, classes: Uint8Array, limit: number): number {
  const n = [0, 0];
  const mean = [0, 0];
  const m2 = [0, 0];
  for (let i = 0; i < times.length; i++) {
    if (times[i] >= limit) continue;
    const c = classes[i];
    n[c]++;
    const delta = times[i] - mean[c]; // Welford's online mean and variance
    mean[c] += delta / n[c];
    m2[c] += delta * (times[i] - mean[c]);
  }
  return (mean[0] - mean[1]) / Math.sqrt(m2[0] / (n[0] - 1) / n[0] + m2[1] / (n[1] - 1) / n[1]);
}

/**
 * Times `run` on `measurements` inputs, each drawn from `classA` or `classB` by a random bit, in batches built
 * before they are timed, and compares the two classes' times with Welch's t-test, also below dudect's
 * percentiles p = 1 − 0.5^(10 (i + 1) / 10).
 */
export function leakT<T>(run: (input: T) => unknown, classA: () => T, classB: () => T, measurements = 200_000): LeakT {
  const batch = 5_000;
  let sink = 0;
  for (let i = 0; i < 5_000; i++) sink ^= Number(run(i % 2 ? classA() : classB()));
  const times = new Float64Array(measurements);
  const classes = new Uint8Array(measurements);
  const bits = randomBytes(measurements);
  const inputs: T[] = new Array(batch);
  for (let start = 0; start < measurements; start += batch) {
    const end = Math.min(start + batch, measurements);
    for (let i = start; i < end; i++) {
      classes[i] = bits[i] & 1;
      inputs[i - start] = classes[i] === 0 ? classA() : classB();
    }
    for (let i = start; i < end; i++) {
      const input = inputs[i - start];
      const before = process.hrtime.bigint();
      const result = run(input);
      const after = process.hrtime.bigint();
      times[i] = Number(after - before);
      sink ^= Number(result);
    }
  }
  if (sink === 0.5) console.log('unreachable'); // keeps the results alive
  const sorted = Float64Array.from(times).sort();
  const t = welchT(times, classes, Infinity);
  let maxAbsT = Math.abs(t);
  for (let i = 0; i < 10; i++) {
    const p = 1 - 0.5 ** ((10 * (i + 1)) / 10);
    maxAbsT = Math.max(maxAbsT, Math.abs(welchT(times, classes, sorted[Math.floor(p * (sorted.length - 1))])));
  }
  const sum = [0, 0];
  const n = [0, 0];
  for (let i = 0; i < measurements; i++)
    [sum[classes[i]], n[classes[i]]] = [sum[classes[i]] + times[i], n[classes[i]] + 1];
  return { meanNs: [sum[0] / n[0], sum[1] / n[1]], t, maxAbsT };
}

// What is secret is what is stored, not what is typed (the person typing knows it): so the typed code is the same
// in every class, and the classes differ in the stored hashes it is checked against, each list built afresh.
// Every class's lists are built alike: one fixed code at index 0 and one at index 9 (the typed code, or a code that
// does not match), the other eight drawn from a pool. (Lists that held one fixed code against lists with none
// differed by |t| ≈ 7 after cropping even when neither matched: the inputs' construction, not the check.)
const PEPPER = randomBytes(32);
const [typed, stranger0, stranger9, ...others] = generateRecoveryCodes({ count: 100 });
const INPUT = typed.toLowerCase().replaceAll('-', ' '); // as a person types it

/** Ten stored hashes (plain or peppered) with `at0` at index 0 and `at9` at index 9. */
function storedLists(at0: string, at9: string, pepper?: Uint8Array): () => string[] {
  const hash = (code: string) => hashRecoveryCode(code, { pepper });
  // A pool of lists made in advance: hashing is not what is timed, and peppered hashes are salted afresh.
  const pool = Array.from({ length: 50 }, (_, n) =>
    Array.from({ length: 10 }, (_, i) => hash(i === 0 ? at0 : i === 9 ? at9 : others[(n * 8 + i) % others.length])),
  );
  let next = 0;
  // Every input is a new array of new strings built the same way, whatever its class.
  return () => pool[next++ % pool.length].map((stored) => stored.split('').join(''));
}
const atZero = (pepper?: Uint8Array) => storedLists(typed, stranger9, pepper);
const atNine = (pepper?: Uint8Array) => storedLists(stranger0, typed, pepper);
const nowhere = (pepper?: Uint8Array) => storedLists(stranger0, stranger9, pepper);

const plainRun = (stored: string[]) => verifyRecoveryCode(INPUT, stored);
const pepperedRun = (stored: string[]) => verifyRecoveryCode(INPUT, stored, { pepper: PEPPER });

export const recoveryComparisons: Comparison<string[]>[] = [
  {
    name: 'verifyRecoveryCode (plain): match at 0 vs at 9',
    classA: atZero(),
    classB: atNine(),
    run: plainRun,
  },
  {
    name: 'verifyRecoveryCode (plain): match at 0 vs none',
    classA: atZero(),
    classB: nowhere(),
    run: plainRun,
  },
  {
    name: 'verifyRecoveryCode (plain): match at 9 vs none',
    classA: atNine(),
    classB: nowhere(),
    run: plainRun,
  },
  {
    name: 'verifyRecoveryCode (peppered): match at 0 vs at 9',
    classA: atZero(PEPPER),
    classB: atNine(PEPPER),
    run: pepperedRun,
  },
  {
    name: 'verifyRecoveryCode (peppered): match at 9 vs none',
    classA: atNine(PEPPER),
    classB: nowhere(PEPPER),
    run: pepperedRun,
  },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const FAIL_ABOVE = 10;
  const measurements = Number(process.env.TIMING_MEASUREMENTS ?? 200_000);
  let failed = 0;
  console.log(`timing: ${measurements} measurements per comparison; |t| > 4.5 suggests a leak, > ${FAIL_ABOVE} fails`);
  for (const { name, classA, classB, run } of recoveryComparisons) {
    // The peppered check costs ten HMACs: a tenth of the measurements keeps the run short.
    const n = name.includes('peppered') ? Math.ceil(measurements / 10) : measurements;
    const r = leakT(run, classA, classB, n);
    const fails = r.maxAbsT > FAIL_ABOVE;
    failed += Number(fails);
    const means = r.meanNs.map((ns) => (ns / 1000).toFixed(2)).join(' / ');
    console.log(
      `${fails ? 'not ok' : 'ok    '} ${name}: n ${n}, mean ${means} µs, |t| ${Math.abs(r.t).toFixed(2)}, max |t| ${r.maxAbsT.toFixed(2)}`,
    );
  }
  process.exitCode = failed === 0 ? 0 : 1;
}
