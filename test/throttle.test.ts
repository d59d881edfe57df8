// Throttling: the policy's schedule (threshold, fixed/linear/exponential waits, the cap on a single wait, the
// long-window cap), purity and JSON round trips, the errors; RFC 4226 Appendix A's arithmetic for
// bruteForceOdds; and the README's year table recomputed from the functions themselves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  bruteForceOdds,
  DEFAULT_THROTTLE_POLICY,
  recordFailure,
  recordSuccess,
  throttle,
  type ThrottlePolicy,
  type ThrottleState,
} from '../src/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const T0 = 1_800_000_000_000;
const NO_CAP = { windowFailures: 1_000_000_000, windowMs: 1 };

/** Records `n` failures, each at the earliest time the policy allows; returns the state and the times. */
function failRepeatedly(
  policy: Partial<ThrottlePolicy>,
  n: number,
  start = T0,
): { state: ThrottleState; times: number[] } {
  let state: ThrottleState | null = null;
  const times: number[] = [];
  let now = start;
  for (let i = 0; i < n; i++) {
    now = Math.max(now, throttle(state, policy, now).nextAttemptAt);
    times.push(now);
    state = recordFailure(state, policy, now);
  }
  return { state: state!, times };
}

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]);

test('defaults: 5 free failures, then 15 min, 30 min, 1 h … doubling up to 24 h', () => {
  assert.deepEqual(
    { ...DEFAULT_THROTTLE_POLICY },
    {
      maxFailures: 5,
      lockoutMs: 15 * MINUTE,
      backoff: 'exponential',
      maxLockoutMs: DAY,
      windowFailures: 10,
      windowMs: DAY,
    },
  );
  assert.ok(Object.isFrozen(DEFAULT_THROTTLE_POLICY));
  const { times } = failRepeatedly({ ...DEFAULT_THROTTLE_POLICY, ...NO_CAP }, 14);
  const minutes = gaps(times).map((g) => g / MINUTE);
  assert.deepEqual(minutes, [0, 0, 0, 0, 15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
});

test('backoff: fixed, linear (RFC 4226 §7.3: T·A) and exponential, each capped by maxLockoutMs', () => {
  const base = { maxFailures: 3, lockoutMs: 10_000, maxLockoutMs: 45_000, ...NO_CAP };
  const seconds = (backoff: ThrottlePolicy['backoff']) =>
    gaps(failRepeatedly({ ...base, backoff }, 9).times).map((g) => g / 1000);
  assert.deepEqual(seconds('fixed'), [0, 0, 10, 10, 10, 10, 10, 10]);
  assert.deepEqual(seconds('linear'), [0, 0, 10, 20, 30, 40, 45, 45]);
  assert.deepEqual(seconds('exponential'), [0, 0, 10, 20, 40, 45, 45, 45]);
});

test('throttle answers with the wait, and allows exactly at nextAttemptAt', () => {
  const policy = { maxFailures: 2, lockoutMs: 5_000 };
  const state = failRepeatedly(policy, 2).state;
  assert.deepEqual(throttle(state, policy, T0 + 1_000), {
    allowed: false,
    retryAfterMs: 4_000,
    nextAttemptAt: T0 + 5_000,
  });
  assert.deepEqual(throttle(state, policy, T0 + 5_000), { allowed: true, retryAfterMs: 0, nextAttemptAt: T0 + 5_000 });
  assert.deepEqual(throttle(null, policy, T0), { allowed: true, retryAfterMs: 0, nextAttemptAt: T0 });
  assert.deepEqual(throttle(undefined, undefined, T0).allowed, true);
  // A clock that went backwards: the wait only grows.
  assert.equal(throttle(state, policy, T0 - 60_000).retryAfterMs, 65_000);
});

test('success resets the failures in a row, not the long window; it gives back one attempt of it', () => {
  const policy = { maxFailures: 3, lockoutMs: HOUR, windowFailures: 4, windowMs: 4 * HOUR };
  let state = failRepeatedly(policy, 3).state;
  assert.equal(throttle(state, policy, T0 + 1).allowed, false);
  state = recordSuccess(state, policy, T0 + HOUR);
  assert.equal(state.failures, 0);
  assert.equal(throttle(state, policy, T0 + HOUR).allowed, true);
  // The three failures are still in the 4-per-4-hours window: one hour has drained one of them and the success
  // gave one back, so three more fit now, and then the next waits an hour.
  for (let i = 0; i < 3; i++) {
    assert.equal(throttle(state, policy, T0 + HOUR).allowed, true);
    state = recordFailure(state, policy, T0 + HOUR);
  }
  const decision = throttle(state, policy, T0 + HOUR);
  assert.equal(decision.allowed, false);
  assert.equal(decision.nextAttemptAt, T0 + 2 * HOUR);
});

test('charge first, forgive on success: daily logins never use the long window up', () => {
  const policy = { ...DEFAULT_THROTTLE_POLICY, windowFailures: 3 };
  let state: ThrottleState | null = null;
  for (let day = 0; day < 30; day++) {
    for (let login = 0; login < 20; login++) {
      const now = T0 + day * DAY + login * MINUTE;
      assert.equal(throttle(state, policy, now).allowed, true, `day ${day}, login ${login}`);
      state = recordSuccess(recordFailure(state, policy, now), policy, now);
    }
  }
});

test('the long-window cap: a burst of windowFailures, then one every windowMs / windowFailures', () => {
  const policy = { maxFailures: 1_000, windowFailures: 6, windowMs: 6 * HOUR };
  const { times } = failRepeatedly(policy, 10);
  assert.deepEqual(
    gaps(times).map((g) => g / HOUR),
    [0, 0, 0, 0, 0, 1, 1, 1, 1],
  );
});

test('pure: states are plain JSON, arguments are never modified, partial and stored states read back', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3 * HOUR })), { maxLength: 40 }),
      fc.constantFrom<ThrottlePolicy['backoff']>('fixed', 'linear', 'exponential'),
      (events, backoff) => {
        const policy = { maxFailures: 3, lockoutMs: MINUTE, backoff, windowFailures: 5, windowMs: DAY };
        let state: ThrottleState | null = null;
        let now = T0;
        for (const [success, wait] of events) {
          now += wait;
          const before: string = JSON.stringify(state);
          const next: ThrottleState = success ? recordSuccess(state, policy, now) : recordFailure(state, policy, now);
          assert.equal(JSON.stringify(state), before, 'the argument is unchanged');
          assert.deepEqual(JSON.parse(JSON.stringify(next)), next, 'a JSON round trip changes nothing');
          assert.deepEqual(Object.keys(next).sort(), ['failures', 'lastFailureAt', 'windowUntil']);
          const decision = throttle(next, policy, now);
          assert.ok(decision.allowed ? decision.retryAfterMs === 0 : decision.retryAfterMs > 0);
          assert.equal(decision.nextAttemptAt, now + decision.retryAfterMs);
          state = next;
        }
      },
    ),
    { numRuns: 300 },
  );
  // An older state without windowUntil, as a first version stored it, reads as an empty long window.
  assert.equal(
    throttle({ failures: 5, lastFailureAt: T0 } as ThrottleState, undefined, T0 + 15 * MINUTE).allowed,
    true,
  );
});

