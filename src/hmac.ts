/**
 * HMAC-SHA1, HMAC-SHA256 and HMAC-SHA512 (RFC 2104 over FIPS 180-4), in plain synchronous TypeScript.
 *
 * No `node:crypto`, no WebCrypto: WebCrypto is asynchronous and absent from some workers, and OTP codes are
 * needed synchronously in browsers, workers, Deno, Bun and Node alike. The hashes are compression functions on
 * int32 words with reused scratch buffers (`internal/hash.ts`; SHA-1 unrolled by `scripts/generate-sha1.mjs`), so
 * an HOTP/TOTP code after key preparation costs two compressions and no allocation except the returned value.
 *
 * @module
 */
import { assertBytes, assertInteger, assertOneOf } from './internal/assert.js';
import { absorbMessage, finishBlock, hashEngine, type HashEngine, storeWords, wipeScratch } from './internal/hash.js';
import { ALGORITHMS, type Algorithm } from './params.js';

/** A hash function for {@link hmac}: the {@link Algorithm} names of the Key URI Format (RFC 6238 §1.2). */
export type HmacAlgorithm = Algorithm;

/**
 * @internal Prepares the HMAC key states of RFC 2104 §2: `inner` = H state after absorbing K ⊕ ipad, `outer` =
 * after K ⊕ opad. A key longer than the block is hashed first (step 1 of RFC 2104 §2). The key is
 * `key[0..length)`, so callers may pass a reused scratch buffer. The engine's scratch is left holding key
 * material: the caller must {@link wipeScratch} it before returning.
 */
