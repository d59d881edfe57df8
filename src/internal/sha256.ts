/**
 * SHA-256 compression function (FIPS 180-4 §6.2.2), for HMAC-SHA256 (RFC 2104, RFC 4231).
 *
 * Not public: the hash engine (`hash.ts`) drives it. Words are big-endian 32-bit values held in an `Int32Array`;
 * nothing is allocated per block.
 *
 * @module
 */
import { fractionalRoots, rotr } from './sha2.js';

/** Bytes per SHA-256 block. */
export const SHA256_BLOCK_BYTES = 64;
/** Bytes in a SHA-256 digest. */
export const SHA256_OUTPUT_BYTES = 32;

/** Initial hash value H(0) (FIPS 180-4 §5.3.3); filled by {@link sha256Init}. */
export const SHA256_IV: Int32Array = /* @__PURE__ */ new Int32Array(8);

/** Round constants K (FIPS 180-4 §4.2.2); filled by {@link sha256Init}. */
const K: Int32Array = /* @__PURE__ */ new Int32Array(64);

let ready = false;

/**
 * Fills {@link SHA256_IV} and the round constants on first use, from {@link fractionalRoots}: SHA-256's
 * constants are the first 32 bits of the fractional parts of the same roots as SHA-512's.
 */
export function sha256Init(): void {
  if (ready) return;
  const k = fractionalRoots(64, 3);
  const iv = fractionalRoots(8, 2);
  for (let i = 0; i < 64; i++) K[i] = k[2 * i];
  for (let i = 0; i < 8; i++) SHA256_IV[i] = iv[2 * i];
  ready = true;
}

/** Working variables a..h of {@link sha256Compress}. */
const V: Int32Array = /* @__PURE__ */ new Int32Array(8);

/**
 * Compresses one 64-byte block into `state` (FIPS 180-4 §6.2.2).
 *
 * Written for size, like SHA-512's: the working variables live in {@link V} and shift one place per round with a
 * native `copyWithin`; `rotr(x, x, n)` is ROTR^n. Call {@link sha256Init} once before the first block.
 *
 * @param state - The eight hash words H0..H7, updated in place.
 * @param w - At least 64 words; `w[0..15]` hold the block (big-endian), the rest is scratch for the message
 *   schedule and is overwritten.
 */
export function sha256Compress(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    // W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16] (FIPS 180-4 §6.2.2 step 1, §4.1.2 (4.6) and (4.7)).
    const sigma1 = rotr(y, y, 17) ^ rotr(y, y, 19) ^ (y >>> 10);
    const sigma0 = rotr(x, x, 7) ^ rotr(x, x, 18) ^ (x >>> 3);
    w[i] = (sigma1 + w[i - 7] + sigma0 + w[i - 16]) | 0;
  }
  const v = V;
  // `state` may be longer than the 8 words (callers share 16-word buffers across hashes).
  for (let i = 0; i < 8; i++) v[i] = state[i];
  for (let i = 0; i < 64; i++) {
    const a = v[0];
    const e = v[4];
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t] and T2 = Σ0(a) + Maj(a, b, c) (§6.2.2 step 3, §4.1.2 (4.2)–(4.5)).
    const sum1 = rotr(e, e, 6) ^ rotr(e, e, 11) ^ rotr(e, e, 25);
    const t1 = v[7] + sum1 + (v[6] ^ (e & (v[5] ^ v[6]))) + K[i] + w[i];
    const t2 = (rotr(a, a, 2) ^ rotr(a, a, 13) ^ rotr(a, a, 22)) + ((a & v[1]) | (v[2] & (a | v[1])));
    // h = g, g = f, f = e, e = d + T1, d = c, c = b, b = a, a = T1 + T2.
    v.copyWithin(1, 0, 7);
    v[4] = (v[4] + t1) | 0;
    v[0] = (t1 + t2) | 0;
  }
  for (let i = 0; i < 8; i++) state[i] = (state[i] + v[i]) | 0;
  v.fill(0);
}
