/**
 * SHA-256 compression function (FIPS 180-4 §6.2.2), for HMAC-SHA256 (RFC 2104, RFC 4231).
 *
 * Not public: {@link ../hmac.ts} drives it. Words are big-endian 32-bit values held in an `Int32Array`;
 * nothing is allocated per block.
 *
 * @module
 */
import { fractionalRoots } from './sha512.js';

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

/**
 * Compresses one 64-byte block into `state` (FIPS 180-4 §6.2.2).
 *
 * Call {@link sha256Init} once before the first block.
 *
 * @param state - The eight hash words H0..H7, updated in place.
 * @param w - At least 64 words; `w[0..15]` hold the block (big-endian), the rest is scratch for the message
 *   schedule and is overwritten.
 */
export function sha256Compress(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    // σ0 and σ1 (FIPS 180-4 §4.1.2, (4.6) and (4.7)).
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (s1 + w[i - 7] + s0 + w[i - 16]) | 0;
  }
  let a = state[0] | 0;
  let b = state[1] | 0;
  let c = state[2] | 0;
  let d = state[3] | 0;
  let e = state[4] | 0;
  let f = state[5] | 0;
  let g = state[6] | 0;
  let h = state[7] | 0;
  for (let i = 0; i < 64; i++) {
    // Σ1, Ch, Σ0 and Maj (FIPS 180-4 §4.1.2, (4.2)–(4.5)).
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + (g ^ (e & (f ^ g))) + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}
