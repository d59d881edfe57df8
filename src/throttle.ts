/**
 * Attempt throttling as pure functions over a small state the application stores with the user (a JSON column):
 * {@link throttle} says whether an attempt is allowed now, {@link recordFailure} and {@link recordSuccess} return
 * the next state. All time comes from the `now` argument; nothing here reads a clock or keeps state of its own.
 *
 * RFC 4226 §7.3 asks the server to throttle: a limit T on failed attempts and, as an option, a delay that grows
 * with each failure ("T·A seconds" after attempt A). The policy has both, and a third guard the RFC does not
 * name: a long-window cap, so that an attacker who spaces guesses out (or whose guesses are interleaved with the
 * real user's successful logins, which reset the back-off) still gets only so many per day.
 * {@link bruteForceOdds} turns a number of attempts into the attacker's chance (RFC 4226 Appendix A).
 *
 * A server that may receive parallel requests should count every attempt as a failure *before* it checks the
 * code, under a lock on the user's row, and call {@link recordSuccess} when it succeeds (RFC 4226 §7.3: "the
 * delay or lockout schemes MUST be across login sessions"). `recordSuccess` gives the long-window allowance of
 * that one attempt back, so that a user's own logins never use it up.
 *
 * @module
 */
import { rangeError, typeError } from './errors.js';
import { assertInteger, describeType, optionalInteger, optionalOneOf, optionsBag, own } from './internal/assert.js';
import { assertFiniteNumber, inWindow, totpWindow } from './internal/assert-otp.js';
import { MAX_DRIFT, MAX_TIME, MAX_WINDOW, type Digits } from './params.js';

/** How the wait grows with each failure past the threshold. */
export type Backoff = 'fixed' | 'linear' | 'exponential';
const BACKOFFS: readonly Backoff[] = ['fixed', 'linear', 'exponential'];

/** A throttling policy. Every field has a default ({@link DEFAULT_THROTTLE_POLICY}); a partial policy is filled in. */
export interface ThrottlePolicy {
  /** Failures in a row allowed with no wait (RFC 4226 §7.3's throttling parameter T), 1 to 10^9. Default 5. */
  maxFailures: number;
  /** The wait after failure number `maxFailures`, in ms, 1 to 2^40. Default 15 minutes. */
  lockoutMs: number;
  /**
   * How each further failure in a row lengthens the wait: `'fixed'` (always `lockoutMs`), `'linear'` (RFC 4226
   * §7.3's T·A: `lockoutMs × k` after the k-th failure past the threshold) or `'exponential'`
   * (`lockoutMs × 2^(k−1)`).
   * Default `'exponential'`.
   */
  backoff: Backoff;
  /** The longest single wait, in ms, at least `lockoutMs`. Default 24 hours. */
  maxLockoutMs: number;
  /**
   * The long-window cap: at most `windowFailures` failures per `windowMs` on average, whatever happens in between
   * (a leaky bucket: a burst of `windowFailures`, then one more every `windowMs / windowFailures`). Default 10.
   */
  windowFailures: number;
  /** The long window, in ms, 1 to 2^40. Default 24 hours. */
  windowMs: number;
}

/**
 * Five failures in a row are free; then waits of 15 min, 30 min, 1 h, … doubling up to 24 h; and never more than
 * 10 failures a day on average. The README's "Throttling attempts" table says what that means over a year.
 */
export const DEFAULT_THROTTLE_POLICY: Readonly<ThrottlePolicy> = /* @__PURE__ */ Object.freeze({
  maxFailures: 5,
  lockoutMs: 15 * 60_000,
  backoff: 'exponential',
  maxLockoutMs: 24 * 3_600_000,
  windowFailures: 10,
  windowMs: 24 * 3_600_000,
});

/**
 * What the application stores per user and per kind of attempt, as JSON. `null` or `undefined` is a fresh state;
 * a field missing from a stored object reads as 0.
 */
export interface ThrottleState {
  /** Failures in a row since the last success. */
  failures: number;
  /** When the last failure was recorded, in ms since the epoch. */
  lastFailureAt: number;
  /** When the long-window bucket is empty again, in ms since the epoch (0: empty). */
  windowUntil: number;
}

