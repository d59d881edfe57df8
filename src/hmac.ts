/**
 * HMAC-SHA1, HMAC-SHA256 and HMAC-SHA512 (RFC 2104 over FIPS 180-4), in plain synchronous TypeScript.
 *
 * No `node:crypto`, no WebCrypto: WebCrypto is asynchronous and absent from some workers, and OTP codes are
 * needed synchronously in browsers, workers, Deno, Bun and Node alike. The hashes are the textbook compression
 * functions on int32 words with reused scratch buffers, so an HOTP/TOTP code after key preparation costs two
 * compressions and no allocation except the returned value.
 *
 * @module
 */
import { assertBytes, assertInteger, assertOneOf } from './internal/assert.js';
import { SHA1_BLOCK_BYTES, SHA1_IV, SHA1_OUTPUT_BYTES, sha1Compress } from './internal/sha1.js';
import { SHA256_BLOCK_BYTES, SHA256_IV, SHA256_OUTPUT_BYTES, sha256Compress, sha256Init } from './internal/sha256.js';
import { SHA512_BLOCK_BYTES, SHA512_IV, SHA512_OUTPUT_BYTES, sha512Compress, sha512Init } from './internal/sha512.js';
import { ALGORITHMS, type Algorithm } from './uri.js';

/** A hash function for {@link hmac}: the {@link Algorithm} names of the Key URI Format (RFC 6238 §1.2). */
export type HmacAlgorithm = Algorithm;

/**
 * @internal A hash function's parameters and its scratch buffers. All words are big-endian int32; SHA-512's
 * 64-bit words are (high, low) pairs, so the same loaders and the same HMAC code serve all three.
 */
export interface HashCore {
  readonly algorithm: HmacAlgorithm;
  /** Block size B of RFC 2104 §2, in bytes. */
  readonly blockBytes: number;
  /** Digest size L of RFC 2104 §2, in bytes. */
  readonly outputBytes: number;
  /** Initial hash value, `outputBytes / 4` words. */
  readonly iv: Int32Array;
  readonly compress: (state: Int32Array, w: Int32Array) => void;
  /** Message schedule scratch (block words first). */
  readonly w: Int32Array;
  /** Two blocks of byte scratch for the padded tail of a message. */
  readonly pad: Uint8Array;
}

/* @__NO_SIDE_EFFECTS__ */
function makeCore(
  algorithm: HmacAlgorithm,
  blockBytes: number,
  outputBytes: number,
  iv: Int32Array,
  compress: (state: Int32Array, w: Int32Array) => void,
  scheduleWords: number,
): HashCore {
  return {
    algorithm,
    blockBytes,
    outputBytes,
    iv,
    compress,
    w: new Int32Array(scheduleWords),
    pad: new Uint8Array(blockBytes * 2),
  };
}

// Scratch buffers are shared per module: every function here runs to completion synchronously and none calls
// back into user code, so no two computations can interleave on them.
const SHA1 = /* @__PURE__ */ makeCore('SHA1', SHA1_BLOCK_BYTES, SHA1_OUTPUT_BYTES, SHA1_IV, sha1Compress, 16);
const SHA256 = /* @__PURE__ */ makeCore(
  'SHA256',
  SHA256_BLOCK_BYTES,
  SHA256_OUTPUT_BYTES,
  SHA256_IV,
  sha256Compress,
  64,
);
const SHA512 = /* @__PURE__ */ makeCore(
  'SHA512',
  SHA512_BLOCK_BYTES,
  SHA512_OUTPUT_BYTES,
  SHA512_IV,
  sha512Compress,
  160,
);

/**
 * @internal The hash core for an already validated algorithm name. Every use of a core goes through here, so
 * this is where SHA-256's and SHA-512's computed constants are made ready.
 */
export function hashCore(algorithm: HmacAlgorithm): HashCore {
  if (algorithm === 'SHA1') return SHA1;
  if (algorithm === 'SHA256') {
    sha256Init();
    return SHA256;
  }
  sha512Init();
  return SHA512;
}

