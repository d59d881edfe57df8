/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) codes: generation and verification.
 *
 * A code is HMAC(secret, counter) reduced by RFC 4226 §5.3 dynamic truncation to `digits` decimal digits. For
 * TOTP the counter is the time step T = floor((unix time − T0) / period) of RFC 6238 §4. Counters are split into
 * two 32-bit halves, never BigInt, so steps beyond 2^32 (year 2106 at 1 s periods, RFC 6238's 20000000000 s
 * vector) are exact and the hot path allocates nothing but the returned string.
 *
 * Verification compares in constant time and always computes every code of the window, so its timing does not
 * depend on which step (if any) matched. It returns the matched step so callers can refuse replays with `after`.
 *
 * @module
 */
import { rangeError } from './errors.js';
import { assertInteger, assertOptions, optionalInteger, optionalOneOf } from './internal/assert.js';
import { assertFiniteNumber, secretLength } from './internal/assert-otp.js';
import { type HashCore, hashCore, macCounterInto, prepareKeyStates } from './hmac.js';
import { ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD, MAX_DIGITS, MIN_DIGITS, type Algorithm } from './uri.js';

/** Options shared by every HOTP/TOTP function. */
export interface OtpOptions {
  /** HMAC hash function (RFC 6238 §1.2). Default `'SHA1'`. Exact upper-case names only. */
  algorithm?: Algorithm;
  /** Code length, 6 to 8 (RFC 4226 §5.3, Key URI Format `digits`). Default 6. */
  digits?: number;
}

/** Options for {@link generateTotp}. */
export interface TotpOptions extends OtpOptions {
  /** The time to compute the code for, in milliseconds since the Unix epoch. Default `Date.now()`. */
  time?: number;
  /** Time step X of RFC 6238 §4, in seconds, 1 to 2^31 − 1. Default 30. */
  period?: number;
  /** T0 of RFC 6238 §4: the Unix time, in seconds, to start counting steps from. Default 0. */
  t0?: number;
}

/** Options for {@link verifyTotp}. */
export interface VerifyTotpOptions extends TotpOptions {
  /** Steps accepted on either side of the current one (clock drift, RFC 6238 §5.2), 0 to 100. Default 1. */
  window?: number;
  /**
   * The last step this secret was accepted at: steps at or before it are rejected, so a code cannot be used
   * twice (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP"). `null`/`undefined`:
   * no previous step.
   */
  after?: number | null;
}

/** Options for {@link verifyHotp}. */
export interface VerifyHotpOptions extends OtpOptions {
  /** The next counter value expected from the token (RFC 4226 §7.2). Required. */
  counter: number;
  /** Look-ahead: counters `counter` … `counter + window` are accepted (RFC 4226 §7.4), 0 to 100. Default 1. */
  window?: number;
}

/** A successful {@link verifyTotp}: the time step the token matched and its distance from the current step. */
export interface TotpMatch {
  /** The matched time step T (RFC 6238 §4). Store it and pass it back as `after` to refuse replays. */
  step: number;
  /** `step` minus the current step, from `-window` to `window`. */
  delta: number;
}

/** A successful {@link verifyHotp}: the counter the token matched and its distance from the expected one. */
export interface HotpMatch {
  /** The matched counter. The next expected counter is `counter + 1` (RFC 4226 §7.2). */
  counter: number;
  /** `counter` minus the expected counter, from 0 to `window`. */
  delta: number;
}

const DEFAULT_WINDOW = 1;
/** Largest `window`: 100 steps either side is already 50 minutes at 30 s periods. */
const MAX_WINDOW = 100;
const MAX_PERIOD = 2147483647;
/** Largest T0: any later and T0 × 1000 ms is no longer an exact integer. */
const MAX_T0 = Math.floor(Number.MAX_SAFE_INTEGER / 1000);
const TWO_32 = 4294967296;
/** 10^digits, the modulus of RFC 4226 §5.3 step 3, for digits 0 to 8. */
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

// Key states and the MAC output, reused by every call (all synchronous; 16 words fit SHA-512's 64-byte state).
const INNER = /* @__PURE__ */ new Int32Array(16);
const OUTER = /* @__PURE__ */ new Int32Array(16);
const STATE = /* @__PURE__ */ new Int32Array(16);