/** The answer of {@link throttle}. */
export interface ThrottleDecision {
  /** Whether an attempt may be checked now. */
  allowed: boolean;
  /** 0 if allowed; otherwise how long to wait, in ms (an HTTP `Retry-After` is this divided by 1000, rounded up). */
  retryAfterMs: number;
  /** `now` if allowed; otherwise the earliest time an attempt will be allowed, in ms since the epoch. */
  nextAttemptAt: number;
}

const MAX_COUNT = 1_000_000_000;
const MAX_DURATION = 2 ** 40; // ms: about 35 years

/** A policy with every field checked, and what the long window works out to. */
interface Policy extends ThrottlePolicy {
  /** The bucket drains one failure per `interval` ms (rounded up: the cap is never looser than asked). */
  interval: number;
  /** The bucket holds `windowFailures` failures: `interval × windowFailures` ms of backlog. */
  capacity: number;
}

function readPolicy(policy: Partial<ThrottlePolicy> | undefined): Policy {
  const p = optionsBag(policy, 'policy');
  const d = DEFAULT_THROTTLE_POLICY;
  const failures = own(p, 'maxFailures', p.maxFailures);
  const maxFailures = optionalInteger(failures, 'policy.maxFailures', 1, MAX_COUNT, d.maxFailures);
  const lockoutMs = optionalInteger(own(p, 'lockoutMs', p.lockoutMs), 'policy.lockoutMs', 1, MAX_DURATION, d.lockoutMs);
  const backoff = optionalOneOf(own(p, 'backoff', p.backoff), 'policy.backoff', BACKOFFS, d.backoff);
  const fallbackMax = Math.max(d.maxLockoutMs, lockoutMs);
  const maxLockout = own(p, 'maxLockoutMs', p.maxLockoutMs);
  const maxLockoutMs = optionalInteger(maxLockout, 'policy.maxLockoutMs', lockoutMs, MAX_DURATION, fallbackMax);
  const windowFailures = optionalInteger(
    own(p, 'windowFailures', p.windowFailures),
    'policy.windowFailures',
    1,
    MAX_COUNT,
    d.windowFailures,
  );
  const windowMs = optionalInteger(own(p, 'windowMs', p.windowMs), 'policy.windowMs', 1, MAX_DURATION, d.windowMs);
  const interval = Math.ceil(windowMs / windowFailures);
  const capacity = interval * windowFailures;
  return { maxFailures, lockoutMs, backoff, maxLockoutMs, windowFailures, windowMs, interval, capacity };
}

/** Reads a stored state: `null`/`undefined` is fresh; a missing field is 0; a malformed one throws. */
function readState(state: ThrottleState | null | undefined): ThrottleState {
  if (state === null || state === undefined) return { failures: 0, lastFailureAt: 0, windowUntil: 0 };
  if (typeof state !== 'object' || Array.isArray(state)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `"state" must be an object or null (received ${describeType(state)})`);
  }
  const field = (key: keyof ThrottleState, value: unknown): number => {
    const read = own(state, key, value);
    return read === undefined ? 0 : assertFiniteNumber(read, `state.${key}`, 0, MAX_TIME);
  };
  const failures = field('failures', state.failures);
  if (!Number.isInteger(failures)) {
    throw rangeError('ERR_OUT_OF_RANGE', `"state.failures" must be an integer (received ${failures})`);
  }
  const lastFailureAt = field('lastFailureAt', state.lastFailureAt);
  return { failures, lastFailureAt, windowUntil: field('windowUntil', state.windowUntil) };
}

/**
 * The three arguments every throttling function takes, checked: the policy (filled in), the state (fresh if
 * `null`), and `now` in whole milliseconds since the epoch, as `Date.now()` gives, so that states hold integers.
 */
function readArguments(
  state: ThrottleState | null | undefined,
  policy: Partial<ThrottlePolicy> | undefined,
  now: number,
): [Policy, ThrottleState, number] {
  return [readPolicy(policy), readState(state), assertInteger(now, 'now', 0, MAX_TIME)];
}

/** The wait after `failures` failures in a row (0 below the threshold). */
function lockout(policy: Policy, failures: number): number {
  const k = failures - policy.maxFailures + 1; // 1 at the threshold
  if (k < 1) return 0;
  const { lockoutMs, maxLockoutMs, backoff } = policy;
  const factor = backoff === 'fixed' ? 1 : backoff === 'linear' ? k : 2 ** Math.min(k - 1, 64);
  return Math.min(lockoutMs * factor, maxLockoutMs);
}

