/**
 * Cryptographically secure random bytes from `globalThis.crypto.getRandomValues` (W3C Web Crypto), and from
 * nothing else: there is no `Math.random` and no seeded fallback. A runtime without it gets an
 * `ERR_NO_CSPRNG` error; one whose `getRandomValues` throws, or hands back 16 equal bytes, `ERR_CSPRNG_FAILED`.
 *
 * ## The entropy cache
 * One `getRandomValues` call costs about 2 µs in Node 20 whatever its size, so small requests are served from a
 * 4 KiB cache filled by one call, as Node's own `crypto.randomUUID` does. Every byte is handed out once; the
 * bytes handed out are zeroed in the cache at once, so the cache only ever holds bytes nobody has seen yet.
 * The price: until they are used, up to 4 KiB of future secret material sits in this module's memory (a heap
 * snapshot would show it). Call `setEntropyCache(false)` to wipe the cache and take every request straight from
 * `getRandomValues`.
 *
 * The cache belongs to one process. A V8 startup snapshot (`node --build-snapshot`) copies the heap, cache
 * included, into every process started from it; so the cache remembers `performance.timeOrigin`, which is new in
 * every process (a restored snapshot included), and is dropped when it differs.
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
/** Bytes of output that a working CSPRNG makes all equal with probability 2^-120 (and a broken one always). */
const SANITY_BLOCK = 16;

let cacheEnabled = true;
/** Index of the first unused byte in `entropyCache`; CACHE_SIZE means empty. */
let cacheOffset = CACHE_SIZE;
/** The {@link processIdentity} the cache was filled in; NaN (equal to nothing) before the first fill. */
let cacheOwner = NaN;

/**
 * A number that differs in every process: the time origin of this realm, in ms with sub-ms precision. A process
 * started from a V8 startup snapshot gets a new one (checked by test/snapshot.test.ts with a real
 * `node --build-snapshot`). Runtimes without `performance` give 0 and never drop the cache.
 */
function processIdentity(): number {
  return (globalThis as { performance?: { timeOrigin?: number } }).performance?.timeOrigin ?? 0;
}

/**
 * Fills `target` from the CSPRNG, in calls of at most 65,536 bytes, bypassing the cache, then checks the output:
 * a 16-byte block whose bytes are all equal means the source is broken (a no-op, zero-filling or partial
 * polyfill), not unlucky. `getRandomValues` is looked up at every call, so a runtime that gains or loses it later
 * is handled.
 */
function fillFromSource(target: Uint8Array<ArrayBuffer>): void {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new TotpConfigError('ERR_NO_CSPRNG', 'crypto.getRandomValues is missing, and there is no fallback');
  }
  for (let offset = 0; offset < target.length; offset += MAX_RANDOM_VALUES_BYTES) {
    const chunk = target.subarray(offset, Math.min(offset + MAX_RANDOM_VALUES_BYTES, target.length));
    try {
      crypto.getRandomValues(chunk);
    } catch (cause) {
      throw new TotpConfigError('ERR_CSPRNG_FAILED', 'crypto.getRandomValues threw', { cause });
    }
  }
  assertNoConstantBlock(target);
}

/** Throws `ERR_CSPRNG_FAILED` if any whole 16-byte block of `bytes` holds one value 16 times. */
function assertNoConstantBlock(bytes: Uint8Array): void {
  for (let start = 0; start + SANITY_BLOCK <= bytes.length; start += SANITY_BLOCK) {
    let differs = 0;
    for (let i = start + 1; i < start + SANITY_BLOCK; i++) differs |= bytes[i] ^ bytes[start];
    if (differs === 0) {
      bytes.fill(0);
      throw new TotpConfigError('ERR_CSPRNG_FAILED', 'crypto.getRandomValues is broken: it returned 16 equal bytes');
    }
  }
}

/**
 * The entropy cache. Bytes before the reserved offset have been handed out and are zero; the rest are unused.
 *
 * @internal
 */
export const entropyCache = /* @__PURE__ */ new Uint8Array(CACHE_SIZE);