/**
 * Dynamic truncation of RFC 4226 §5.3 on a MAC held as big-endian int32 words: the low 4 bits of the last byte
 * give an offset, and the 31 bits at that offset are the code before `mod 10^digits`.
 */
function truncate(state: Int32Array, stateWords: number): number {
  const offset = state[stateWords - 1] & 0xf;
  const i = offset >> 2;
  const shift = (offset & 3) << 3;
  const word = shift === 0 ? state[i] : (state[i] << shift) | (state[i + 1] >>> (32 - shift));
  return word & 0x7fffffff;
}

/** Zero-pads `value` (below 10^digits) to `digits` characters: one number-to-string conversion, no loop. */
function pad(value: number, digits: number): string {
  return String(value + POW10[digits]).slice(1);
}

/**
 * Key bytes decoded from base32 text, wiped after each call. 128 bytes is SHA-512's block size; text decoding to
 * more (over 205 characters) is longer than every block, so it is hashed first anyway and gets an array of its
 * own.
 */
const KEY = /* @__PURE__ */ new Uint8Array(128);

/**
 * Prepares the HMAC key states {@link INNER}/{@link OUTER} for `secret` (base32 text or bytes), validating it.
 * Text is decoded without allocating (most secrets), and the decoded key is wiped even when decoding throws.
 */
function prepareSecret(core: HashCore, secret: unknown): void {
  // `size` bytes are all decoding can write (decodeInto's contract): they are wiped even if it throws half-way.
  const text = typeof secret === 'string';
  const size = text ? Math.floor((secret.length * 5) / 8) : 0;
  const key = !text ? (secret as Uint8Array) : size > KEY.length ? new Uint8Array(size) : KEY;
  try {
    prepareKeyStates(core, key, secretLength(secret, 'secret', key), INNER, OUTER);
  } finally {
    for (let i = 0; i < size; i++) key[i] = 0;
  }
}

/** Reads `algorithm` and `digits` from a validated options object. */
function readAlgorithm(options: Partial<OtpOptions>): Algorithm {
  const algorithm = options.algorithm;
  return optionalOneOf(algorithm, 'algorithm', ALGORITHMS, DEFAULT_ALGORITHM);
}

function readDigits(options: Partial<OtpOptions>): number {
  const digits = options.digits;
  return optionalInteger(digits, 'digits', MIN_DIGITS, MAX_DIGITS, DEFAULT_DIGITS);
}

function readWindow(options: { window?: number }): number {
  const window = options.window;
  return optionalInteger(window, 'window', 0, MAX_WINDOW, DEFAULT_WINDOW);
}

/** The RFC 6238 §4 time step for validated TOTP options; throws if `time` is before T0. */
function readStep(options: Partial<TotpOptions>): number {
  const time = options.time === undefined ? Date.now() : assertFiniteNumber(options.time, 'time', 0);
  const period = optionalInteger(options.period, 'period', 1, MAX_PERIOD, DEFAULT_PERIOD);
  const t0 = optionalInteger(options.t0, 't0', 0, MAX_T0, 0);
  const elapsed = time - t0 * 1000;
  if (elapsed < 0) {
    throw rangeError('ERR_OUT_OF_RANGE', `"time" must not be before "t0" (${t0} s)`);
  }
  // Integer milliseconds divided by integer milliseconds: exact up to the year 287 396, no float drift.
  return Math.floor(elapsed / (period * 1000));
}

/**
 * Zeroes the key states after use: they are as good as the key for computing codes, so they should not outlive
 * the call in module memory (a best effort; JavaScript cannot promise erasure).
 */
function wipe(stateWords: number): void {
  for (let i = 0; i < stateWords; i++) {
    INNER[i] = 0;
    OUTER[i] = 0;
  }
}

/** Computes one code for `counter` with already prepared key states. */
function codeAt(stateWords: number, core: HashCore, counter: number, modulus: number): number {
  macCounterInto(core, INNER, OUTER, Math.floor(counter / TWO_32), counter >>> 0, STATE);
  return truncate(STATE, stateWords) % modulus;
}

/**
 * Parses a token for verification: ASCII spaces around it are tolerated (users paste them), anything else that
 * is not exactly `digits` ASCII digits gives -1. A token is public input, so these checks may branch.
 */