/**
 * Says whether an attempt may be checked now, and if not, when.
 *
 * @param state - The stored state; `null` or `undefined` for a user with no failures.
 * @param policy - The policy; fields left out take {@link DEFAULT_THROTTLE_POLICY}'s values; `undefined` is the
 *   default policy.
 * @param now - The current time in whole ms since the epoch (`Date.now()`), read by the caller once.
 * @returns `{ allowed, retryAfterMs, nextAttemptAt }`. A clock that went backwards only makes the wait longer.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a state, policy or `now` of the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` / `ERR_INVALID_ARG_VALUE` for a field out of range.
 * @example
 * ```ts
 * throttle(null, DEFAULT_THROTTLE_POLICY, 1_000); // => { allowed: true, retryAfterMs: 0, nextAttemptAt: 1000 }
 * throttle({ failures: 5, lastFailureAt: 1_000, windowUntil: 0 }, undefined, 61_000);
 * // => { allowed: false, retryAfterMs: 840000, nextAttemptAt: 901000 }
 * ```
 */
export function throttle(
  state: ThrottleState | null | undefined,
  policy: Partial<ThrottlePolicy> | undefined,
  now: number,
): ThrottleDecision {
  const [p, s, time] = readArguments(state, policy, now);
  const lockedUntil = s.lastFailureAt + lockout(p, s.failures);
  // The bucket has room for one more failure while its backlog after it stays within its capacity.
  const bucketOpensAt = s.windowUntil + p.interval - p.capacity;
  const nextAttemptAt = Math.max(lockedUntil, bucketOpensAt, time);
  return nextAttemptAt <= time
    ? { allowed: true, retryAfterMs: 0, nextAttemptAt: time }
    : { allowed: false, retryAfterMs: nextAttemptAt - time, nextAttemptAt };
}

/**
 * The state after a failed attempt at `now`: one more failure in a row, and one more in the long window. Call it
 * only for attempts that {@link throttle} allowed.
 *
 * @param state - The stored state (`null`/`undefined`: fresh).
 * @param policy - As for {@link throttle}.
 * @param now - The time of the attempt, in ms since the epoch.
 * @returns A new plain object to store; the argument is not modified.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE`; {RangeError} `ERR_OUT_OF_RANGE`, as for {@link throttle}.
 * @example
 * ```ts
 * recordFailure(null, DEFAULT_THROTTLE_POLICY, 1_000); // => { failures: 1, lastFailureAt: 1000, windowUntil: 8641000 }
 * ```
 */
export function recordFailure(
  state: ThrottleState | null | undefined,
  policy: Partial<ThrottlePolicy> | undefined,
  now: number,
): ThrottleState {
  const [p, s, time] = readArguments(state, policy, now);
  return {
    failures: Math.min(s.failures + 1, MAX_COUNT),
    lastFailureAt: Math.max(s.lastFailureAt, time),
    windowUntil: Math.max(s.windowUntil, time) + p.interval,
  };
}

/**
 * The state after a successful attempt at `now`: no failures in a row (the back-off starts over), and the
 * long-window allowance of this attempt given back (a server that counts each attempt as a failure before
 * checking it thus never uses the cap up with the user's own logins). The failures before it stay in the long
 * window.
 *
 * @param state - The stored state (`null`/`undefined`: fresh).
 * @param policy - As for {@link throttle}.
 * @param now - The time of the attempt, in ms since the epoch.
 * @returns A new plain object to store.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE`; {RangeError} `ERR_OUT_OF_RANGE`, as for {@link throttle}.
 * @example
 * ```ts
 * recordSuccess({ failures: 1, lastFailureAt: 1_000, windowUntil: 8_641_000 }, undefined, 2_000);
 * // => { failures: 0, lastFailureAt: 1000, windowUntil: 2000 }
 * ```
 */
export function recordSuccess(
  state: ThrottleState | null | undefined,
  policy: Partial<ThrottlePolicy> | undefined,
  now: number,
): ThrottleState {
  const [p, s, time] = readArguments(state, policy, now);
  return { failures: 0, lastFailureAt: s.lastFailureAt, windowUntil: Math.max(s.windowUntil - p.interval, time) };
}

