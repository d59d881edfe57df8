// What every fuzz target asserts about what it calls: only coded errors, no secret-looking run of the input in any
// message, and no case slower than the per-case limit (a hang becomes a failure, not a stuck CI job).
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { TotpConfigError } from '../../src/index.js';

/** A case slower than this fails: every call fuzzed here answers in microseconds to milliseconds. */
export const CASE_LIMIT_MS = Number(process.env.FUZZ_CASE_LIMIT_MS ?? 2000);

const CODE = /^ERR_[A-Z0-9_]+$/;
/** The length of a run of base32 characters that counts as a secret when it appears in a message. */
export const LEAK_RUN = 16;

/** The error classes the library may throw, each with a stable `ERR_…` code. */
export function assertCoded(error: unknown, what: string): asserts error is Error & { code: string } {
  const ok = error instanceof TypeError || error instanceof RangeError || error instanceof TotpConfigError;
  const code = (error as { code?: unknown } | null)?.code;
  if (ok && typeof code === 'string' && CODE.test(code)) return;
  const name = (error as Error | null)?.constructor?.name ?? typeof error;
  assert.fail(`${what}: threw ${name} with code ${String(code)}: ${(error as Error | null)?.message ?? error}`);
}

/** Inputs as they can appear in a message: as given and upper-cased without the separators base32 tolerates. */
function haystacks(inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => [input.toUpperCase(), input.toUpperCase().replace(/[\s=\-_]/g, '')]);
}

/**
 * Fails if `message` holds a run of {@link LEAK_RUN} base32 characters (either case) that is also in one of
 * `inputs`: a secret, or a URI or argument that carries one, copied into an error message or stderr.
 */
export function assertNoLeak(message: string, inputs: readonly string[], what: string): void {
  const text = message.toUpperCase();
  const runs = text.match(new RegExp(`[A-Z2-7]{${LEAK_RUN},}`, 'g')) ?? [];
  if (runs.length === 0) return;
  const hay = haystacks(inputs);
  for (const run of runs) {
    for (let i = 0; i + LEAK_RUN <= run.length; i++) {
      const window = run.slice(i, i + LEAK_RUN);
      if (hay.some((h) => h.includes(window))) assert.fail(`${what}: message quotes the input: ${message}`);
    }
  }
}

/**
 * Calls `fn`; returns its result or the coded error it threw (checked for leaks against `inputs`), and fails
 * when it took longer than {@link CASE_LIMIT_MS}.
 */
export function call<T>(what: string, inputs: readonly string[], fn: () => T): { value?: T; error?: Error } {
  const start = performance.now();
  try {
    return { value: fn() };
  } catch (error) {
    assertCoded(error, what);
    assertNoLeak(error.message, inputs, what);
    return { error };
  } finally {
    const ms = performance.now() - start;
    if (ms > CASE_LIMIT_MS) assert.fail(`${what}: took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`);
  }
}

/** A seeded PRNG, so that a failing mutation run replays from its seed (the one the QR tests use). */
export { prng } from '../helpers/qr-tools.js';

/** Counts of cases, by kind, that a target ran. */
export type Counts = Record<string, number>;

/**
 * What a target gets: the seed of this run, the time it must end by (`performance.now()` milliseconds), and the
 * counts to add its cases to (printed even when it fails).
 */
export interface FuzzContext {
  seed: number;
  deadline: number;
  counts: Counts;
}

export interface FuzzTarget {
  name: string;
  run(context: FuzzContext): Promise<void> | void;
}

/**
 * Runs `phases` one after the other, each until its share of the time left, and fails at the end with every
 * phase's failure: one known defect does not hide the others.
 */
export async function runPhases(context: FuzzContext, phases: Array<(c: FuzzContext) => unknown>): Promise<void> {
  const failures: string[] = [];
  for (const [i, phase] of phases.entries()) {
    const share = (context.deadline - performance.now()) / (phases.length - i);
    try {
      await phase({ ...context, deadline: performance.now() + share });
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  if (failures.length > 0) assert.fail(failures.join('\n\n'));
}

/** fast-check parameters for one property: this run's seed, at most `numRuns`, and stop at the deadline. */
export function fcParameters(context: FuzzContext, numRuns: number) {
  const left = Math.max(1, Math.floor(context.deadline - performance.now()));
  return { seed: context.seed, numRuns, interruptAfterTimeLimit: left, markInterruptAsFailure: false };
}
