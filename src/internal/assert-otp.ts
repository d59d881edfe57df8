/**
 * Argument checks specific to OTP generation and verification, in the style of `assert.ts`: each returns the
 * checked value, and no message ever echoes a secret.
 *
 * @module
 */
import { base32Decode } from '../base32.js';
import { ErrorCode, TotpConfigError, rangeError, typeError } from '../errors.js';
import { describeType } from './assert.js';

/**
 * Throws `ERR_INVALID_ARG_TYPE` unless `value` is a number, and `ERR_OUT_OF_RANGE` unless it is finite and at
 * least `min` (fractions allowed: a time in milliseconds).
 */
export function assertFiniteNumber(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number') {
    throw typeError(ErrorCode.INVALID_ARG_TYPE, `"${name}" must be a number (received ${describeType(value)})`);
  }
  if (!Number.isFinite(value) || value < min) {
    throw rangeError(
      ErrorCode.OUT_OF_RANGE,
      `"${name}" must be a finite number of at least ${min} (received ${String(value)})`,
    );
  }
  return value;
}

/**
 * Turns an OTP secret into key bytes: base32 text (RFC 4648 §6, as users store it; case, spaces and padding
 * tolerated) is decoded, a `Uint8Array` is used as is. At least one byte is required; shorter-than-128-bit
 * secrets (80-bit ones are common) are accepted because refusing them would lock existing users out.
 *
 * Throws `ERR_INVALID_ARG_TYPE` for any other type, `ERR_INVALID_BASE32` (from `base32Decode`) for bad text,
 * and `ERR_OUT_OF_RANGE` for an empty secret. Messages never include the secret.
 */
export function secretBytes(value: unknown, name: string): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'string') {
    try {
      bytes = base32Decode(value);
    } catch (error) {
      // Same code, but name the caller's argument instead of base32Decode's "text". The message holds only an
      // index and a count, never a character of the secret.
      // base32Decode throws nothing else for a string.
      const e = error as TotpConfigError;
      throw new TotpConfigError(e.code, e.message.replace('"text"', `"${name}"`));
    }
  } else if (value instanceof Uint8Array) bytes = value;
  else {
    throw typeError(
      ErrorCode.INVALID_ARG_TYPE,
      `"${name}" must be a base32 string or a Uint8Array (received ${describeType(value)})`,
    );
  }
  if (bytes.length === 0) {
    throw rangeError(ErrorCode.OUT_OF_RANGE, `"${name}" must be at least 1 byte long (received 0 bytes)`);
  }
  return bytes;
}