/**
 * Reserves `length` unused bytes of {@link entropyCache} (refilling it when too few are left, or when it was
 * filled in another process) and returns the offset of the first one, or -1 when the request is not served from
 * the cache (the cache is off, or `length` is above 256). Prefer {@link withRandomBytes}, which also wipes.
 *
 * @internal
 */
export function reserveCached(length: number): number {
  if (!cacheEnabled || length > CACHE_MAX_REQUEST) return -1;
  const owner = processIdentity();
  if (cacheOffset + length > CACHE_SIZE || owner !== cacheOwner) {
    cacheOffset = CACHE_SIZE; // a fill that throws leaves the cache empty
    fillFromSource(entropyCache);
    cacheOwner = owner;
    cacheOffset = 0;
  }
  cacheOffset += length;
  return cacheOffset - length;
}

/**
 * Lends `size` fresh CSPRNG bytes to `use` as `bytes[offset .. offset + size)`, with no copy (straight out of the
 * entropy cache when it serves the request), and wipes them when `use` returns or throws. The bytes must not be
 * kept: copy what is needed. `size` is passed on so that `use` can be a function made once, not a closure made
 * per call (secrets are made on a hot path).
 *
 * @internal
 * @example
 * ```ts
 * withRandomBytes(4, (bytes, offset) => bytes.slice(offset, offset + 4).length); // => 4
 * ```
 */
export function withRandomBytes<T>(size: number, use: (bytes: Uint8Array, offset: number, size: number) => T): T {
  let bytes = entropyCache;
  let offset = reserveCached(size);
  if (offset < 0) {
    bytes = new Uint8Array(size);
    offset = 0;
    fillFromSource(bytes);
  }
  try {
    return use(bytes, offset, size);
  } finally {
    bytes.fill(0, offset, offset + size); // handed out: never again in memory we own
  }
}

/**
 * Returns `length` bytes from the CSPRNG (`crypto.getRandomValues`), served from the entropy cache for requests
 * of up to 256 bytes unless the cache is off. Requests above 65,536 bytes are split into several calls.
 *
 * @param length - number of bytes, an integer from 0 to 2^30.
 * @returns a new `Uint8Array` that nobody else holds.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `length` is not a number.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` if `length` is not an integer from 0 to 2^30.
 * @throws {TotpConfigError} `ERR_NO_CSPRNG` if the runtime has no `crypto.getRandomValues`; `ERR_CSPRNG_FAILED`
 *   if it throws or returns 16 equal bytes.
 * @example
 * ```ts
 * randomBytes(20).length; // => 20
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  assertInteger(length, 'length', 0, MAX_REQUEST);
  if (length > CACHE_MAX_REQUEST || !cacheEnabled) {
    const out = new Uint8Array(length);
    fillFromSource(out);
    return out;
  }
  return withRandomBytes(length, copyOut);
}

function copyOut(bytes: Uint8Array, offset: number, size: number): Uint8Array {
  return bytes.slice(offset, offset + size);
}

/**
 * Draws `count` symbols of `alphabet` uniformly and independently from the CSPRNG: each random byte below the
 * largest multiple of the alphabet's size that fits in 256 picks `alphabet[byte % size]`, and every other byte is
 * rejected, so that no symbol is more likely than another (rejection sampling; `byte % size` alone would favour
 * the first `256 % size` symbols). The alphabet holds 2 to 256 characters of the BMP. Arguments are not checked.
 *
 * @internal
 * @example
 * ```ts
 * drawSymbols('0123456789', 8).length; // => 8
 * ```
 */
export function drawSymbols(alphabet: string, count: number): string {
  const size = alphabet.length;
  const limit = 256 - (256 % size);
  let text = '';
  while (text.length < count) {
    const wanted = count - text.length;
    // Enough bytes that one batch almost always suffices: the acceptance rate is limit / 256 > 1/2.
    const batch = Math.ceil((wanted * 256) / limit) + 8;
    text = withRandomBytes(batch, (bytes, offset) => {
      let more = text;
      for (let i = offset; i < offset + batch && more.length < count; i++) {
        if (bytes[i] < limit) more += alphabet[bytes[i] % size];
      }
      return more;
    });
  }
  return text;
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
