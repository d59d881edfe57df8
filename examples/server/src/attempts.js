// Attempt throttling with totp-config's pure functions (throttle, recordFailure, recordSuccess) over a state
// kept in the users table, one JSON column per kind of attempt ('password_throttle', 'mfa_throttle').
//
// The state is computed here, in JavaScript, so reading it and writing the new one must not interleave with
// another request doing the same: otherwise fifty parallel guesses all read "4 failures, allowed", and all
// fifty are checked. Two things prevent that:
//   - the user's row is locked (SELECT ... FOR UPDATE) while its state is read and the new one written;
//   - an attempt is counted as a failure *before* the code is checked ("charged"), and a success then resets
//     the state. So every attempt is on record before it can succeed, and parallel requests cannot outrun
//     the count: with a limit of 5, fifty parallel guesses give 5 checks and 45 answers of 429.
import { recordFailure, recordSuccess, throttle } from './totp.js';

// Column names cannot be query parameters: only these two, never anything from a request, reach the SQL.
const COLUMNS = new Set(['password_throttle', 'mfa_throttle']);

function column(name) {
  if (!COLUMNS.has(name)) throw new Error(`unknown throttle column ${name}`);
  return name;
}

/**
 * The policy in THROTTLE_POLICY: JSON, a partial ThrottlePolicy whose missing fields the library fills in from its
 * DEFAULT_THROTTLE_POLICY (and so derives maxLockoutMs from lockoutMs as it documents). Checked now, by the
 * library itself, so that a bad policy stops the server at start rather than failing the first sign-in.
 * @returns {object | undefined} undefined when unset: the library's default policy.
 * @throws {TypeError | RangeError} saying what is wrong (a policy is configuration, not a secret).
 * @example
 * policyFromEnv({ THROTTLE_POLICY: '{"lockoutMs":172800000}' }); // => { lockoutMs: 172800000 }
 * policyFromEnv({ THROTTLE_POLICY: '{"maxFailures":0}' });
 * // throws RangeError: THROTTLE_POLICY: "policy.maxFailures" must be an integer from 1 to 1000000000 (received 0)
 */
export function policyFromEnv(env = process.env) {
  const text = env.THROTTLE_POLICY;
  if (text === undefined || text === '') return undefined;
  let policy;
  try {
    policy = JSON.parse(text);
  } catch {
    throw new TypeError('THROTTLE_POLICY must be JSON');
  }
  try {
    throttle(null, policy, Date.now());
  } catch (error) {
    const Type = error instanceof TypeError ? TypeError : RangeError;
    throw new Type(`THROTTLE_POLICY: ${error.message}`, { cause: error });
  }
  return policy;
}

/**
 * Counts one attempt for `userId`, if the policy allows one now.
 * @returns {Promise<{ allowed: boolean, retryAfterMs: number }>} when not allowed, nothing was counted.
 */
export async function chargeAttempt(db, userId, kind, policy) {
  const col = column(kind);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(`SELECT ${col} AS state FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    if (rows.length === 0) return { allowed: false, retryAfterMs: 0 };
    // The time is read once the lock is held: a request that waited for it must not record an earlier time
    // than the one that went before it.
    const now = Date.now();
    const verdict = throttle(rows[0].state, policy, now);
    if (!verdict.allowed) return { allowed: false, retryAfterMs: verdict.retryAfterMs };
    const next = recordFailure(rows[0].state, policy, now);
    await tx.query(`UPDATE users SET ${col} = $1::jsonb WHERE id = $2`, [JSON.stringify(next), userId]);
    return { allowed: true, retryAfterMs: 0 };
  });
}

/** Records that the attempt charged last succeeded. */
export async function settleSuccess(db, userId, kind, policy) {
  const col = column(kind);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query(`SELECT ${col} AS state FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    if (rows.length === 0) return;
    const next = recordSuccess(rows[0].state, policy, Date.now());
    await tx.query(`UPDATE users SET ${col} = $1::jsonb WHERE id = $2`, [JSON.stringify(next), userId]);
  });
}
