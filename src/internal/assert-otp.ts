/**
 * Argument checks specific to OTP generation and verification, in the style of `assert.ts`: each returns the
 * checked value, and no message ever echoes a secret.
 *
 * @module
 */
import { decodeInto } from '../base32.js';
import { rangeError, typeError } from '../errors.js';
import { describeType } from './assert.js';

/**
 * Throws `ERR_INVALID_ARG_TYPE` unless `value` is a number, and `ERR_OUT_OF_RANGE` unless it is finite and at
 * least `min` (fractions allowed: a time in milliseconds).
 */
export function assertFiniteNumber(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number') {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be a number (received ${describeType(value)})`);
  }
  if (!Number.isFinite(value) || value < min) {
    throw rangeError(
      'ERR_OUT_OF_RANGE',
      `"${name}" must be a finite number of at least ${min} (received ${String(value)})`,
    );
  }
  return value;
}

/**
 * Checks an OTP secret and returns its length in bytes. Base32 text (RFC 4648 §6, as users store it; case,
 * spaces and padding tolerated) is decoded into `out`, which must hold `floor(text.length * 5 / 8)` bytes, so
 * that the caller can wipe the key afterwards; a `Uint8Array` is its own key and `out` is not used. At least one
 * byte is required; shorter-than-128-bit secrets (80-bit ones are common) are accepted because refusing them
 * would lock existing users out.
 *
 * Throws `ERR_INVALID_ARG_TYPE` for any other type, `ERR_INVALID_BASE32` (naming `name`) for bad text, and
 * `ERR_OUT_OF_RANGE` for an empty secret. Messages never include the secret. `out` may hold part of the key
 * when this throws: the caller wipes it either way.
 */
export function secretLength(value: unknown, name: string, out: Uint8Array): number {
  let length: number;
  if (typeof value === 'string') length = decodeInto(value, out, name);
  else if (value instanceof Uint8Array) length = value.length;
  else {
    throw typeError(
      'ERR_INVALID_ARG_TYPE',
      `"${name}" must be a base32 string or a Uint8Array (received ${describeType(value)})`,
    );
  }
  if (length === 0) {
    throw rangeError('ERR_OUT_OF_RANGE', `"${name}" must be at least 1 byte long (received 0 bytes)`);
  }
  return length;
}
