/**
 * Argument checks specific to OTP generation and verification, in the style of `assert.ts`: each returns the
 * checked value, and no message ever echoes a secret. Also the window of step offsets that verification accepts,
 * which `bruteForceOdds` counts: one rule for both.
 *
 * @module
 */
import { decodeInto } from '../base32.js';
import { rangeError, typeError } from '../errors.js';
import { MAX_DRIFT, MAX_OTP_SECRET_BYTES } from '../params.js';
import { describeType, isUint8Array } from './assert.js';

/**
 * Throws `ERR_INVALID_ARG_TYPE` unless `value` is a number, and `ERR_OUT_OF_RANGE` unless it is finite and from
 * `min` to `max` (fractions allowed: a time in milliseconds).
 */
export function assertFiniteNumber(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be a number (received ${describeType(value)})`);
  }
  if (!(value >= min && value <= max)) {
    throw rangeError(
      'ERR_OUT_OF_RANGE',
      `"${name}" must be a finite number from ${min} to ${max} (received ${String(value)})`,
    );
  }
  return value;
}

/**
 * Longest secret text: the base32 of {@link MAX_OTP_SECRET_BYTES} bytes is 1,639 characters; twice that leaves room
 * for the spaces and padding that decoding tolerates, and refuses anything longer before it is read.
 */
const MAX_SECRET_TEXT = 4 * MAX_OTP_SECRET_BYTES;

/**
 * The most bytes that decoding base32 `text` can write (`floor(length × 5 / 8)`), for sizing the buffer the key is
 * decoded into; throws `ERR_OUT_OF_RANGE` first for text too long to be a secret, so that nothing is allocated or
 * read for it.
 */
export function decodedSizeBound(text: string, name: string): number {
  if (text.length > MAX_SECRET_TEXT) throw tooLong(name);
  return Math.floor((text.length * 5) / 8);
}

/**
 * Checks an OTP secret and returns its length in bytes. Base32 text (RFC 4648 §6, as users store it; case,
 * spaces and padding tolerated) is decoded into `out`, which must hold `floor(text.length * 5 / 8)` bytes, so
 * that the caller can wipe the key afterwards; a `Uint8Array` is its own key and `out` is not used. From 1 to
 * {@link MAX_OTP_SECRET_BYTES} bytes are accepted; shorter-than-128-bit secrets (80-bit ones are common) are
 * accepted because refusing them would lock existing users out.
 *
 * Throws `ERR_INVALID_ARG_TYPE` for any other type, `ERR_INVALID_BASE32` (naming `name`) for bad text, and
 * `ERR_OUT_OF_RANGE` for an empty or over-long secret. Messages never include the secret. `out` may hold part
 * of the key when this throws: the caller wipes it either way.
 */
export function secretLength(value: unknown, name: string, out: Uint8Array): number {
  let length: number;
  if (typeof value === 'string') {
    if (value.length > MAX_SECRET_TEXT) throw tooLong(name);
    length = decodeInto(value, out, name);
  } else if (isUint8Array(value)) {
    length = value.length;
  } else {
    throw typeError(
      'ERR_INVALID_ARG_TYPE',
      `"${name}" must be a base32 string or a Uint8Array (received ${describeType(value)})`,
    );
  }
  if (length === 0) {
    throw rangeError('ERR_OUT_OF_RANGE', `"${name}" must be at least 1 byte long (received 0 bytes)`);
  }
  if (length > MAX_OTP_SECRET_BYTES) throw tooLong(name);
  return length;
}

function tooLong(name: string): RangeError {
  return rangeError('ERR_OUT_OF_RANGE', `"${name}" must be at most ${MAX_OTP_SECRET_BYTES} bytes long`);
}

/**
 * The offsets from the current step (or counter) that verification searches: `first … last`, keeping those
 * within `width` of 0 or of `centre` and at most `bound` from 0 ({@link inWindow}).
 */
export interface StepWindow {
  readonly first: number;
  readonly last: number;
  readonly width: number;
  readonly centre: number;
  readonly bound: number;
}

/**
 * `verifyTotp`'s window: `width` steps around now and, with a drift, around `drift` too, then no further than
 * {@link MAX_DRIFT} from now (so that the offset found is always a valid next drift).
 */
export function totpWindow(width: number, drift: number | undefined): StepWindow {
  const centre = drift ?? 0;
  return {
    first: Math.min(-width, centre - width),
    last: Math.max(width, centre + width),
    width,
    centre,
    bound: drift === undefined ? Infinity : MAX_DRIFT,
  };
}

/** Whether `offset` is one that `window` accepts (public inputs only: never a secret). */
export function inWindow(window: StepWindow, offset: number): boolean {
  const { width, centre, bound } = window;
  return (Math.abs(offset) <= width || Math.abs(offset - centre) <= width) && Math.abs(offset) <= bound;
}
