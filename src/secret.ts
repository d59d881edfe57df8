/**
 * Shared secrets for TOTP/HOTP, made by base32-encoding fresh CSPRNG bytes.
 *
 * A secret is never made by picking characters from the alphabet: encoding random bytes gives every bit
 * string the same chance, and its strength is exactly `8 × size` bits.
 *
 * @module
 */
import { encodeSmall } from './base32.js';
import { optionalInteger, optionalOneOf, optionsBag, own } from './internal/assert.js';
import {
  ALGORITHMS,
  DEFAULT_ALGORITHM,
  DEFAULT_SECRET_SIZE,
  MAX_SECRET_SIZE,
  MIN_SECRET_SIZE,
  type Algorithm,
} from './params.js';
import { withRandomBytes } from './random.js';

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
  const o = optionsBag(options, 'options');
  const size = own(o, 'size', o.size);
  const algorithm = optionalOneOf(own(o, 'algorithm', o.algorithm), 'options.algorithm', ALGORITHMS, DEFAULT_ALGORITHM);
  const fallback = DEFAULT_SECRET_SIZE[algorithm];
  return randomSecret(optionalInteger(size, 'options.size', MIN_SECRET_SIZE, MAX_SECRET_SIZE, fallback));
}

/**
 * Encodes `size` fresh random bytes as base32, straight out of the entropy cache when it is on (no copy); the
 * bytes are wiped after use. Arguments are not checked.
 *
 * @internal
 */
export function randomSecret(size: number): string {
  return withRandomBytes(size, encodeRandom);
}

function encodeRandom(bytes: Uint8Array, offset: number, size: number): string {
  return encodeSmall(bytes, offset, offset + size);
}
