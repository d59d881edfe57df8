/**
 * Comparisons whose running time does not depend on where two values differ, for secrets checked against input
 * (codes, recovery-code digests). Lengths are treated as public: values of different lengths are unequal at once.
 *
 * @module
 */

/**
 * True when `a` and `b` hold the same bytes (two `Uint8Array`s) or the same UTF-16 code units (two strings).
 * Every position is read whatever the data: the differences are ORed together and tested once at the end.
 *
 * @example
 * ```ts
 * constantTimeEqual('a1b2', 'a1b2'); // => true
 * constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3)); // => false
 * ```
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean;
export function constantTimeEqual(a: string, b: string): boolean;
export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  if (typeof a === 'string') {
    const other = b as string;
    for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ other.charCodeAt(i);
  } else {
    const other = b as Uint8Array;
    for (let i = 0; i < a.length; i++) difference |= a[i] ^ other[i];
  }
  return difference === 0;
}

/**
 * 1 when `x === y`, else 0, for two non-negative integers below 2^31, with no data-dependent branch: `x ^ y` is
 * 0 exactly when they are equal, and `0 − 1` is the only difference minus one with the sign bit set.
 *
 * @example
 * ```ts
 * equalBit(287082, 287082); // => 1
 * equalBit(287082, 287083); // => 0
 * ```
 */
export function equalBit(x: number, y: number): number {
  return ((x ^ y) - 1) >>> 31;
}

/** `whenOne` if `bit` is 1, `whenZero` if it is 0 (int32 values), with no data-dependent branch. */
export function select(bit: number, whenOne: number, whenZero: number): number {
  const mask = -bit;
  return (whenZero & ~mask) | (whenOne & mask);
}
