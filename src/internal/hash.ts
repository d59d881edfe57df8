/**
 * The hash engine shared by SHA-1, SHA-256 and SHA-512 (FIPS 180-4): Merkle–Damgård mechanics written once
 * (loading big-endian words, padding the last block, serialising the digest), with each hash supplying only its
 * constants and its compression function, as noble-hashes' `_md.ts` does. HMAC (`hmac.ts`) and the OTP code
 * path (`otp.ts`) drive it.
 *
 * Every word is a big-endian int32; SHA-512's 64-bit words are (high, low) pairs, so the same loaders serve all
 * three. Scratch buffers are shared per engine: every function here runs to completion synchronously and none
 * calls back into user code, so no two computations interleave on them. Whoever puts key material into them
 * wipes them before returning ({@link wipeScratch}).
 *
 * @module
 */
import type { Algorithm } from '../params.js';
import { SHA1_BLOCK_BYTES, SHA1_IV, SHA1_OUTPUT_BYTES, sha1Compress } from './sha1.js';
import { SHA256_BLOCK_BYTES, SHA256_IV, SHA256_OUTPUT_BYTES, sha256Compress, sha256Init } from './sha256.js';
import { SHA512_BLOCK_BYTES, SHA512_IV, SHA512_OUTPUT_BYTES, sha512Compress, sha512Init } from './sha512.js';

/** A hash function's parameters and its scratch buffers. */
export interface HashEngine {
  readonly algorithm: Algorithm;
  /** Block size B of RFC 2104 §2, in bytes. */
  readonly blockBytes: number;
  /** Digest size L of RFC 2104 §2, in bytes. */
  readonly digestBytes: number;
  /** Words of chaining state: `digestBytes / 4`. */
  readonly stateWords: number;
  /** Initial hash value H(0), `stateWords` words. */
  readonly initialState: Int32Array;
  /** Compresses the block held in `schedule[0 .. blockBytes / 4)` into `state`. */
  readonly compress: (state: Int32Array, schedule: Int32Array) => void;
  /**
   * The message schedule: the block's words first, then (SHA-2) the expanded words W[16..] that compression
   * writes. After a keyed computation it holds key-derived words until {@link wipeScratch}.
   */
  readonly schedule: Int32Array;
  /** Two blocks of byte scratch for the padded tail of a message (FIPS 180-4 §5.1). */
  readonly tail: Uint8Array;
}

/* @__NO_SIDE_EFFECTS__ */
function makeEngine(
  algorithm: Algorithm,
  blockBytes: number,
  digestBytes: number,
  initialState: Int32Array,
  compress: (state: Int32Array, schedule: Int32Array) => void,
  scheduleWords: number,
): HashEngine {
  return {
    algorithm,
    blockBytes,
    digestBytes,
    stateWords: digestBytes >> 2,
    initialState,
    compress,
    schedule: new Int32Array(scheduleWords),
    tail: new Uint8Array(blockBytes * 2),
  };
}

// SHA-1 reads only the 16 block words; SHA-256 expands them to 64, SHA-512 to 80 pairs.
const SHA1 = /* @__PURE__ */ makeEngine('SHA1', SHA1_BLOCK_BYTES, SHA1_OUTPUT_BYTES, SHA1_IV, sha1Compress, 16);
const SHA256 = /* @__PURE__ */ makeEngine(
  'SHA256',
  SHA256_BLOCK_BYTES,
  SHA256_OUTPUT_BYTES,
  SHA256_IV,
  sha256Compress,
  64,
);
const SHA512 = /* @__PURE__ */ makeEngine(
  'SHA512',
  SHA512_BLOCK_BYTES,
  SHA512_OUTPUT_BYTES,
  SHA512_IV,
  sha512Compress,
  160,
);

/**
 * The engine for an already validated algorithm name. Every use of an engine goes through here, so this is
 * where SHA-256's and SHA-512's computed constants are made ready.
 */
export function hashEngine(algorithm: Algorithm): HashEngine {
  if (algorithm === 'SHA1') return SHA1;
  if (algorithm === 'SHA256') {
    sha256Init();
    return SHA256;
  }
  sha512Init();
  return SHA512;
}

