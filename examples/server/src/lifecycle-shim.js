// ============================================================================================================
// TEMPORARY SHIM. Delete this file once totp-config itself exports generateRecoveryCodes, hashRecoveryCode,
// verifyRecoveryCode, throttle, recordFailure, recordSuccess and DEFAULT_THROTTLE_POLICY (branch h/lifecycle).
// src/totp.js already prefers the package's own functions when it has them; nothing else imports this file.
//
// It implements the agreed signatures naively, so that the server can be built and tested before they land:
// recovery codes as plain SHA-256 hex digests, throttling as a counter of consecutive failures with a fixed
// lock-out. Do not copy it: the library's versions are the ones to use.
// ============================================================================================================
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// Crockford's base32 alphabet: no I, L, O or U, so what people misread can be mapped back (see normalise).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 24; // 24 × 5 = 120 bits, over the 112 that make a plain hash a sound way to store a code
const PREFIX = '$shim-sha256$';

/**
 * @param {{ count?: number }} [options]
 * @returns {string[]} `count` (default 10) codes, 120 bits each, as `xxxx-xxxx-xxxx-xxxx-xxxx-xxxx`.
 */
export function generateRecoveryCodes(options = {}) {
  const count = options.count ?? 10;
  return Array.from({ length: count }, () => {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += (i > 0 && i % 4 === 0 ? '-' : '') + ALPHABET[randomInt(32)];
    return code;
  });
}

/** Upper case, no spaces or dashes, O→0 and I/L→1; null when what remains is not a code. */
function normalise(input) {
  if (typeof input !== 'string' || input.length > 256) return null;
  const text = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return text.length === CODE_LENGTH && [...text].every((c) => ALPHABET.includes(c)) ? text : null;
}

/**
 * @param {string} code
 * @returns {string} `$shim-sha256$<hex digest of the normalised code>`
 */
export function hashRecoveryCode(code) {
  const text = normalise(code);
  if (text === null) throw new RangeError('"code" is not a recovery code');
  return PREFIX + createHash('sha256').update(text).digest('hex');
}

/**
 * @param {unknown} input - what the user typed
 * @param {string[]} storedHashes
 * @returns {number} the index of the matching hash, or -1; every hash is compared, in constant time.
 */
export function verifyRecoveryCode(input, storedHashes) {
  const text = normalise(input);
  const digest = createHash('sha256')
    .update(text ?? '')
    .digest();
  let found = -1;
  storedHashes.forEach((stored, index) => {
    if (typeof stored !== 'string' || !stored.startsWith(PREFIX)) throw new TypeError('malformed stored hash');
    const equal = timingSafeEqual(digest, Buffer.from(stored.slice(PREFIX.length), 'hex'));
    if (equal && text !== null && found === -1) found = index;
  });
  return found;
}

/** After `maxFailures` consecutive failures, no attempt is allowed until `lockoutMs` after the last one. */
export const DEFAULT_THROTTLE_POLICY = Object.freeze({ maxFailures: 5, lockoutMs: 15 * 60_000 });

/**
 * @param {{ failures: number, lastFailureAt: number } | null | undefined} state
 * @param {{ maxFailures: number, lockoutMs: number }} policy
 * @param {number} now - ms since the epoch
 * @returns {{ allowed: boolean, retryAfterMs: number, nextAttemptAt: number }}
 */
export function throttle(state, policy, now) {
  if (!state || state.failures < policy.maxFailures) return { allowed: true, retryAfterMs: 0, nextAttemptAt: now };
  const nextAttemptAt = state.lastFailureAt + policy.lockoutMs;
  return now >= nextAttemptAt
    ? { allowed: true, retryAfterMs: 0, nextAttemptAt: now }
    : { allowed: false, retryAfterMs: nextAttemptAt - now, nextAttemptAt };
}

/** @returns the state after one more failure at `now`. */
export function recordFailure(state, _policy, now) {
  return { failures: (state?.failures ?? 0) + 1, lastFailureAt: now };
}

/** @returns the state after a success: fresh. */
export function recordSuccess() {
  return { failures: 0, lastFailureAt: 0 };
}