export function prepareKeyStates(
  engine: HashEngine,
  key: Uint8Array,
  length: number,
  inner: Int32Array,
  outer: Int32Array,
): void {
  const { blockBytes, stateWords, initialState, schedule: w, compress } = engine;
  const blockWords = blockBytes >> 2;
  let i = 0;
  if (length > blockBytes) {
    const hashedKey = Int32Array.from(initialState);
    absorbMessage(engine, hashedKey, length === key.length ? key : key.subarray(0, length), 0);
    for (; i < stateWords; i++) w[i] = hashedKey[i] ^ 0x36363636;
    hashedKey.fill(0);
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
  for (let j = 0; j < stateWords; j++) inner[j] = initialState[j];
  compress(inner, w);
  // The compression functions leave the block words w[0..blockWords) as they found them, so opad is one XOR
  // away: (K ^ ipad) ^ (ipad ^ opad) = K ^ opad.
  for (let j = 0; j < blockWords; j++) w[j] ^= 0x6a6a6a6a;
  for (let j = 0; j < stateWords; j++) outer[j] = initialState[j];
  compress(outer, w);
  // The schedule now holds K ⊕ opad and (SHA-2) its expansion, enough to recover K: callers wipe the scratch
  // before they return (wipeScratch), after the MACs they compute with these states.
}

/** Runs the outer hash over the inner digest held in `state`; the HMAC is left in `state`. */
function finishOuter(engine: HashEngine, outer: Int32Array, state: Int32Array): void {
  const { stateWords, schedule } = engine;
  for (let i = 0; i < stateWords; i++) {
    schedule[i] = state[i];
    state[i] = outer[i];
  }
  // One block always suffices: L + 1 + length field <= B for all three hashes.
  finishBlock(engine, state, stateWords, engine.blockBytes + engine.digestBytes);
}

/**
 * @internal HMAC of the 8-byte big-endian counter `(hi, lo)` (RFC 4226 §5.2's C), left in `state` as int32
 * words: exactly two compressions, no allocation. The scratch then holds key-derived words (see
 * {@link wipeScratch}).
 */
export function macCounterInto(
  engine: HashEngine,
  inner: Int32Array,
  outer: Int32Array,
  hi: number,
  lo: number,
  state: Int32Array,
): void {
  const { schedule } = engine;
  for (let i = 0; i < engine.stateWords; i++) state[i] = inner[i];
  schedule[0] = hi;
  schedule[1] = lo;
  finishBlock(engine, state, 2, engine.blockBytes + 8);
  finishOuter(engine, outer, state);
}

/** HMAC of an arbitrary message, left in `state`. */
function macInto(
  engine: HashEngine,
  inner: Int32Array,
  outer: Int32Array,
  message: Uint8Array,
  state: Int32Array,
): void {
  state.set(inner);
  absorbMessage(engine, state, message, engine.blockBytes);
  finishOuter(engine, outer, state);
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

/**
 * The key states live in private fields of their own, not in the engine's shared scratch, which every method
 * wipes before returning: the object holds the key's pads (as the key itself would), nothing else does.
 */
class PreparedHmacImpl implements PreparedHmac {
  readonly algorithm: HmacAlgorithm;
  readonly outputLength: number;
  readonly #engine: HashEngine;
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;
  readonly #state: Int32Array;

  constructor(engine: HashEngine, key: Uint8Array) {
    this.algorithm = engine.algorithm;
    this.outputLength = engine.digestBytes;
    this.#engine = engine;
    this.#inner = new Int32Array(engine.stateWords);
    this.#outer = new Int32Array(engine.stateWords);
    this.#state = new Int32Array(engine.stateWords);
    try {
      prepareKeyStates(engine, key, key.length, this.#inner, this.#outer);
    } finally {
      wipeScratch(engine);
    }
  }

  mac(message: Uint8Array): Uint8Array {
    assertBytes(message, 'message');
    try {
      macInto(this.#engine, this.#inner, this.#outer, message, this.#state);
      return storeWords(this.#state, this.outputLength);
    } finally {
      this.#wipe();
    }
  }

  macCounter(counter: number): Uint8Array {
    assertInteger(counter, 'counter', 0, Number.MAX_SAFE_INTEGER);
    try {
      macCounterInto(
        this.#engine,
        this.#inner,
        this.#outer,
        Math.floor(counter / 4294967296),
        counter >>> 0,
        this.#state,
      );
      return storeWords(this.#state, this.outputLength);
    } finally {
      this.#wipe();
    }
  }

  /** After each MAC: the working state and the engine's shared scratch hold key-derived words. */
  #wipe(): void {
    this.#state.fill(0);
    wipeScratch(this.#engine);
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
  const engine = hashEngine(assertOneOf(algorithm, 'algorithm', ALGORITHMS));
  return new PreparedHmacImpl(engine, assertBytes(key, 'key'));
}

/** HMAC(K, message) under a key lent by {@link withHmacKey}: a new array of the digest's length. */
export type KeyedMac = (message: Uint8Array) => Uint8Array;

/**
 * Lends `use` the MAC of one key whose pads are absorbed once (RFC 2104 §4), for several messages under that key
 * (a pepper checked against every stored hash). Unlike {@link prepareHmac}, nothing key-derived outlives the call:
 * the pads, the working state and the engine's scratch are wiped when `use` returns or throws.
 */
export function withHmacKey<T>(algorithm: HmacAlgorithm, key: Uint8Array, use: (mac: KeyedMac) => T): T {
  const engine = hashEngine(assertOneOf(algorithm, 'algorithm', ALGORITHMS));
  assertBytes(key, 'key');
  const inner = new Int32Array(engine.stateWords);
  const outer = new Int32Array(engine.stateWords);
  const state = new Int32Array(engine.stateWords);
  try {
    prepareKeyStates(engine, key, key.length, inner, outer);
    return use((message) => {
      macInto(engine, inner, outer, assertBytes(message, 'message'), state);
      return storeWords(state, engine.digestBytes);
    });
  } finally {
    inner.fill(0);
    outer.fill(0);
    state.fill(0);
    wipeScratch(engine);
  }
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
  const engine = hashEngine(assertOneOf(algorithm, 'algorithm', ALGORITHMS));
  assertBytes(key, 'key');
  assertBytes(message, 'message');
  const inner = new Int32Array(engine.stateWords);
  const outer = new Int32Array(engine.stateWords);
  try {
    prepareKeyStates(engine, key, key.length, inner, outer);
    macInto(engine, inner, outer, message, inner);
    // macInto copied `inner` into the state before overwriting it, so reusing it as the output is safe.
    return storeWords(inner, engine.digestBytes);
  } finally {
    inner.fill(0);
    outer.fill(0);
    wipeScratch(engine);
  }
}
