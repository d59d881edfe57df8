/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) codes: generation and verification.
 *
 * A code is HMAC(secret, counter) reduced by RFC 4226 §5.3 dynamic truncation to `digits` decimal digits (or,
 * with `encoder: 'steam'`, to Steam Guard's 5 characters). For TOTP the counter is the time step
 * T = floor((unix time − T0) / period) of RFC 6238 §4. Counters are split into two 32-bit halves, never BigInt,
 * so steps beyond 2^32 (year 2106 at 1 s periods, RFC 6238's 20000000000 s vector) are exact and the hot path
 * allocates nothing but the returned value.
 *
 * Every public function here is the same three steps: read the options (once, own properties only), lend a
 * prepared key to one computation ({@link withKey}, which always wipes it), and compute codes. Verification
 * goes through one window matcher ({@link matchWindow}) that computes every code of the window and selects the
 * match in constant time, so its timing does not depend on which step (if any) matched.
 *
 * @module
 */
import { rangeError } from './errors.js';
import { assertInteger, optionalInteger, optionalOneOf, optionsBag, own } from './internal/assert.js';
import {
  assertFiniteNumber,
  decodedSizeBound,
  inWindow,
  secretLength,
  type StepWindow,
  totpWindow,
} from './internal/assert-otp.js';
import { equalBit, select } from './internal/constant-time.js';
import { hashEngine, type HashEngine, wipeScratch } from './internal/hash.js';
import { macCounterInto, prepareKeyStates } from './hmac.js';
import {
  ALGORITHMS,
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  DEFAULT_WINDOW,
  ENCODERS,
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_DRIFT,
  MAX_T0,
  MAX_TIME,
  MAX_TOTP_PERIOD,
  MAX_WINDOW,
  MIN_DIGITS,
  STEAM_ALPHABET,
  STEAM_CODE_LENGTH,
  type Algorithm,
  type Digits,
} from './params.js';

/** Options shared by every HOTP/TOTP function. */
export interface OtpOptions {
  /** HMAC hash function (RFC 6238 §1.2). Default `'SHA1'`. Exact upper-case names only. */
  algorithm?: Algorithm | undefined;
  /** Code length, 6 to 8 (RFC 4226 §5.3, Key URI Format `digits`). Default 6. */
  digits?: Digits | undefined;
}

/** When a TOTP code is for: the options every TOTP function shares. */
export interface TotpTiming {
  /** The time to compute the code for, in milliseconds since the Unix epoch, 0 to 2^53 − 1. Default `Date.now()`. */
  time?: number | undefined;
  /** Time step X of RFC 6238 §4, in seconds, 1 to 2^31 − 1. Default 30. */
  period?: number | undefined;
  /** T0 of RFC 6238 §4: the Unix time, in seconds, to start counting steps from. Default 0. */
  t0?: number | undefined;
}

/** Options for RFC 6238 codes of `digits` decimal digits (the default). */
export interface DecimalTotpOptions extends OtpOptions, TotpTiming {
  /** `'decimal'`: the default. */
  encoder?: 'decimal' | undefined;
}

/** Options for Steam Guard codes: HMAC-SHA1, 5 characters of `23456789BCDFGHJKMNPQRTVWXY`. */
export interface SteamTotpOptions extends TotpTiming {
  /** `'steam'`. */
  encoder: 'steam';
  /** `'SHA1'`, the only one Steam uses. */
  algorithm?: 'SHA1' | undefined;
  /** 5, the only length Steam uses. */
  digits?: 5 | undefined;
}

/** Options for {@link generateTotp}: RFC 6238 decimal codes, or Steam Guard codes. */
export type TotpOptions = DecimalTotpOptions | SteamTotpOptions;

/** What {@link verifyTotp} adds to the {@link TotpOptions}. */
export interface VerifyWindow {
  /** Steps accepted on either side of the current one (clock drift, RFC 6238 §5.2), 0 to 100. Default 1. */
  window?: number | undefined;
  /**
   * The last step this secret was accepted at: steps at or before it are rejected, so a code cannot be used
   * twice (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP"). `null`/`undefined`:
   * no previous step.
   */
  after?: number | null | undefined;
  /**
   * The device's clock offset in steps, as returned in `delta` at the last success and stored with the user,
   * from −20 to 20 ({@link MAX_DRIFT}). The window is searched around `drift` and around 0, so a user who then
   * fixes their clock is not locked out; no step more than 20 steps from now is accepted.
   */
  drift?: number | undefined;
}

/** Options for {@link verifyTotp}. */
export type VerifyTotpOptions = TotpOptions & VerifyWindow;

/** Options for {@link verifyHotp}. */
export interface VerifyHotpOptions extends OtpOptions {
  /** The next counter value expected from the token (RFC 4226 §7.2). Required. */
  counter: number;
  /** Look-ahead: counters `counter` … `counter + window` are accepted (RFC 4226 §7.4), 0 to 100. Default 1. */
  window?: number | undefined;
}

/** A successful {@link verifyTotp}: the time step the token matched and its distance from the current step. */
export interface TotpMatch {
  /** The matched time step T (RFC 6238 §4). Store it and pass it back as `after` to refuse replays. */
  step: number;
  /** `step` minus the current step. With `drift`, store it as the next `drift`. */
  delta: number;
}

/** A successful {@link verifyHotp}: the counter the token matched and its distance from the expected one. */
export interface HotpMatch {
  /** The matched counter. The next expected counter is `counter + 1` (RFC 4226 §7.2). */
  counter: number;
  /** `counter` minus the expected counter, from 0 to `window`. */
  delta: number;
}

const TWO_32 = 4294967296;
/** 10^digits, the modulus of RFC 4226 §5.3 step 3, for digits 0 to 8. */
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];
/** 26^5: a Steam Guard code is the truncated value modulo this, written as 5 base-26 symbols. */
const STEAM_MODULUS = 11881376;
/** Tokens longer than this are refused before they are read: no display form of a code is longer. */
const MAX_TOKEN_LENGTH = 64;

/** How codes are written: `length` symbols, the truncated value taken modulo `modulus`. */
interface CodeFormat {
  readonly engine: HashEngine;
  readonly steam: boolean;
  readonly length: number;
  readonly modulus: number;
}

// Key states and the MAC output, reused by every call (all synchronous; 16 words fit SHA-512's 64-byte state).
const INNER = /* @__PURE__ */ new Int32Array(16);
const OUTER = /* @__PURE__ */ new Int32Array(16);
const STATE = /* @__PURE__ */ new Int32Array(16);
/**
 * Key bytes decoded from base32 text. 128 bytes is SHA-512's block size; text decoding to more (over 205
 * characters) is longer than every block, so it is hashed first anyway and gets an array of its own.
 */
const KEY = /* @__PURE__ */ new Uint8Array(128);

/**
 * @internal Every module-level buffer that holds key material during a call, for the tests that check they are
 * all zero after it.
 */
export const OTP_SCRATCH: readonly (Int32Array | Uint8Array)[] = [INNER, OUTER, STATE, KEY];

/**
 * Prepares the key states for `secret` (validating it), lends them to `compute`, and wipes every buffer that held
 * key material (decoded key, pads, MAC state, the engine's schedule) whatever happens, early returns and throws
 * included. Text is decoded without allocating for most secrets.
 */
function withKey<T>(engine: HashEngine, secret: unknown, compute: () => T): T {
  // `size` bytes are all decoding can write (decodeInto's contract): they are wiped even if it throws half-way.
  const text = typeof secret === 'string';
  const size = text ? decodedSizeBound(secret, 'secret') : 0;
  const key = !text ? (secret as Uint8Array) : size > KEY.length ? new Uint8Array(size) : KEY;
  try {
    prepareKeyStates(engine, key, secretLength(secret, 'secret', key), INNER, OUTER);
    return compute();
  } finally {
    // Plain loops: for these small arrays they cost less than fill() calls, and this runs on every code.
    for (let i = 0; i < size; i++) key[i] = 0;
    for (let i = 0; i < engine.stateWords; i++) INNER[i] = OUTER[i] = STATE[i] = 0;
    wipeScratch(engine);
  }
}

/** The code of `counter` under the lent key, as a number below `format.modulus`. */
function codeAt(format: CodeFormat, counter: number): number {
  const { engine } = format;
  macCounterInto(engine, INNER, OUTER, Math.floor(counter / TWO_32), counter >>> 0, STATE);
  // Dynamic truncation (RFC 4226 §5.3): the low 4 bits of the last byte give an offset, and the 31 bits at that
  // offset are the value. The MAC is held as big-endian int32 words.
  const offset = STATE[engine.stateWords - 1] & 0xf;
  const i = offset >> 2;
  const shift = (offset & 3) << 3;
  const word = shift === 0 ? STATE[i] : (STATE[i] << shift) | (STATE[i + 1] >>> (32 - shift));
  return (word & 0x7fffffff) % format.modulus;
}

/**
 * Searches the offsets of `window` from `base` for a counter whose code is `value`, in constant time: every
 * offset that the public inputs allow ({@link inWindow}, and a counter of at least 0) is computed and compared,
 * and the match is selected without a branch. A counter at or before `after` never matches. Returns the latest
 * matching offset, or `null`.
 */
function matchWindow(
  format: CodeFormat,
  value: number,
  base: number,
  window: StepWindow,
  after: number,
): number | null {
  const { first, last } = window;
  let found = 0;
  let best = 0;
  for (let offset = first; offset <= last; offset++) {
    const counter = base + offset;
    // Which offsets exist depends only on public inputs (the window, the drift, the time), never on the secret.
    if (!inWindow(window, offset) || counter < 0) continue;
    const equal = equalBit(codeAt(format, counter), value) & (counter > after ? 1 : 0);
    best = select(equal, offset, best);
    found |= equal;
  }
  return found === 0 ? null : best;
}

/** Writes a code value as the user sees it: zero-padded decimal, or Steam Guard symbols (least significant first). */
function formatCode(format: CodeFormat, value: number): string {
  if (!format.steam) return String(value + POW10[format.length]).slice(1);
  let code = '';
  for (let i = 0; i < STEAM_CODE_LENGTH; i++, value = Math.floor(value / 26)) code += STEAM_ALPHABET[value % 26];
  return code;
}

/**
 * Reads a token as the value {@link formatCode} would have written, or -1. ASCII spaces anywhere are ignored
 * (apps show `123 456`); Steam symbols are read in either case. Anything else that is not exactly `length`
 * symbols, or longer than 64 characters (refused before it is read), gives -1. A token is public input, so these
 * checks may branch.
 */
function parseToken(token: unknown, format: CodeFormat): number {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return -1;
  let value = 0;
  let symbols = 0;
  let scale = 1;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 0x20) continue;
    const symbol = format.steam ? STEAM_ALPHABET.indexOf(String.fromCharCode(c).toUpperCase()) : c - 0x30;
    if (symbol < 0 || symbol > (format.steam ? 25 : 9) || ++symbols > format.length) return -1;
    if (format.steam) {
      value += symbol * scale;
      scale *= 26;
    } else {
      value = value * 10 + symbol;
    }
  }
  return symbols === format.length ? value : -1;
}

