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
import { ErrorCode, TotpConfigError, typeError } from './errors.js';
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
let cache: Uint8Array | undefined;
/** Index of the first unused byte in `cache`; CACHE_SIZE means empty. */
let cacheOffset = CACHE_SIZE;

/** Looks `getRandomValues` up at every call, so a runtime that gains or loses it later is handled. */
function getRandomValuesOf(): Crypto {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (crypto === undefined || crypto === null || typeof crypto.getRandomValues !== 'function') {
    throw new TotpConfigError(
      ErrorCode.NO_CSPRNG,
      'globalThis.crypto.getRandomValues is not available in this runtime; totp-config refuses to make ' +
        'secrets without a CSPRNG (there is no fallback)',
    );
  }
  return crypto;
}

/** Fills `target` from the CSPRNG, in calls of at most 65,536 bytes. */
function fillFromSource(target: Uint8Array): void {
  const crypto = getRandomValuesOf();
  for (let offset = 0; offset < target.length; offset += MAX_RANDOM_VALUES_BYTES) {
    crypto.getRandomValues(target.subarray(offset, Math.min(offset + MAX_RANDOM_VALUES_BYTES, target.length)));
  }
}

/**
 * Reserves `length` unused bytes of the entropy cache (refilling it when too few are left) and returns the
 * offset of the first one. The caller must read them at once and then wipe them with `cache.fill(0, …)`;
 * {@link randomBytes} and the secret generator do. Only for `length <= CACHE_MAX_REQUEST` with the cache on.
 *
 * @internal
 */
export function reserveCached(length: number): { bytes: Uint8Array; offset: number } {
  if (cache === undefined) cache = new Uint8Array(CACHE_SIZE);
  if (cacheOffset + length > CACHE_SIZE) {
    fillFromSource(cache);
    cacheOffset = 0;
  }
  const offset = cacheOffset;
  cacheOffset += length;
  reservation.bytes = cache;
  reservation.offset = offset;
  return reservation;
}
/** Reused so that a reservation allocates nothing. */
const reservation: { bytes: Uint8Array; offset: number } = { bytes: new Uint8Array(0), offset: 0 };

/** @internal True when a request of `length` bytes is served from the entropy cache. */
export function usesCache(length: number): boolean {
  return cacheEnabled && length <= CACHE_MAX_REQUEST;
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
  if (usesCache(length)) {
    const { bytes, offset } = reserveCached(length);
    out.set(bytes.subarray(offset, offset + length));
    bytes.fill(0, offset, offset + length); // handed out: never again in memory we own
  } else {
    fillFromSource(out);
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
    throw typeError(ErrorCode.INVALID_ARG_TYPE, `"enabled" must be a boolean (received ${describeType(enabled)})`);
  }
  cacheEnabled = enabled;
  if (!enabled && cache !== undefined) {
    cache.fill(0);
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
