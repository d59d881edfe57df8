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

/**
 * `%TypedArray%.prototype[Symbol.toStringTag]`, captured once: it reads the internal slot, so it tells a real
 * `Uint8Array` (a Node `Buffer` is one) from a `Proxy` of one or an `Object.create(Uint8Array.prototype)`, both
 * of which pass `instanceof` and then fail natively, without a code, at the first read.
 */
const typedArrayTag = /* @__PURE__ */ (() =>
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)!.get!)();

/** True for a genuine `Uint8Array` (or `Buffer`), by its internal slot rather than its prototype chain. */
export function isUint8Array(value: unknown): value is Uint8Array {
  return typedArrayTag.call(value) === 'Uint8Array';
}

/** Throws `ERR_INVALID_ARG_TYPE` unless `value` is a genuine `Uint8Array` (a Node `Buffer` is one). */
export function assertBytes(value: unknown, name: string): Uint8Array {
  if (!isUint8Array(value)) {
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

/** An optional boolean option: `fallback` when `undefined`, otherwise `ERR_INVALID_ARG_TYPE` unless a boolean. */
export function optionalBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be a boolean (received ${describeType(value)})`);
  }
  return value;
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
    throw rangeError('ERR_INVALID_ARG_VALUE', `"${name}" must be one of '${allowed.join("', '")}'`);
  }
  return value as T;
}

const { hasOwn } = Object;
/** What an absent options bag reads as: nothing of its own (whatever `Object.prototype` holds, {@link own} ignores). */
const NO_OPTIONS = /* @__PURE__ */ Object.freeze({});

/**
 * Checks an options bag: `undefined` becomes an empty bag, and anything but a non-array object throws
 * `ERR_INVALID_ARG_TYPE`. Read each option from the bag exactly once, with {@link own}:
 * `const time = own(o, 'time', o.time)`.
 *
 * @example
 * ```ts
 * optionsBag(undefined, 'options'); // => {}
 * optionsBag([], 'options'); // throws: "options" must be an object (received an array)
 * ```
 */
export function optionsBag<T extends object>(value: T | undefined, name: string): Partial<T> {
  if (value === undefined) return NO_OPTIONS;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `"${name}" must be an object (received ${describeType(value)})`);
  }
  return value;
}

/**
 * An option as the caller gave it: `value`, which the caller has just read from `bag[key]` (once: a getter runs
 * once, and the value checked is the value used), if it is the bag's **own** property, else `undefined`. So an
 * inherited `Object.prototype.window = 100` cannot widen a verification window. Only a defined value costs an
 * own-property check, and the caller's named read stays a fast, monomorphic property load.
 *
 * @example
 * ```ts
 * const o = optionsBag({ digits: 8 }, 'options');
 * own(o, 'digits', o.digits); // => 8
 * own(o, 'window', o.window); // => undefined, even with Object.prototype.window = 100
 * ```
 */
export function own<T>(bag: object, key: string, value: T): T | undefined {
  return value === undefined || hasOwn(bag, key) ? value : undefined;
}