/** The formats made so far: 3 algorithms × 3 lengths of decimal codes, then Steam. Made on first use. */
const FORMATS: CodeFormat[] = [];

/** `algorithm`, `digits` and `encoder` (each read once by the caller) as a {@link CodeFormat}, checked. */
function readFormat(algorithmOption: unknown, digitsOption: unknown, encoderOption: unknown): CodeFormat {
  const algorithm = optionalOneOf(algorithmOption, 'options.algorithm', ALGORITHMS, DEFAULT_ALGORITHM);
  const steam = optionalOneOf(encoderOption, 'options.encoder', ENCODERS, 'decimal') === 'steam';
  if (steam) {
    if (algorithm !== 'SHA1') {
      throw rangeError('ERR_INVALID_ARG_VALUE', `"options.encoder" 'steam' needs "options.algorithm" 'SHA1'`);
    }
    if (digitsOption !== undefined && digitsOption !== STEAM_CODE_LENGTH) {
      throw rangeError(
        'ERR_OUT_OF_RANGE',
        `"options.digits" must be 5 (or left out) when "options.encoder" is 'steam'`,
      );
    }
    return (FORMATS[9] ??= { engine: hashEngine('SHA1'), steam, length: STEAM_CODE_LENGTH, modulus: STEAM_MODULUS });
  }
  const digits = optionalInteger(digitsOption, 'options.digits', MIN_DIGITS, MAX_DIGITS, DEFAULT_DIGITS);
  const index = ALGORITHMS.indexOf(algorithm) * 3 + digits - MIN_DIGITS;
  // hashEngine() also readies SHA-2's constants; a format is only ever made through here.
  return (FORMATS[index] ??= { engine: hashEngine(algorithm), steam, length: digits, modulus: POW10[digits] });
}

