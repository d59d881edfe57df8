/**
 * Cryptographically secure random bytes from `globalThis.crypto.getRandomValues` (W3C Web Crypto), and from
 * nothing else: there is no `Math.random` and no seeded fallback. A runtime without it gets an
 * `ERR_NO_CSPRNG` error.
 *
 * ## The entropy cache
 * One `getRandomValues` call costs about 2 µs in Node 20 whatever its size, so small requests are served from a
 * 4 KiB cache filled by one call, as Node's own `crypto.randomUUID` does. Every byte is handed out once; the
 * bytes handed out are zeroed in the cache at once, so the cache only ever holds bytes nobody has seen yet.
 * The price: until they are used, up to 4 KiB of future secret material sits in this module's memory (a heap
 * snapshot would show it). Call `setEntropyCache(false)` to wipe the cache and take every request straight from
 * `getRandomValues`.
 *
 * @module
 */
import { TotpConfigError, typeError } from './errors.js';
import { assertInteger, describeType } from './internal/assert.js';

/** Web Crypto throws a QuotaExceededError above 65,536 bytes per call (W3C Web Crypto §10.1.1). */
export const MAX_RANDOM_VALUES_BYTES = 65536;
/** Size of the entropy cache. */
const CACHE_SIZE = 4096;
/** Requests above this size bypass the cache: they gain nothing from batching. */
const CACHE_MAX_REQUEST = 256;
/** Largest request `randomBytes` accepts (1 GiB), far above any secret, so a typo cannot exhaust memory. */
const MAX_REQUEST = 2 ** 30;

let cacheEnabled = true;
/** Index of the first unused byte in `entropyCache`; CACHE_SIZE means empty. */
let cacheOffset = CACHE_SIZE;

/**
 * Fills `target` from the CSPRNG, in calls of at most 65,536 bytes, bypassing the cache. `getRandomValues` is
 * looked up at every call, so a runtime that gains or loses it later is handled.
 *
 * @internal
 */
export function fillFromSource(target: Uint8Array): void {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new TotpConfigError('ERR_NO_CSPRNG', 'crypto.getRandomValues is missing, and there is no fallback');
  }
  for (let offset = 0; offset < target.length; offset += MAX_RANDOM_VALUES_BYTES) {
    crypto.getRandomValues(target.subarray(offset, Math.min(offset + MAX_RANDOM_VALUES_BYTES, target.length)));
  }
}

/**
 * The entropy cache. Bytes before the reserved offset have been handed out and are zero; the rest are unused.
 *
 * @internal
 */
export const entropyCache = /* @__PURE__ */ new Uint8Array(CACHE_SIZE);

/**
 * Reserves `length` unused bytes of {@link entropyCache} (refilling it when too few are left) and returns the
 * offset of the first one, or -1 when the request is not served from the cache (the cache is off, or `length`
 * is above 256). The caller must read the bytes at once and then wipe them with `entropyCache.fill(0, …)`;
 * {@link randomBytes} and the secret generator do.
 *
 * @internal
 */
export function reserveCached(length: number): number {
  if (!cacheEnabled || length > CACHE_MAX_REQUEST) return -1;
  if (cacheOffset + length > CACHE_SIZE) {
    fillFromSource(entropyCache);
    cacheOffset = 0;
  }
  cacheOffset += length;
  return cacheOffset - length;
}

/**
 * Returns `length` bytes from the CSPRNG (`crypto.getRandomValues`), served from the entropy cache for requests
 * of up to 256 bytes unless the cache is off. Requests above 65,536 bytes are split into several calls.
 *
 * @param length - number of bytes, an integer from 0 to 2^30.
 * @returns a new `Uint8Array` that nobody else holds.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `length` is not a number.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` if `length` is not an integer from 0 to 2^30.
 * @throws {TotpConfigError} `ERR_NO_CSPRNG` if the runtime has no `crypto.getRandomValues`.
 * @example
 * ```ts
 * randomBytes(20).length; // => 20
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  assertInteger(length, 'length', 0, MAX_REQUEST);
  const out = new Uint8Array(length);
  const offset = reserveCached(length);
  if (offset < 0) {
    fillFromSource(out);
  } else {
    out.set(entropyCache.subarray(offset, offset + length));
    entropyCache.fill(0, offset, offset + length); // handed out: never again in memory we own
  }
  return out;
}

/**
 * Turns the entropy cache on (the default) or off. Turning it off wipes the cache: every later request goes
 * straight to `crypto.getRandomValues`, and no unused random bytes stay in this module's memory.
 *
 * @param enabled - `true` to batch small requests, `false` to call `getRandomValues` every time.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `enabled` is not a boolean.
 * @example
 * ```ts
 * setEntropyCache(false); // every randomBytes() call now reaches getRandomValues
 * ```
 */
export function setEntropyCache(enabled: boolean): void {
  if (typeof enabled !== 'boolean') {
    throw typeError('ERR_INVALID_ARG_TYPE', `"enabled" must be a boolean (received ${describeType(enabled)})`);
  }
  cacheEnabled = enabled;
  if (!enabled) {
    entropyCache.fill(0);
    cacheOffset = CACHE_SIZE;
  }
}

/**
 * Tells whether the entropy cache is on.
 *
 * @returns `true` unless `setEntropyCache(false)` was called.
 * @example
 * ```ts
 * isEntropyCacheEnabled(); // => true
 * ```
 */
export function isEntropyCacheEnabled(): boolean {
  return cacheEnabled;
}