test('bad states, policies and times are typed, coded errors', () => {
  const bad: [() => unknown, string][] = [
    [() => throttle('x' as never, undefined, T0), 'ERR_INVALID_ARG_TYPE'],
    [() => throttle([] as never, undefined, T0), 'ERR_INVALID_ARG_TYPE'],
    [() => throttle({ failures: -1 } as never, undefined, T0), 'ERR_OUT_OF_RANGE'],
    [() => throttle({ failures: 1.5 } as never, undefined, T0), 'ERR_OUT_OF_RANGE'],
    [() => throttle({ failures: '3' } as never, undefined, T0), 'ERR_INVALID_ARG_TYPE'],
    [() => throttle({ lastFailureAt: NaN } as never, undefined, T0), 'ERR_OUT_OF_RANGE'],
    [() => throttle(null, { maxFailures: 0 }, T0), 'ERR_OUT_OF_RANGE'],
    [() => throttle(null, { lockoutMs: 0 }, T0), 'ERR_OUT_OF_RANGE'],
    [() => throttle(null, { lockoutMs: HOUR, maxLockoutMs: MINUTE }, T0), 'ERR_OUT_OF_RANGE'],
    [() => throttle(null, { backoff: 'quadratic' as never }, T0), 'ERR_INVALID_ARG_VALUE'],
    [() => throttle(null, { windowFailures: 0 }, T0), 'ERR_OUT_OF_RANGE'],
    [() => throttle(null, 5 as never, T0), 'ERR_INVALID_ARG_TYPE'],
    [() => throttle(null, undefined, -1), 'ERR_OUT_OF_RANGE'],
    [() => throttle(null, undefined, NaN), 'ERR_OUT_OF_RANGE'],
    [() => recordFailure(null, undefined, '1' as never), 'ERR_INVALID_ARG_TYPE'],
    [() => recordSuccess(null, undefined, Infinity), 'ERR_OUT_OF_RANGE'],
  ];
  for (const [call, code] of bad) assert.throws(call, { code }, call.toString());
  // Inherited policy fields are not read.
  const inherited = Object.create({ maxFailures: 1_000_000 }) as ThrottlePolicy;
  assert.equal(throttle(failRepeatedly({}, 5).state, inherited, T0).allowed, false);
});

