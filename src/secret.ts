/**
 * Shared secrets for TOTP/HOTP, made by base32-encoding fresh CSPRNG bytes.
 *
 * A secret is never made by picking characters from the alphabet: encoding random bytes gives every bit
 * string the same chance, and its strength is exactly `8 × size` bits.
 *
 * @module
 */
import { encodeSmall } from './base32.js';
import { assertOneOf, assertOptions, optionalInteger } from './internal/assert.js';
import { entropyCache, fillFromSource, reserveCached } from './random.js';
import { ALGORITHMS, type Algorithm } from './uri.js';

/** Smallest secret: 128 bits, the minimum of RFC 4226 §4 (R6). */
export const MIN_SECRET_SIZE = 16;
/** Largest secret: 64 bytes, the block size of SHA-1 and SHA-256 and RFC 6238's SHA-512 reference key. */
export const MAX_SECRET_SIZE = 64;

/**
 * Default secret size per algorithm, in bytes: the key sizes of RFC 6238 Appendix A's reference
 * implementation (20 bytes for HMAC-SHA1, 32 for HMAC-SHA256, 64 for HMAC-SHA512), i.e. the hash output size
 * that RFC 2104 §3 recommends as the least key length.
 */
export const DEFAULT_SECRET_SIZE: Readonly<Record<Algorithm, number>> = { SHA1: 20, SHA256: 32, SHA512: 64 };

/** Options for {@link generateSecret}. */
export interface GenerateSecretOptions {
  /** Secret size in bytes, 16 to 64. Default: 20, 32 or 64 for SHA1, SHA256 or SHA512. */
  size?: number;
  /** The HMAC algorithm the secret is for; it only picks the default size. Default `'SHA1'`. */
  algorithm?: Algorithm;
}

/**
 * Makes a new random secret: the unpadded upper-case base32 (RFC 4648 §6) of `size` CSPRNG bytes.
 *
 * @param options - `size` in bytes (16–64) and/or the `algorithm` whose default size to use.
 * @returns the secret, `ceil(8 × size / 5)` characters: 32 for the default 20 bytes.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for options of the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` if `size` is not an integer from 16 to 64; `ERR_INVALID_ARG_VALUE`
 *   if `algorithm` is not 'SHA1', 'SHA256' or 'SHA512'.
 * @throws {TotpConfigError} `ERR_NO_CSPRNG` if the runtime has no `crypto.getRandomValues`.
 * @example
 * ```ts
 * generateSecret();                        // => e.g. 'S3I4WUY7MTHRMMWNHY4G6KZTQMNH2KQY' (160 bits)
 * generateSecret({ algorithm: 'SHA256' }).length; // => 52 (256 bits)
 * ```
 */
export function generateSecret(options?: GenerateSecretOptions): string {
  const { size, algorithm = 'SHA1' } = assertOptions<GenerateSecretOptions>(options, 'options');
  assertOneOf(algorithm, 'options.algorithm', ALGORITHMS);
  const bytes =
    optionalInteger(size, 'options.size', MIN_SECRET_SIZE, MAX_SECRET_SIZE, DEFAULT_SECRET_SIZE[algorithm]);
  return randomSecret(bytes);
}

/**
 * Encodes `size` fresh random bytes as base32, straight out of the entropy cache when it is on (no copy), and
 * wipes the bytes it used. Arguments are not checked.
 *
 * @internal
 */
export function randomSecret(size: number): string {
  let bytes = entropyCache;
  let offset = reserveCached(size);
  if (offset < 0) {
    bytes = new Uint8Array(size);
    offset = 0;
    fillFromSource(bytes);
  }
  const secret = encodeSmall(bytes, offset, offset + size);
  bytes.fill(0, offset, offset + size);
  return secret;
}