/** Reads `count` big-endian int32 words from `bytes` at `offset` into `words[0 .. count)`. */
function loadWords(words: Int32Array, bytes: Uint8Array, offset: number, count: number): void {
  for (let i = 0, j = offset; i < count; i++, j += 4) {
    words[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
}

/**
 * Hashes `message` onward from `state`, which has already absorbed `prefixBytes` bytes (a whole number of
 * blocks), and applies the final padding (FIPS 180-4 §5.1). The digest is left in `state`.
 */
export function absorbMessage(engine: HashEngine, state: Int32Array, message: Uint8Array, prefixBytes: number): void {
  const { blockBytes, schedule, tail, compress } = engine;
  const n = message.length;
  const rest = n % blockBytes;
  const whole = n - rest;
  // The padded tail: the message's last partial block, 0x80, zeros, and the length field. The length field is 64
  // bits for SHA-1/SHA-256 and 128 bits for SHA-512; lengths here stay far below 2^53 bits, so only its last 8
  // bytes are ever non-zero. It fits in one block unless the tail leaves no room for 0x80 and the field.
  tail.fill(0);
  tail.set(message.subarray(whole));
  tail[rest] = 0x80;
  const end = rest + 1 + (blockBytes >> 3) <= blockBytes ? blockBytes : blockBytes * 2;
  const bits = (prefixBytes + n) * 8;
  for (let k = 0; k < 32; k += 8) {
    tail[end - 1 - k / 8] = bits >>> k;
    tail[end - 5 - k / 8] = (bits / 4294967296) >>> k;
  }
  for (let i = 0; i < whole + end; i += blockBytes) {
    if (i < whole) loadWords(schedule, message, i, blockBytes >> 2);
    else loadWords(schedule, tail, i - whole, blockBytes >> 2);
    compress(state, schedule);
  }
  tail.fill(0); // it held the end of the message, perhaps a key
}

/**
 * Completes the last block, whose message words are `schedule[0 .. from)`, with the 0x80 byte, zeros and the
 * message length in bits (FIPS 180-4 §5.1; here always below 2^32, so only the last word of the field is
 * non-zero), and compresses it into `state`.
 */
export function finishBlock(engine: HashEngine, state: Int32Array, from: number, messageBytes: number): void {
  const { schedule } = engine;
  const blockWords = engine.blockBytes >> 2;
  schedule[from] = 0x80000000 | 0;
  for (let i = from + 1; i < blockWords - 1; i++) schedule[i] = 0;
  schedule[blockWords - 1] = messageBytes * 8;
  engine.compress(state, schedule);
}

/** Serialises the first `byteLength` bytes of big-endian `words` into a new byte array. */
export function storeWords(words: Int32Array, byteLength: number): Uint8Array {
  const out = new Uint8Array(byteLength);
  for (let i = 0, j = 0; j < byteLength; i++, j += 4) {
    const x = words[i];
    out[j] = x >>> 24;
    out[j + 1] = x >>> 16;
    out[j + 2] = x >>> 8;
    out[j + 3] = x;
  }
  return out;
}

/**
 * Zeroes the engine's shared message schedule, expansion included (the tail buffer is wiped by
 * {@link absorbMessage} itself). After a keyed computation it holds words derived from the key: for HMAC-SHA256
 * the expansion of K ⊕ opad is enough to recover K exactly.
 */
export function wipeScratch(engine: HashEngine): void {
  // A plain loop: for 16 to 160 words it costs less than a fill() call, and this runs after every code.
  const { schedule } = engine;
  for (let i = 0; i < schedule.length; i++) schedule[i] = 0;
}

/**
 * Plain SHA-1/SHA-256/SHA-512 digest (FIPS 180-4), for FIPS 180-4's own test vectors and for the plain hashes of
 * recovery codes. Arguments are not checked.
 *
 * @example
 * ```ts
 * digest('SHA1', new TextEncoder().encode('abc')).slice(0, 4); // => Uint8Array(4) [ 169, 153, 62, 54 ]
 * ```
 */
export function digest(algorithm: Algorithm, message: Uint8Array): Uint8Array {
  const engine = hashEngine(algorithm);
  const state = Int32Array.from(engine.initialState);
  absorbMessage(engine, state, message, 0);
  wipeScratch(engine);
  return storeWords(state, engine.digestBytes);
}
