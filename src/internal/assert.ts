/**
 * Argument checks shared by every public function. Each returns the checked value so that call sites stay one
 * line (the habit of noble's `abytes`/`anumber`). Messages name the argument and the rule, and never echo a
 * value that could be a secret: only types, lengths and limits appear in them.
 *
 * @module
 */
import { rangeError, typeError } from '../errors.js';

/** Describes a value's type for an error message, without printing the value itself. */
export function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `type ${typeof value}`;
}

/** Throws `ERR_INVALID_ARG_TYPE` unless `value` is a string. */
export function assertString(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be a string (received ${describeType(value)})`);
  }
  return value;
}

/** Throws `ERR_INVALID_ARG_TYPE` unless `value` is a `Uint8Array` (a Node `Buffer` is one). */
export function assertBytes(value: unknown, name: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be a Uint8Array (received ${describeType(value)})`);
  }
  return value;
}

/**
 * Throws `ERR_INVALID_ARG_TYPE` unless `value` is a number, and `ERR_OUT_OF_RANGE` unless it is an integer in
 * `[min, max]`. The value is a public parameter (digits, period, size), never a secret, so it is printed.
 */
export function assertInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be a number (received ${describeType(value)})`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw rangeError(
      'ERR_OUT_OF_RANGE',
      `"${name}" must be an integer from ${min} to ${max} (received ${String(value)})`,
    );
  }
  return value;
}

/** An optional integer option: `fallback` when `undefined`, otherwise checked by {@link assertInteger}. */
export function optionalInteger(value: unknown, name: string, min: number, max: number, fallback: number): number {
  return value === undefined ? fallback : assertInteger(value, name, min, max);
}

/** An optional choice: `fallback` when `undefined`, otherwise checked by {@link assertOneOf}. */
export function optionalOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback: T): T {
  return value === undefined ? fallback : assertOneOf(value, name, allowed);
}

/**
 * Throws `ERR_INVALID_ARG_TYPE` unless `value` is a string, and `ERR_INVALID_ARG_VALUE` unless it is one of
 * `allowed`. Matching is exact: nothing is upper-cased silently.
 */
export function assertOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  assertString(value, name);
  if (!(allowed as readonly string[]).includes(value as string)) {
    throw rangeError(
      'ERR_INVALID_ARG_VALUE',
      `"${name}" must be one of '${allowed.join("', '")}'`,
    );
  }
  return value as T;
}

/** Throws `ERR_INVALID_ARG_TYPE` unless `value` is `undefined` or a plain object (options bags). */
export function assertOptions<T extends object>(value: unknown, name: string): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be an object (received ${describeType(value)})`);
  }
  return value as Partial<T>;
}