/** `window`, 0 to 100, default 1. */
function readWindow(value: unknown): number {
  return optionalInteger(value, 'options.window', 0, MAX_WINDOW, DEFAULT_WINDOW);
}

/**
 * The RFC 6238 §4 time step of `time` (ms, default now), checked so that the step is exact: `time` is a finite
 * number from 0 to 2^53 − 1 and not before T0.
 */
function stepAt(time: unknown, period: unknown, t0: unknown, names: { time: string; period: string }): number {
  const ms = time === undefined ? Date.now() : assertFiniteNumber(time, names.time, 0, MAX_TIME);
  const seconds = optionalInteger(period, names.period, 1, MAX_TOTP_PERIOD, DEFAULT_PERIOD);
  const start = optionalInteger(t0, 'options.t0', 0, MAX_T0, 0);
  const elapsed = ms - start * 1000;
  if (elapsed < 0) throw rangeError('ERR_OUT_OF_RANGE', `"options.time" must not be before "options.t0" (${start} s)`);
  // Integer milliseconds divided by integer milliseconds: exact up to the year 287 396, no float drift.
  return Math.floor(elapsed / (seconds * 1000));
}

const OPTION_NAMES = { time: 'options.time', period: 'options.period' };
/** The names of {@link totpStep}'s and {@link totpTimeRemaining}'s own arguments. */
const ARGUMENT_NAMES = { time: 'time', period: 'period' };

