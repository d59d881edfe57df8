/**
 * SHA-1 compression function (FIPS 180-4 §6.1.2), for HMAC-SHA1 (RFC 2104) as used by HOTP and TOTP.
 *
 * SHA-1 is broken for collision resistance, but HMAC-SHA1 is not: HMAC's security rests on the compression
 * function being a PRF, which collisions do not contradict (RFC 6151 §2). It stays the default for TOTP
 * because every authenticator app supports it.
 *
 * Not public: {@link ../hmac.ts} drives it. Words are big-endian 32-bit values held in an `Int32Array`, so
 * every intermediate stays a small integer (V8 "Smi"/int32) and nothing is allocated per block.
 *
 * @module
 */

/** Bytes per SHA-1 block (FIPS 180-4 §1, Figure 1). */
export const SHA1_BLOCK_BYTES = 64;
/** Bytes in a SHA-1 digest. */
export const SHA1_OUTPUT_BYTES = 20;

/** Initial hash value H(0) (FIPS 180-4 §5.3.1). */
export const SHA1_IV: Int32Array = /* @__PURE__ */ Int32Array.of(
  0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
);

/**
 * Compresses one 64-byte block into `state` (FIPS 180-4 §6.1.2).
 *
 * @param state - The five hash words H0..H4, updated in place.
 * @param w - At least 80 words; `w[0..15]` hold the block (big-endian), the rest is scratch for the message
 *   schedule and is overwritten.
 */
export function sha1Compress(state: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = state[0] | 0;
  let b = state[1] | 0;
  let c = state[2] | 0;
  let d = state[3] | 0;
  let e = state[4] | 0;
  let i = 0;
  // Four loops of 20 rounds, one per round function f_t and constant K_t (FIPS 180-4 §4.1.1, §4.2.1), so no
  // round pays for a branch on t. K_t above 2^31 is written as its int32 value (0x8f1bbcdc = -0x70e44324,
  // 0xca62c1d6 = -0x359d3e2a) so the sum stays in int32 range before `| 0`.
  for (; i < 20; i++) {
    const t = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + w[i] + 0x5a827999) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (; i < 40; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[i] + 0x6ed9eba1) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (; i < 60; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + w[i] - 0x70e44324) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (; i < 80; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[i] - 0x359d3e2a) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
}