test('bruteForceOdds is RFC 4226 Appendix A: (q, r) = IntDiv(2^31, 10^Digit), Proposition 1 and Theorem 1', () => {
  // A.4.1: for Digit = 6, q = 2147, r = 483,648; the likelier values have probability 2148/2^31 ≈ 1.00024045/10^6.
  const one = bruteForceOdds({ digits: 6, window: 0, attempts: 1, type: 'hotp' });
  assert.equal(one.bound, 2148 / 2 ** 31);
  assert.equal(one.probability, 2148 / 2 ** 31);
  assert.equal(Number((one.bound * 1e6).toFixed(8)), 1.00024045);
  assert.equal(one.acceptedCodes, 1);
  // A.4.2, Proposition 1: Adv = 1 − (1 − v(q+1)/2^31)^s, about s·v·(q+1)/2^31; s = window + 1 for HOTP.
  for (const [digits, q] of [
    [6, 2147],
    [7, 214],
    [8, 21],
  ] as const) {
    for (const [window, v] of [
      [0, 5],
      [2, 100],
      [9, 1000],
    ]) {
      const s = window + 1;
      const odds = bruteForceOdds({ digits, window, attempts: v, type: 'hotp' });
      assert.ok(Math.abs(odds.probability - (1 - (1 - (v * (q + 1)) / 2 ** 31) ** s)) < 1e-15);
      assert.equal(odds.bound, (s * v * (q + 1)) / 2 ** 31);
      assert.ok(odds.probability <= odds.bound);
    }
  }
  // §6: Sec ≈ sv/10^Digit. TOTP accepts 2·window + 1 steps; with a drift, the union of both windows.
  assert.equal(bruteForceOdds({ digits: 6, window: 1, attempts: 1 }).acceptedCodes, 3);
  assert.equal(bruteForceOdds({ digits: 6, window: 1, attempts: 1, drift: 5 }).acceptedCodes, 6);
  assert.equal(bruteForceOdds({ digits: 6, window: 1, attempts: 1, drift: 1 }).acceptedCodes, 4);
  assert.equal(bruteForceOdds({ digits: 6, window: 2, attempts: 1, drift: 20 }).acceptedCodes, 8); // ≤ 20 steps
  // Past r guesses the attacker is left with the less likely values; all 10^6 of them is certain success.
  const r = 483_648;
  const past = bruteForceOdds({ digits: 6, window: 0, attempts: r + 10, type: 'hotp' });
  assert.ok(Math.abs(past.probability - (r * 2148 + 10 * 2147) / 2 ** 31) < 1e-15);
  assert.equal(bruteForceOdds({ digits: 6, window: 0, attempts: 1_000_000, type: 'hotp' }).probability, 1);
  assert.equal(bruteForceOdds({ digits: 8, window: 1, attempts: 2 ** 40 }).bound, 1);
  assert.equal(bruteForceOdds({ digits: 6, window: 1, attempts: 0 }).probability, 0);
  for (const options of [{ digits: 5 }, { window: 101 }, { attempts: -1 }, { type: 'totp ' }, { drift: 21 }]) {
    assert.throws(() => bruteForceOdds({ digits: 6, window: 1, attempts: 1, ...options } as never), RangeError);
  }
  assert.throws(() => bruteForceOdds({ digits: 6, window: 1, attempts: 1, type: 'hotp', drift: 1 }), {
    code: 'ERR_INVALID_ARG_VALUE',
  });
  assert.throws(() => bruteForceOdds(undefined as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

/** Guesses an attacker who knows the password gets in a year; with `userEvery`, the user signs in that often. */
function guessesInAYear(policy: Partial<ThrottlePolicy>, userEvery = Infinity): number {
  let state: ThrottleState | null = null;
  let guesses = 0;
  let nextLogin = userEvery;
  for (;;) {
    const at = throttle(state, policy, 0).nextAttemptAt;
    if (nextLogin <= at && nextLogin < YEAR) {
      // The user was waiting to sign in: they go first, charged and then forgiven, as a server does.
      state = recordSuccess(recordFailure(state, policy, at), policy, at);
      nextLogin += userEvery;
      continue;
    }
    if (at >= YEAR) return guesses;
    state = recordFailure(state, policy, at);
    guesses++;
  }
}

const percent = (p: number): string => `${Number((p * 100).toPrecision(2))} %`;

test('the README year table is what the functions compute', (t) => {
  const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
  const table = readme.split('<!-- throttle-year')[1]?.split('\n\n')[0];
  assert.ok(table, 'the README has the year table');
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !/^\| (Policy|---)/.test(line));
  const expected = [
    guessesInAYear(DEFAULT_THROTTLE_POLICY),
    guessesInAYear(DEFAULT_THROTTLE_POLICY, DAY),
    guessesInAYear({ maxFailures: 5, lockoutMs: 15 * MINUTE, backoff: 'fixed', ...NO_CAP }),
    10 * 365 * 24 * 3600,
  ];
  assert.equal(rows.length, expected.length);
  rows.forEach((row, i) => {
    const [, guesses, six, eight] = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const v = expected[i];
    const odds = (digits: 6 | 8) => percent(bruteForceOdds({ digits, window: 1, attempts: v }).probability);
    assert.deepEqual([guesses, six, eight], [v.toLocaleString('en-US'), odds(6), odds(8)], row);
    t.diagnostic(`${v} guesses: ${odds(6)} (6 digits), ${odds(8)} (8 digits)`);
  });
  // "Even odds after 206,250 guesses": the first number of guesses with probability ≥ 1/2.
  const even = Number(/even odds come after ([\d,]+) guesses/.exec(readme)![1].replaceAll(',', ''));
  assert.ok(bruteForceOdds({ digits: 6, window: 1, attempts: even }).probability >= 0.5);
  assert.ok(bruteForceOdds({ digits: 6, window: 1, attempts: even - 1 }).probability < 0.5);
});