/**
 * Generates an HOTP code (RFC 4226 §5.3): HMAC of the 8-byte big-endian counter, dynamically truncated.
 *
 * @param secret - The shared secret: base32 text (RFC 4648 §6; case, spaces and padding tolerated) or bytes,
 *   1 to 1,024 bytes.
 * @param counter - The moving factor C, an integer from 0 to `Number.MAX_SAFE_INTEGER`.
 * @param options - `algorithm` (default `'SHA1'`) and `digits` (6–8, default 6).
 * @returns The code, zero-padded to `digits` characters.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a wrong type of `secret`, `counter` or an option.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for an empty or over-long secret, a negative or unsafe counter, or
 *   `digits` outside 6–8; `ERR_INVALID_ARG_VALUE` for an unknown `algorithm`.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if `secret` is text that is not base32.
 * @example
 * ```ts
 * // RFC 4226 Appendix D: secret "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ)
 * generateHotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1); // => '287082'
 * ```
 */
export function generateHotp(secret: string | Uint8Array, counter: number, options?: OtpOptions): string {
  assertInteger(counter, 'counter', 0, MAX_COUNTER);
  const o = optionsBag(options, 'options');
  const format = readFormat(own(o, 'algorithm', o.algorithm), own(o, 'digits', o.digits), undefined);
  return withKey(format.engine, secret, () => formatCode(format, codeAt(format, counter)));
}