/** Reads `count` big-endian int32 words from `bytes` at `offset` into `w[0..count-1]`. */
function loadWords(w: Int32Array, bytes: Uint8Array, offset: number, count: number): void {
  for (let i = 0, j = offset; i < count; i++, j += 4) {
    w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
}

/**
 * Hashes `message` onward from `state`, which has already absorbed `prefixBytes` bytes (a whole number of
 * blocks), and applies the final padding (FIPS 180-4 §5.1). The digest is left in `state`.
 */
function hashInto(core: HashCore, state: Int32Array, message: Uint8Array, prefixBytes: number): void {
  const { blockBytes, w, pad, compress } = core;
  const n = message.length;
  const rest = n % blockBytes;
  const whole = n - rest;
  // The padded tail: the message's last partial block, 0x80, zeros, and the length field. The length field is 64
  // bits for SHA-1/SHA-256 and 128 bits for SHA-512; lengths here stay far below 2^53 bits, so only its last 8
  // bytes are ever non-zero. It fits in one block unless the tail leaves no room for 0x80 and the field.
  pad.fill(0);
  pad.set(message.subarray(whole));
  pad[rest] = 0x80;
  const end = rest + 1 + (blockBytes >> 3) <= blockBytes ? blockBytes : blockBytes * 2;
  const bits = (prefixBytes + n) * 8;
  for (let k = 0; k < 32; k += 8) {
    pad[end - 1 - k / 8] = bits >>> k;
    pad[end - 5 - k / 8] = (bits / 4294967296) >>> k;
  }
  for (let i = 0; i < whole + end; i += blockBytes) {
    if (i < whole) loadWords(w, message, i, blockBytes >> 2);
    else loadWords(w, pad, i - whole, blockBytes >> 2);
    compress(state, w);
  }
}

/**
 * @internal Prepares the HMAC key states of RFC 2104 §2: `inner` = H state after absorbing K ⊕ ipad, `outer` =
 * after K ⊕ opad. A key longer than the block is hashed first (step 1 of RFC 2104 §2). The key is
 * `key[0..length)`, so callers may pass a reused scratch buffer.
 */
export function prepareKeyStates(
  core: HashCore,
  key: Uint8Array,
  length: number,
  inner: Int32Array,
  outer: Int32Array,
): void {
  const { blockBytes, outputBytes, iv, w, compress } = core;
  const blockWords = blockBytes >> 2;
  const stateWords = outputBytes >> 2;
  let i = 0;
  if (length > blockBytes) {
    const tmp = Int32Array.from(iv);
    hashInto(core, tmp, length === key.length ? key : key.subarray(0, length), 0);
    for (; i < stateWords; i++) w[i] = tmp[i] ^ 0x36363636;
    tmp.fill(0);
    core.pad.fill(0);
  } else {
    // K padded with zeros to the block, read as big-endian words and XORed with ipad, straight from `key`.
    const n = length;
    const whole = n >> 2;
    for (let j = 0; i < whole; i++, j += 4) {
      w[i] = ((key[j] << 24) | (key[j + 1] << 16) | (key[j + 2] << 8) | key[j + 3]) ^ 0x36363636;
    }
    if ((n & 3) !== 0) {
      let x = 0;
      for (let j = i << 2; j < (i << 2) + 4; j++) x = (x << 8) | (j < n ? key[j] : 0);
      w[i++] = x ^ 0x36363636;
    }
  }
  for (; i < blockWords; i++) w[i] = 0x36363636;
  for (let j = 0; j < stateWords; j++) inner[j] = iv[j];
  compress(inner, w);
  // The compression functions leave the block words w[0..blockWords) as they found them, so opad is one XOR
  // away: (K ^ ipad) ^ (ipad ^ opad) = K ^ opad.
  for (let j = 0; j < blockWords; j++) w[j] ^= 0x6a6a6a6a;
  for (let j = 0; j < stateWords; j++) outer[j] = iv[j];
  compress(outer, w);
  // Leave no key material in the shared scratch.
  for (let j = 0; j < blockWords; j++) w[j] = 0;
}

/** Runs the outer hash over the inner digest held in `state`; the HMAC is left in `state`. */
function finishOuter(core: HashCore, outer: Int32Array, state: Int32Array): void {
  const { blockBytes, outputBytes, w } = core;
  const stateWords = outputBytes >> 2;
  for (let i = 0; i < stateWords; i++) {
    w[i] = state[i];
    state[i] = outer[i];
  }
  // One block always suffices: L + 1 + length field <= B for all three hashes.
  endBlock(core, state, stateWords, blockBytes + outputBytes);
}

/**
 * Completes the last block, whose message words are `w[0..from)`, with the 0x80 byte, zeros and the message
 * length in bits (FIPS 180-4 §5.1; here always below 2^32, so only the last word of the field is non-zero), and
 * compresses it into `state`.
 */
function endBlock(core: HashCore, state: Int32Array, from: number, messageBytes: number): void {
  const { w } = core;
  const blockWords = core.blockBytes >> 2;
  w[from] = 0x80000000 | 0;
  for (let i = from + 1; i < blockWords - 1; i++) w[i] = 0;
  w[blockWords - 1] = messageBytes * 8;
  core.compress(state, w);
}

/**
 * @internal HMAC of the 8-byte big-endian counter `(hi, lo)` (RFC 4226 §5.2's C), left in `state` as int32
 * words: exactly two compressions, no allocation.
 */
export function macCounterInto(
  core: HashCore,
  inner: Int32Array,
  outer: Int32Array,
  hi: number,
  lo: number,
  state: Int32Array,
): void {
  const { w } = core;
  const stateWords = core.outputBytes >> 2;
  for (let i = 0; i < stateWords; i++) state[i] = inner[i];
  w[0] = hi;
  w[1] = lo;
  endBlock(core, state, 2, core.blockBytes + 8);
  finishOuter(core, outer, state);
}

/** @internal HMAC of an arbitrary message, left in `state`. */
function macInto(core: HashCore, inner: Int32Array, outer: Int32Array, message: Uint8Array, state: Int32Array): void {
  state.set(inner);
  hashInto(core, state, message, core.blockBytes);
  finishOuter(core, outer, state);
}

/** Serializes `count` big-endian words into a new byte array. */
function wordsToBytes(state: Int32Array, byteLength: number): Uint8Array {
  const out = new Uint8Array(byteLength);
  for (let i = 0, j = 0; j < byteLength; i++, j += 4) {
    const x = state[i];
    out[j] = x >>> 24;
    out[j + 1] = x >>> 16;
    out[j + 2] = x >>> 8;
    out[j + 3] = x;
  }
  return out;
}

/**
 * @internal Plain SHA-1/SHA-256/SHA-512 digest (FIPS 180-4), for the test vectors of FIPS 180-4 itself and for
 * hashing over-long keys. Not re-exported from the package entry.
 */
export function digest(algorithm: HmacAlgorithm, message: Uint8Array): Uint8Array {
  const core = hashCore(assertOneOf(algorithm, 'algorithm', ALGORITHMS));
  const state = Int32Array.from(core.iv);
  hashInto(core, state, assertBytes(message, 'message'), 0);
  return wordsToBytes(state, core.outputBytes);
}

/**
 * An HMAC key whose inner and outer pads have been absorbed once (RFC 2104 §4, "Implementation Note"), so each
 * further MAC costs only the message's own compressions plus one. Made by {@link prepareHmac}.
 */
export interface PreparedHmac {
  /** The hash function, `'SHA1'`, `'SHA256'` or `'SHA512'`. */
  readonly algorithm: HmacAlgorithm;
  /** Length of every MAC this key produces, in bytes (20, 32 or 64). */
  readonly outputLength: number;
  /**
   * Computes HMAC(K, message).
   *
   * @param message - Any bytes.
   * @returns A new array of `outputLength` bytes.
   * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `message` is not a `Uint8Array`.
   */
  mac(message: Uint8Array): Uint8Array;
  /**
   * Computes HMAC(K, C) for the 8-byte big-endian counter C of RFC 4226 §5.2 (the TOTP time step T of
   * RFC 6238 §4), without building the 8-byte message: two compressions.
   *
   * @param counter - An integer from 0 to `Number.MAX_SAFE_INTEGER`.
   * @returns A new array of `outputLength` bytes.
   * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `counter` is not a number.
   * @throws {RangeError} `ERR_OUT_OF_RANGE` if `counter` is not a safe non-negative integer.
   */
  macCounter(counter: number): Uint8Array;
}

class PreparedHmacImpl implements PreparedHmac {
  readonly algorithm: HmacAlgorithm;
  readonly outputLength: number;
  readonly #core: HashCore;
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;
  readonly #state: Int32Array;

  constructor(core: HashCore, key: Uint8Array) {
    this.algorithm = core.algorithm;
    this.outputLength = core.outputBytes;
    this.#core = core;
    const words = core.outputBytes >> 2;
    this.#inner = new Int32Array(words);
    this.#outer = new Int32Array(words);
    this.#state = new Int32Array(words);
    prepareKeyStates(core, key, key.length, this.#inner, this.#outer);
  }

  mac(message: Uint8Array): Uint8Array {
    assertBytes(message, 'message');
    macInto(this.#core, this.#inner, this.#outer, message, this.#state);
    return wordsToBytes(this.#state, this.outputLength);
  }

  macCounter(counter: number): Uint8Array {
    assertInteger(counter, 'counter', 0, Number.MAX_SAFE_INTEGER);
    macCounterInto(this.#core, this.#inner, this.#outer, Math.floor(counter / 4294967296), counter >>> 0, this.#state);
    return wordsToBytes(this.#state, this.outputLength);
  }
}

/**
 * Absorbs an HMAC key's inner and outer pads once (RFC 2104 §2 and §4), for computing many MACs with the same
 * key, such as every code in a TOTP verification window.
 *
 * @param algorithm - `'SHA1'`, `'SHA256'` or `'SHA512'` (FIPS 180-4).
 * @param key - The key, any length (RFC 2104 §3: a key longer than the block size is hashed first).
 * @returns A {@link PreparedHmac}. It holds key-derived state: treat it like the key.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `algorithm` is not a string or `key` not a `Uint8Array`.
 * @throws {RangeError} `ERR_INVALID_ARG_VALUE` if `algorithm` is not one of the three names.
 * @example
 * ```ts
 * const mac = prepareHmac('SHA1', new TextEncoder().encode('12345678901234567890'));
 * mac.macCounter(1).slice(0, 4); // => Uint8Array(4) [ 117, 164, 138, 25 ]  (RFC 4226 Appendix D, count 1)
 * ```
 */
export function prepareHmac(algorithm: HmacAlgorithm, key: Uint8Array): PreparedHmac {
  const core = hashCore(assertOneOf(algorithm, 'algorithm', ALGORITHMS));
  return new PreparedHmacImpl(core, assertBytes(key, 'key'));
}

/**
 * Computes HMAC(K, message) (RFC 2104 §2) with SHA-1, SHA-256 or SHA-512 (FIPS 180-4), synchronously.
 *
 * @param algorithm - `'SHA1'`, `'SHA256'` or `'SHA512'`.
 * @param key - The key, any length (longer than the block size is hashed first, RFC 2104 §3).
 * @param message - The message, any length.
 * @returns A new array of 20, 32 or 64 bytes.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `algorithm` is not a string or `key`/`message` not a
 *   `Uint8Array`.
 * @throws {RangeError} `ERR_INVALID_ARG_VALUE` if `algorithm` is not one of the three names.
 * @example
 * ```ts
 * const enc = new TextEncoder();
 * hmac('SHA256', enc.encode('Jefe'), enc.encode('what do ya want for nothing?')).slice(0, 4);
 * // => Uint8Array(4) [ 91, 220, 193, 70 ]  (RFC 4231 §4.3: 5bdcc146…)
 * ```
 */
export function hmac(algorithm: HmacAlgorithm, key: Uint8Array, message: Uint8Array): Uint8Array {
  const core = hashCore(assertOneOf(algorithm, 'algorithm', ALGORITHMS));
  assertBytes(key, 'key');
  assertBytes(message, 'message');
  const words = core.outputBytes >> 2;
  const inner = new Int32Array(words);
  const outer = new Int32Array(words);
  prepareKeyStates(core, key, key.length, inner, outer);
  macInto(core, inner, outer, message, inner);
  // macInto copied `inner` into the state before overwriting it, so reusing it as the output is safe.
  return wordsToBytes(inner, core.outputBytes);
}