function parseToken(token: unknown, digits: number): number {
  if (typeof token !== 'string') return -1;
  let start = 0;
  let end = token.length;
  while (start < end && token.charCodeAt(start) === 0x20) start++;
  while (end > start && token.charCodeAt(end - 1) === 0x20) end--;
  if (end - start !== digits) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = token.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Generates an HOTP code (RFC 4226 §5.3): HMAC of the 8-byte big-endian counter, dynamically truncated.
 *
 * @param secret - The shared secret: base32 text (RFC 4648 §6; case, spaces and padding tolerated) or bytes.
 * @param counter - The moving factor C, an integer from 0 to `Number.MAX_SAFE_INTEGER`.
 * @param options - `algorithm` (default `'SHA1'`) and `digits` (6–8, default 6).
 * @returns The code, zero-padded to `digits` characters.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a wrong type of `secret`, `counter` or an option.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for an empty secret, a negative or unsafe counter, or `digits`
 *   outside 6–8; `ERR_INVALID_ARG_VALUE` for an unknown `algorithm`.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if `secret` is text that is not base32.
 * @example
 * ```ts
 * // RFC 4226 Appendix D: secret "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ)
 * generateHotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1); // => '287082'
 * ```
 */
export function generateHotp(secret: string | Uint8Array, counter: number, options?: OtpOptions): string {
  assertInteger(counter, 'counter', 0, Number.MAX_SAFE_INTEGER);
  const opts = assertOptions<OtpOptions>(options, 'options');
  const core = hashCore(readAlgorithm(opts));
  const digits = readDigits(opts);
  prepareSecret(core, secret);
  const stateWords = core.outputBytes >> 2;
  const code = codeAt(stateWords, core, counter, POW10[digits]);
  wipe(stateWords);
  return pad(code, digits);
}

/**
 * Generates a TOTP code (RFC 6238 §4): the HOTP code of time step T = floor((time − T0) / period).
 *
 * @param secret - The shared secret: base32 text (case, spaces and padding tolerated) or bytes.
 * @param options - `time` (ms since the epoch, default now), `period` (s, default 30), `t0` (s, default 0),
 *   `algorithm` (default `'SHA1'`), `digits` (6–8, default 6).
 * @returns The code, zero-padded to `digits` characters.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a wrong type of `secret` or of an option.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for an empty secret, a non-finite or negative `time`, `time` before
 *   `t0`, `period` not from 1 to 2^31 − 1, or `digits` outside 6–8; `ERR_INVALID_ARG_VALUE` for an unknown
 *   `algorithm`.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if `secret` is text that is not base32.
 * @example
 * ```ts
 * // RFC 6238 Appendix B, SHA1 at 59 s:
 * generateTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { time: 59_000, digits: 8 }); // => '94287082'
 * ```
 */
export function generateTotp(secret: string | Uint8Array, options?: TotpOptions): string {
  const opts = assertOptions<TotpOptions>(options, 'options');
  const core = hashCore(readAlgorithm(opts));
  const digits = readDigits(opts);
  const step = readStep(opts);
  prepareSecret(core, secret);
  const stateWords = core.outputBytes >> 2;
  const code = codeAt(stateWords, core, step, POW10[digits]);
  wipe(stateWords);
  return pad(code, digits);
}

/**
 * Checks a TOTP code (RFC 6238 §4, §5.2) against every step from `current − window` to `current + window`.
 *
 * All steps of the window are computed and compared in constant time whatever the token, so timing does not
 * reveal which step matched. If several steps match, the latest is returned (refusing the most on replay).
 *
 * @param token - The code the user typed. Surrounding ASCII spaces are tolerated; anything else that is not
 *   exactly `digits` ASCII digits (wrong length, other characters, a `number` instead of a string) is simply
 *   not valid: `null`, no exception.
 * @param secret - The shared secret: base32 text or bytes; at least 1 byte (short 80-bit secrets are fine).
 * @param options - The {@link generateTotp} options, plus `window` (default 1) and `after` (last accepted step).
 * @returns `{ step, delta }` for the matched step, or `null` if no step in the window (after `after`) matches.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a wrong type of `secret` or of an option.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` / `ERR_INVALID_ARG_VALUE` for a bad option or an empty secret, as
 *   {@link generateTotp}; `window` must be 0–100 and `after` a safe integer.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if `secret` is text that is not base32.
 * @example
 * ```ts
 * const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
 * verifyTotp('287082', secret, { time: 59_000 });             // => { step: 1, delta: 0 }
 * verifyTotp('287082', secret, { time: 89_000 });             // => { step: 1, delta: -1 }
 * verifyTotp('287082', secret, { time: 59_000, after: 1 });   // => null (already used)
 * verifyTotp('28708', secret, { time: 59_000 });              // => null
 * ```
 */
export function verifyTotp(token: string, secret: string | Uint8Array, options?: VerifyTotpOptions): TotpMatch | null {
  const opts = assertOptions<VerifyTotpOptions>(options, 'options');
  const core = hashCore(readAlgorithm(opts));
  const digits = readDigits(opts);
  const step = readStep(opts);
  const window = readWindow(opts);
  const after =
    opts.after === undefined || opts.after === null
      ? -1
      : assertInteger(opts.after, 'after', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  // The secret is checked (and may throw) before the token is looked at: a bad secret is a bug to report even
  // when the token is garbage.
  prepareSecret(core, secret);
  const stateWords = core.outputBytes >> 2;
  const value = parseToken(token, digits);
  if (value < 0) {
    wipe(stateWords);
    return null;
  }
  const modulus = POW10[digits];
  let found = 0;
  let best = 0;
  for (let delta = -window; delta <= window; delta++) {
    const s = step + delta;
    // Steps before T0 do not exist; whether they are skipped depends only on public inputs.
    if (s < 0) continue;
    const code = codeAt(stateWords, core, s, modulus);
    // 1 iff code === value, without a data-dependent branch: both are below 2^27, so the XOR is 0 exactly
    // when they are equal, and 0 − 1 is the only case with the sign bit set.
    const equal = (((code ^ value) - 1) >>> 31) & (s > after ? 1 : 0);
    const mask = -equal;
    best = (best & ~mask) | (delta & mask);
    found |= equal;
  }
  wipe(stateWords);
  return found === 0 ? null : { step: step + best, delta: best };
}

/**
 * Checks an HOTP code (RFC 4226 §7.2) against counters `counter` … `counter + window` (the look-ahead of
 * RFC 4226 §7.4), computing all of them and comparing in constant time.
 *
 * @param token - The code the user typed; as for {@link verifyTotp}, a malformed token gives `null`.
 * @param secret - The shared secret: base32 text or bytes; at least 1 byte.
 * @param options - `counter` (required: the next expected counter), `window` (look-ahead, 0–100, default 1),
 *   `algorithm`, `digits`.
 * @returns `{ counter, delta }` for the matched counter (the latest if several match); store `counter + 1` as
 *   the next expected counter. `null` if none matches.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a wrong type of `secret`, `options` or an option (including a
 *   missing `counter`).
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for an empty secret, a bad `counter`/`window`/`digits`, or
 *   `counter + window` beyond `Number.MAX_SAFE_INTEGER`; `ERR_INVALID_ARG_VALUE` for an unknown `algorithm`.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if `secret` is text that is not base32.
 * @example
 * ```ts
 * const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
 * verifyHotp('359152', secret, { counter: 2 });   // => { counter: 2, delta: 0 }
 * verifyHotp('969429', secret, { counter: 2 });   // => { counter: 3, delta: 1 }
 * verifyHotp('338314', secret, { counter: 2 });   // => null (counter 4 is beyond the look-ahead)
 * ```
 */
export function verifyHotp(token: string, secret: string | Uint8Array, options: VerifyHotpOptions): HotpMatch | null {
  const opts = assertOptions<VerifyHotpOptions>(options, 'options');
  const core = hashCore(readAlgorithm(opts));
  const digits = readDigits(opts);
  const window = readWindow(opts);
  const counter = assertInteger(opts.counter, 'counter', 0, Number.MAX_SAFE_INTEGER - window);
  // The secret is checked (and may throw) before the token is looked at: a bad secret is a bug to report even
  // when the token is garbage.
  prepareSecret(core, secret);
  const stateWords = core.outputBytes >> 2;
  const value = parseToken(token, digits);
  if (value < 0) {
    wipe(stateWords);
    return null;
  }
  const modulus = POW10[digits];
  let found = 0;
  let best = 0;
  for (let delta = 0; delta <= window; delta++) {
    const code = codeAt(stateWords, core, counter + delta, modulus);
    const equal = ((code ^ value) - 1) >>> 31;
    const mask = -equal;
    best = (best & ~mask) | (delta & mask);
    found |= equal;
  }
  wipe(stateWords);
  return found === 0 ? null : { counter: counter + best, delta: best };
}