/**
 * Generates a TOTP code (RFC 6238 §4): the HOTP code of time step T = floor((time − T0) / period). With
 * `encoder: 'steam'`, a Steam Guard code: the same HMAC-SHA1 value written as 5 of `23456789BCDFGHJKMNPQRTVWXY`.
 *
 * @param secret - The shared secret: base32 text (case, spaces and padding tolerated) or bytes.
 * @param options - `time` (ms since the epoch, default now), `period` (s, default 30), `t0` (s, default 0),
 *   `algorithm` (default `'SHA1'`), `digits` (6–8, default 6), `encoder` (`'decimal'` or `'steam'`).
 * @returns The code: `digits` decimal digits, zero-padded, or 5 Steam symbols.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a wrong type of `secret` or of an option.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for an empty secret, a `time` that is not a number from 0 to 2^53 − 1,
 *   `time` before `t0`, `period` not from 1 to 2^31 − 1, or `digits` outside 6–8 (5 for Steam);
 *   `ERR_INVALID_ARG_VALUE` for an unknown `algorithm` or `encoder`, or Steam with another algorithm than SHA1.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if `secret` is text that is not base32.
 * @example
 * ```ts
 * // RFC 6238 Appendix B, SHA1 at 59 s:
 * generateTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { time: 59_000, digits: 8 }); // => '94287082'
 * generateTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { time: 59_000, encoder: 'steam' }); // => 'PV9M4'
 * ```
 */
export function generateTotp(secret: string | Uint8Array, options?: TotpOptions): string {
  const o = optionsBag(options, 'options');
  const format = readFormat(own(o, 'algorithm', o.algorithm), own(o, 'digits', o.digits), own(o, 'encoder', o.encoder));
  const step = stepAt(own(o, 'time', o.time), own(o, 'period', o.period), own(o, 't0', o.t0), OPTION_NAMES);
  return withKey(format.engine, secret, () => formatCode(format, codeAt(format, step)));
}

/**
 * Checks a TOTP code (RFC 6238 §4, §5.2) against every step from `current − window` to `current + window`, and,
 * with `drift`, also around `current + drift`.
 *
 * All steps of the window are computed and compared in constant time whatever the token, so timing does not
 * reveal which step matched. If several steps match, the latest is returned (refusing the most on replay).
 *
 * @param token - The code the user typed. ASCII spaces anywhere are ignored (`'123 456'`, as apps show codes);
 *   anything else that is not exactly `digits` ASCII digits (or 5 Steam symbols) — wrong length, other
 *   characters, a `number` instead of a string — is simply not valid: `null`, no exception.
 * @param secret - The shared secret: base32 text or bytes; at least 1 byte (short 80-bit secrets are fine).
 * @param options - The {@link generateTotp} options, plus `window` (default 1), `after` (last accepted step) and
 *   `drift` (stored clock offset in steps, −20 to 20).
 * @returns `{ step, delta }` for the matched step, or `null` if no step in the window (after `after`) matches.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a wrong type of `secret` or of an option.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` / `ERR_INVALID_ARG_VALUE` for a bad option or an empty secret, as
 *   {@link generateTotp}; `window` must be 0–100, `drift` −20–20 and `after` a safe integer.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if `secret` is text that is not base32.
 * @example
 * ```ts
 * const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
 * verifyTotp('287082', secret, { time: 59_000 });             // => { step: 1, delta: 0 }
 * verifyTotp('287 082', secret, { time: 89_000 });            // => { step: 1, delta: -1 }
 * verifyTotp('287082', secret, { time: 59_000, after: 1 });   // => null (already used)
 * verifyTotp('28708', secret, { time: 59_000 });              // => null
 * ```
 */
