/**
 * SHA-512 compression function (FIPS 180-4 §6.4.2), for HMAC-SHA512 (RFC 2104, RFC 4231).
 *
 * Not public: the hash engine (`hash.ts`) drives it. JavaScript has no fast 64-bit integer (BigInt allocates), so each
 * 64-bit word is a pair of 32-bit halves: word `i` lives at `[2 * i]` (high) and `[2 * i + 1]` (low) of an
 * `Int32Array`, and additions carry from the low half by hand. Nothing is allocated per block.
 *
 * @module
 */
import { fractionalRoots, rotr, store64 } from './sha2.js';

/** Bytes per SHA-512 block. */
export const SHA512_BLOCK_BYTES = 128;
/** Bytes in a SHA-512 digest. */
export const SHA512_OUTPUT_BYTES = 64;

/** Initial hash value H(0) (FIPS 180-4 §5.3.5), as high/low pairs; filled by {@link sha512Init}. */
export const SHA512_IV: Int32Array = /* @__PURE__ */ new Int32Array(16);

/** Round constants K (FIPS 180-4 §4.2.3), as high/low pairs; filled by {@link sha512Init}. */
const K: Int32Array = /* @__PURE__ */ new Int32Array(160);

let ready = false;

/** Fills {@link SHA512_IV} and the round constants on first use; cheap afterwards. */
export function sha512Init(): void {
  if (ready) return;
  K.set(fractionalRoots(80, 3));
  SHA512_IV.set(fractionalRoots(8, 2));
  ready = true;
}

/** Working variables a..h of {@link sha512Compress}, as high/low pairs. */
const V: Int32Array = /* @__PURE__ */ new Int32Array(16);

/**
 * Compresses one 128-byte block into `state` (FIPS 180-4 §6.4.2).
 *
 * Written for size: SHA-512 is rarely used for OTP, and its code is in every bundle that can compute a code. The
 * working variables live in {@link V} and shift one place per round with a native `copyWithin`. Call
 * {@link sha512Init} once before the first block.
 *
 * @param state - The eight 64-bit hash words as 16 int32 halves (high first), updated in place.
 * @param w - At least 160 int32 halves (80 words); `w[0..31]` hold the block (big-endian, high half first),
 *   the rest is scratch for the message schedule and is overwritten.
 */
export function sha512Compress(state: Int32Array, w: Int32Array): void {
  for (let i = 32; i < 160; i += 2) {
    const xh = w[i - 30];
    const xl = w[i - 29];
    const yh = w[i - 4];
    const yl = w[i - 3];
    // W[t] = σ1(W[t−2]) + W[t−7] + σ0(W[t−15]) + W[t−16], with σ0 = ROTR^1 ^ ROTR^8 ^ SHR^7 and
    // σ1 = ROTR^19 ^ ROTR^61 ^ SHR^6 (FIPS 180-4 §6.4.2 step 1, §4.1.3 (4.12) and (4.13)).
    store64(
      w,
      i,
      (rotr(yh, yl, 19) ^ rotr(yl, yh, 29) ^ (yh >>> 6)) +
        w[i - 14] +
        (rotr(xh, xl, 1) ^ rotr(xh, xl, 8) ^ (xh >>> 7)) +
        w[i - 32],
      ((rotr(yl, yh, 19) ^ rotr(yh, yl, 29) ^ rotr(yl, yh, 6)) >>> 0) +
        (w[i - 13] >>> 0) +
        ((rotr(xl, xh, 1) ^ rotr(xl, xh, 8) ^ rotr(xl, xh, 7)) >>> 0) +
        (w[i - 31] >>> 0),
    );
  }
  const v = V;
  // `state` may be longer than the 16 words (callers share 16-word buffers across hashes).
  for (let i = 0; i < 16; i++) v[i] = state[i];
  for (let i = 0; i < 160; i += 2) {
    const ah = v[0];
    const al = v[1];
    const eh = v[8];
    const el = v[9];
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t] and T2 = Σ0(a) + Maj(a, b, c), with Σ0 = ROTR^28 ^ ROTR^34 ^
    // ROTR^39 and Σ1 = ROTR^14 ^ ROTR^18 ^ ROTR^41 (FIPS 180-4 §6.4.2 step 3, §4.1.3), as unreduced sums.
    const t1h =
      v[14] + (rotr(eh, el, 14) ^ rotr(eh, el, 18) ^ rotr(el, eh, 9)) + (v[12] ^ (eh & (v[10] ^ v[12]))) + K[i] + w[i];
    const t1l =
      (v[15] >>> 0) +
      ((rotr(el, eh, 14) ^ rotr(el, eh, 18) ^ rotr(eh, el, 9)) >>> 0) +
      ((v[13] ^ (el & (v[11] ^ v[13]))) >>> 0) +
      (K[i + 1] >>> 0) +
      (w[i + 1] >>> 0);
    const t2h = (rotr(ah, al, 28) ^ rotr(al, ah, 2) ^ rotr(al, ah, 7)) + ((ah & v[2]) | (v[4] & (ah | v[2])));
    const t2l =
      ((rotr(al, ah, 28) ^ rotr(ah, al, 2) ^ rotr(ah, al, 7)) >>> 0) + (((al & v[3]) | (v[5] & (al | v[3]))) >>> 0);
    // h = g, g = f, f = e, e = d + T1, d = c, c = b, b = a, a = T1 + T2.
    v.copyWithin(2, 0, 14);
    store64(v, 8, v[8] + t1h, (v[9] >>> 0) + t1l);
    store64(v, 0, t1h + t2h, t1l + t2l);
  }
  for (let i = 0; i < 16; i += 2) store64(state, i, state[i] + v[i], (state[i + 1] >>> 0) + (v[i + 1] >>> 0));
  v.fill(0);
}