/** Options for {@link bruteForceOdds}. */
export interface BruteForceOddsOptions {
  /** Code length, 6 to 8. */
  digits: Digits;
  /** Steps accepted on either side of the current one (TOTP) or counters looked ahead (HOTP), 0 to 100. */
  window: number;
  /** Codes the attacker submits, 0 to 2^53 − 1. */
  attempts: number;
  /** `'totp'` (default: `2 × window + 1` codes accepted at a time) or `'hotp'` (`window + 1`, RFC 4226 §7.4). */
  type?: 'totp' | 'hotp' | undefined;
  /** A TOTP `drift` in use (−20 to 20): the window around it is accepted too, as `verifyTotp` does. */
  drift?: number | undefined;
}

/** The attacker's chances, by RFC 4226 Appendix A. */
export interface BruteForceOdds {
  /**
   * The success probability of the best brute-force attack (Appendix A.4.2, Proposition 1, continued past
   * `attempts = r` with the less likely values): it guesses the values the modulo bias favours first.
   * Proposition 2 shows no attack does better, and it bounds guessing against a moving TOTP window too.
   */
  probability: number;
  /** The upper bound `s·v·(q + 1) / 2^31` of Appendix A.4.3 (Proposition 2) and A.5 (Theorem 1), at most 1. */
  bound: number;
  /** `s`: how many codes are accepted at once (the window's size). */
  acceptedCodes: number;
}

/**
 * The chance that an attacker who submits `attempts` codes gets one accepted (RFC 4226 Appendix A), for choosing
 * throttling limits. With `m = 10^digits` and `(q, r) = IntDiv(2^31, m)`, each of the `r` most likely values has
 * probability `(q + 1) / 2^31`; `s` codes are accepted at a time.
 *
 * @param options - `digits`, `window`, `attempts`, and `type` (`'totp'`/`'hotp'`) and `drift`.
 * @returns `{ probability, bound, acceptedCodes }`.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for options of the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` / `ERR_INVALID_ARG_VALUE` for values out of range.
 * @example
 * ```ts
 * bruteForceOdds({ digits: 6, window: 0, attempts: 1, type: 'hotp' }).bound;
 * // => 0.000001000240445137024 (2148 / 2^31, RFC 4226 Appendix A.4.1)
 * bruteForceOdds({ digits: 6, window: 1, attempts: 375 }).probability;
 * // => 0.0011248484756516007 (375 guesses: a year of the default policy, see the README)
 * ```
 */
export function bruteForceOdds(options: BruteForceOddsOptions): BruteForceOdds {
  const o = optionsBag(options, 'options');
  const digits = assertInteger(own(o, 'digits', o.digits), 'options.digits', 6, 8);
  const window = assertInteger(own(o, 'window', o.window), 'options.window', 0, MAX_WINDOW);
  const attempts = assertInteger(own(o, 'attempts', o.attempts), 'options.attempts', 0, Number.MAX_SAFE_INTEGER);
  const type = optionalOneOf(own(o, 'type', o.type), 'options.type', ['totp', 'hotp'], 'totp');
  const driftOption = own(o, 'drift', o.drift);
  const drift =
    driftOption === undefined ? undefined : assertInteger(driftOption, 'options.drift', -MAX_DRIFT, MAX_DRIFT);
  if (type === 'hotp' && drift !== undefined) {
    throw rangeError('ERR_INVALID_ARG_VALUE', `"options.drift" applies to 'totp' only`);
  }
  const s = type === 'hotp' ? window + 1 : acceptedOffsets(window, drift);
  const m = 10 ** digits;
  const n = 2 ** 31;
  const q = Math.floor(n / m);
  const r = n - q * m;
  // The attacker's v distinct guesses cover this share of the 31-bit values: the r likelier ones first.
  const v = Math.min(attempts, m);
  const covered = v <= r ? v * (q + 1) : r * (q + 1) + (v - r) * q;
  // 1 − (1 − covered/n)^s, computed without cancellation for small chances.
  const probability = covered >= n ? 1 : -Math.expm1(s * Math.log1p(-covered / n));
  return { probability, bound: Math.min(1, (s * attempts * (q + 1)) / n), acceptedCodes: s };
}

/** How many step offsets `verifyTotp` accepts with this `window` and `drift`: its own rule, counted. */
function acceptedOffsets(width: number, drift: number | undefined): number {
  const window = totpWindow(width, drift);
  let count = 0;
  for (let offset = window.first; offset <= window.last; offset++) if (inWindow(window, offset)) count++;
  return count;
}