export function verifyTotp(token: string, secret: string | Uint8Array, options?: VerifyTotpOptions): TotpMatch | null {
  const o = optionsBag(options, 'options');
  const format = readFormat(own(o, 'algorithm', o.algorithm), own(o, 'digits', o.digits), own(o, 'encoder', o.encoder));
  const step = stepAt(own(o, 'time', o.time), own(o, 'period', o.period), own(o, 't0', o.t0), OPTION_NAMES);
  const width = readWindow(own(o, 'window', o.window));
  const lastStep = own(o, 'after', o.after);
  const after = lastStep == null ? -1 : assertInteger(lastStep, 'options.after', -MAX_COUNTER, MAX_COUNTER);
  const offset = own(o, 'drift', o.drift);
  const drift = offset === undefined ? undefined : assertInteger(offset, 'options.drift', -MAX_DRIFT, MAX_DRIFT);
  const window = totpWindow(width, drift);
  // The secret is checked (and may throw) before the token is looked at: a bad secret is a bug to report even
  // when the token is garbage.
  const delta = withKey(format.engine, secret, () => {
    const value = parseToken(token, format);
    return value < 0 ? null : matchWindow(format, value, step, window, after);
  });
  return delta === null ? null : { step: step + delta, delta };
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
  const o = optionsBag(options, 'options');
  const format = readFormat(own(o, 'algorithm', o.algorithm), own(o, 'digits', o.digits), undefined);
  const width = readWindow(own(o, 'window', o.window));
  const counter = assertInteger(own(o, 'counter', o.counter), 'options.counter', 0, MAX_COUNTER - width);
  const window: StepWindow = { first: 0, last: width, width, centre: 0, bound: Infinity };
  const delta = withKey(format.engine, secret, () => {
    const value = parseToken(token, format);
    return value < 0 ? null : matchWindow(format, value, counter, window, -1);
  });
  return delta === null ? null : { counter: counter + delta, delta };
}

/**
 * The RFC 6238 §4 time step T = floor(time / period) at `time` (T0 = 0): what {@link verifyTotp} returns as
 * `step`, for storing or displaying.
 *
 * @param time - ms since the Unix epoch, 0 to 2^53 − 1; default `Date.now()`.
 * @param period - seconds, 1 to 2^31 − 1; default 30.
 * @returns The step.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a non-number.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for a value out of range.
 * @example
 * ```ts
 * totpStep(59_000); // => 1
 * totpStep(1_111_111_109_000); // => 37037036
 * ```
 */
export function totpStep(time?: number, period?: number): number {
  return stepAt(time, period, undefined, ARGUMENT_NAMES);
}

/**
 * Milliseconds until the current TOTP code expires (the next step begins), for "code expires in N s"
 * displays, as otplib's `getRemainingTime` and otpauth's `TOTP.remaining()` give.
 *
 * @param time - ms since the Unix epoch, 0 to 2^53 − 1; default `Date.now()`.
 * @param period - seconds, 1 to 2^31 − 1; default 30.
 * @returns From 1 to `period × 1000` ms (fractions only if `time` has them).
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a non-number.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for a value out of range.
 * @example
 * ```ts
 * totpTimeRemaining(59_000); // => 1000
 * totpTimeRemaining(60_000); // => 30000
 * ```
 */
export function totpTimeRemaining(time?: number, period?: number): number {
  const ms = time === undefined ? Date.now() : time; // one reading of the clock for both; stepAt checks them
  const step = stepAt(ms, period, undefined, ARGUMENT_NAMES);
  const length = (period ?? DEFAULT_PERIOD) * 1000;
  return (step + 1) * length - ms;
}
