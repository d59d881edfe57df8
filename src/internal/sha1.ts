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
 * Fully unrolled, with the 16-word message schedule window of FIPS 180-4 §6.1.3 ("alternate method") held in
 * locals, and the five working variables renamed round by round instead of shifted: every value lives in a
 * register, and a block costs no memory traffic beyond reading its 16 words. This is 2–3× faster in V8 than the
 * textbook loop, and the compression is most of the cost of an OTP code. The round pattern is regular: round t
 * computes `E += ROTL5(A) + f(B, C, D) + W[t] + K; B = ROTL30(B)` with (A…E) rotated one place per round, and
 * from round 16 on, `W[t & 15] = ROTL1(W[t−3] ^ W[t−8] ^ W[t−14] ^ W[t−16])`. The tests check it against
 * `node:crypto` on thousands of inputs.
 *
 * @param state - The five hash words H0..H4, updated in place.
 * @param w - At least 16 words holding the block (big-endian). Not modified.
 */
export function sha1Compress(state: Int32Array, w: Int32Array): void {
  let a = state[0] | 0;
  let b = state[1] | 0;
  let c = state[2] | 0;
  let d = state[3] | 0;
  let e = state[4] | 0;
  let w0 = w[0] | 0, w1 = w[1] | 0, w2 = w[2] | 0, w3 = w[3] | 0, w4 = w[4] | 0, w5 = w[5] | 0, w6 = w[6] | 0;
  let w7 = w[7] | 0, w8 = w[8] | 0, w9 = w[9] | 0, w10 = w[10] | 0, w11 = w[11] | 0, w12 = w[12] | 0;
  let w13 = w[13] | 0, w14 = w[14] | 0, w15 = w[15] | 0;
  let x = 0;
  const k1 = 0x5a827999;
  const k2 = 0x6ed9eba1;
  const k3 = -0x70e44324;
  const k4 = -0x359d3e2a;
  // K_t above 2^31 is written as its int32 value (0x8f1bbcdc = -0x70e44324, 0xca62c1d6 = -0x359d3e2a) so that
  // sums stay small integers before `| 0`.
  // Rounds 0–19: f = Ch, K = 0x5a827999.
  e = (e + ((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + w0 + k1) | 0;
  b = (b << 30) | (b >>> 2);
  d = (d + ((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + w1 + k1) | 0;
  a = (a << 30) | (a >>> 2);
  c = (c + ((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + w2 + k1) | 0;
  e = (e << 30) | (e >>> 2);
  b = (b + ((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + w3 + k1) | 0;
  d = (d << 30) | (d >>> 2);
  a = (a + ((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + w4 + k1) | 0;
  c = (c << 30) | (c >>> 2);
  e = (e + ((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + w5 + k1) | 0;
  b = (b << 30) | (b >>> 2);
  d = (d + ((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + w6 + k1) | 0;
  a = (a << 30) | (a >>> 2);
  c = (c + ((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + w7 + k1) | 0;
  e = (e << 30) | (e >>> 2);
  b = (b + ((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + w8 + k1) | 0;
  d = (d << 30) | (d >>> 2);
  a = (a + ((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + w9 + k1) | 0;
  c = (c << 30) | (c >>> 2);
  e = (e + ((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + w10 + k1) | 0;
  b = (b << 30) | (b >>> 2);
  d = (d + ((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + w11 + k1) | 0;
  a = (a << 30) | (a >>> 2);
  c = (c + ((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + w12 + k1) | 0;
  e = (e << 30) | (e >>> 2);
  b = (b + ((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + w13 + k1) | 0;
  d = (d << 30) | (d >>> 2);
  a = (a + ((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + w14 + k1) | 0;
  c = (c << 30) | (c >>> 2);
  e = (e + ((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + w15 + k1) | 0;
  b = (b << 30) | (b >>> 2);
  x = w13 ^ w8 ^ w2 ^ w0;
  w0 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + w0 + k1) | 0;
  a = (a << 30) | (a >>> 2);
  x = w14 ^ w9 ^ w3 ^ w1;
  w1 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + w1 + k1) | 0;
  e = (e << 30) | (e >>> 2);
  x = w15 ^ w10 ^ w4 ^ w2;
  w2 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + w2 + k1) | 0;
  d = (d << 30) | (d >>> 2);
  x = w0 ^ w11 ^ w5 ^ w3;
  w3 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + w3 + k1) | 0;
  c = (c << 30) | (c >>> 2);
  // Rounds 20–39: f = Parity, K = 0x6ed9eba1.
  x = w1 ^ w12 ^ w6 ^ w4;
  w4 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w4 + k2) | 0;
  b = (b << 30) | (b >>> 2);
  x = w2 ^ w13 ^ w7 ^ w5;
  w5 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w5 + k2) | 0;
  a = (a << 30) | (a >>> 2);
  x = w3 ^ w14 ^ w8 ^ w6;
  w6 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w6 + k2) | 0;
  e = (e << 30) | (e >>> 2);
  x = w4 ^ w15 ^ w9 ^ w7;
  w7 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w7 + k2) | 0;
  d = (d << 30) | (d >>> 2);
  x = w5 ^ w0 ^ w10 ^ w8;
  w8 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w8 + k2) | 0;
  c = (c << 30) | (c >>> 2);
  x = w6 ^ w1 ^ w11 ^ w9;
  w9 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w9 + k2) | 0;
  b = (b << 30) | (b >>> 2);
  x = w7 ^ w2 ^ w12 ^ w10;
  w10 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w10 + k2) | 0;
  a = (a << 30) | (a >>> 2);
  x = w8 ^ w3 ^ w13 ^ w11;
  w11 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w11 + k2) | 0;
  e = (e << 30) | (e >>> 2);
  x = w9 ^ w4 ^ w14 ^ w12;
  w12 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w12 + k2) | 0;
  d = (d << 30) | (d >>> 2);
  x = w10 ^ w5 ^ w15 ^ w13;
  w13 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w13 + k2) | 0;
  c = (c << 30) | (c >>> 2);
  x = w11 ^ w6 ^ w0 ^ w14;
  w14 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w14 + k2) | 0;
  b = (b << 30) | (b >>> 2);
  x = w12 ^ w7 ^ w1 ^ w15;
  w15 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w15 + k2) | 0;
  a = (a << 30) | (a >>> 2);
  x = w13 ^ w8 ^ w2 ^ w0;
  w0 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w0 + k2) | 0;
  e = (e << 30) | (e >>> 2);
  x = w14 ^ w9 ^ w3 ^ w1;
  w1 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w1 + k2) | 0;
  d = (d << 30) | (d >>> 2);
  x = w15 ^ w10 ^ w4 ^ w2;
  w2 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w2 + k2) | 0;
  c = (c << 30) | (c >>> 2);
  x = w0 ^ w11 ^ w5 ^ w3;
  w3 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w3 + k2) | 0;
  b = (b << 30) | (b >>> 2);
  x = w1 ^ w12 ^ w6 ^ w4;
  w4 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w4 + k2) | 0;
  a = (a << 30) | (a >>> 2);
  x = w2 ^ w13 ^ w7 ^ w5;
  w5 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w5 + k2) | 0;
  e = (e << 30) | (e >>> 2);
  x = w3 ^ w14 ^ w8 ^ w6;
  w6 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w6 + k2) | 0;
  d = (d << 30) | (d >>> 2);
  x = w4 ^ w15 ^ w9 ^ w7;
  w7 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w7 + k2) | 0;
  c = (c << 30) | (c >>> 2);
  // Rounds 40–59: f = Maj, K = 0x8f1bbcdc.
  x = w5 ^ w0 ^ w10 ^ w8;
  w8 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + w8 + k3) | 0;
  b = (b << 30) | (b >>> 2);
  x = w6 ^ w1 ^ w11 ^ w9;
  w9 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + w9 + k3) | 0;
  a = (a << 30) | (a >>> 2);
  x = w7 ^ w2 ^ w12 ^ w10;
  w10 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + w10 + k3) | 0;
  e = (e << 30) | (e >>> 2);
  x = w8 ^ w3 ^ w13 ^ w11;
  w11 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + w11 + k3) | 0;
  d = (d << 30) | (d >>> 2);
  x = w9 ^ w4 ^ w14 ^ w12;
  w12 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + w12 + k3) | 0;
  c = (c << 30) | (c >>> 2);
  x = w10 ^ w5 ^ w15 ^ w13;
  w13 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + w13 + k3) | 0;
  b = (b << 30) | (b >>> 2);
  x = w11 ^ w6 ^ w0 ^ w14;
  w14 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + w14 + k3) | 0;
  a = (a << 30) | (a >>> 2);
  x = w12 ^ w7 ^ w1 ^ w15;
  w15 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + w15 + k3) | 0;
  e = (e << 30) | (e >>> 2);
  x = w13 ^ w8 ^ w2 ^ w0;
  w0 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + w0 + k3) | 0;
  d = (d << 30) | (d >>> 2);
  x = w14 ^ w9 ^ w3 ^ w1;
  w1 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + w1 + k3) | 0;
  c = (c << 30) | (c >>> 2);
  x = w15 ^ w10 ^ w4 ^ w2;
  w2 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + w2 + k3) | 0;
  b = (b << 30) | (b >>> 2);
  x = w0 ^ w11 ^ w5 ^ w3;
  w3 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + w3 + k3) | 0;
  a = (a << 30) | (a >>> 2);
  x = w1 ^ w12 ^ w6 ^ w4;
  w4 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + w4 + k3) | 0;
  e = (e << 30) | (e >>> 2);
  x = w2 ^ w13 ^ w7 ^ w5;
  w5 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + w5 + k3) | 0;
  d = (d << 30) | (d >>> 2);
  x = w3 ^ w14 ^ w8 ^ w6;
  w6 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + w6 + k3) | 0;
  c = (c << 30) | (c >>> 2);
  x = w4 ^ w15 ^ w9 ^ w7;
  w7 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + w7 + k3) | 0;
  b = (b << 30) | (b >>> 2);
  x = w5 ^ w0 ^ w10 ^ w8;
  w8 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + w8 + k3) | 0;
  a = (a << 30) | (a >>> 2);
  x = w6 ^ w1 ^ w11 ^ w9;
  w9 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + w9 + k3) | 0;
  e = (e << 30) | (e >>> 2);
  x = w7 ^ w2 ^ w12 ^ w10;
  w10 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + w10 + k3) | 0;
  d = (d << 30) | (d >>> 2);
  x = w8 ^ w3 ^ w13 ^ w11;
  w11 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + w11 + k3) | 0;
  c = (c << 30) | (c >>> 2);
  // Rounds 60–79: f = Parity, K = 0xca62c1d6.
  x = w9 ^ w4 ^ w14 ^ w12;
  w12 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w12 + k4) | 0;
  b = (b << 30) | (b >>> 2);
  x = w10 ^ w5 ^ w15 ^ w13;
  w13 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w13 + k4) | 0;
  a = (a << 30) | (a >>> 2);
  x = w11 ^ w6 ^ w0 ^ w14;
  w14 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w14 + k4) | 0;
  e = (e << 30) | (e >>> 2);
  x = w12 ^ w7 ^ w1 ^ w15;
  w15 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w15 + k4) | 0;
  d = (d << 30) | (d >>> 2);
  x = w13 ^ w8 ^ w2 ^ w0;
  w0 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w0 + k4) | 0;
  c = (c << 30) | (c >>> 2);
  x = w14 ^ w9 ^ w3 ^ w1;
  w1 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w1 + k4) | 0;
  b = (b << 30) | (b >>> 2);
  x = w15 ^ w10 ^ w4 ^ w2;
  w2 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w2 + k4) | 0;
  a = (a << 30) | (a >>> 2);
  x = w0 ^ w11 ^ w5 ^ w3;
  w3 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w3 + k4) | 0;
  e = (e << 30) | (e >>> 2);
  x = w1 ^ w12 ^ w6 ^ w4;
  w4 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w4 + k4) | 0;
  d = (d << 30) | (d >>> 2);
  x = w2 ^ w13 ^ w7 ^ w5;
  w5 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w5 + k4) | 0;
  c = (c << 30) | (c >>> 2);
  x = w3 ^ w14 ^ w8 ^ w6;
  w6 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w6 + k4) | 0;
  b = (b << 30) | (b >>> 2);
  x = w4 ^ w15 ^ w9 ^ w7;
  w7 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w7 + k4) | 0;
  a = (a << 30) | (a >>> 2);
  x = w5 ^ w0 ^ w10 ^ w8;
  w8 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w8 + k4) | 0;
  e = (e << 30) | (e >>> 2);
  x = w6 ^ w1 ^ w11 ^ w9;
  w9 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w9 + k4) | 0;
  d = (d << 30) | (d >>> 2);
  x = w7 ^ w2 ^ w12 ^ w10;
  w10 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w10 + k4) | 0;
  c = (c << 30) | (c >>> 2);
  x = w8 ^ w3 ^ w13 ^ w11;
  w11 = (x << 1) | (x >>> 31);
  e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + w11 + k4) | 0;
  b = (b << 30) | (b >>> 2);
  x = w9 ^ w4 ^ w14 ^ w12;
  w12 = (x << 1) | (x >>> 31);
  d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + w12 + k4) | 0;
  a = (a << 30) | (a >>> 2);
  x = w10 ^ w5 ^ w15 ^ w13;
  w13 = (x << 1) | (x >>> 31);
  c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + w13 + k4) | 0;
  e = (e << 30) | (e >>> 2);
  x = w11 ^ w6 ^ w0 ^ w14;
  w14 = (x << 1) | (x >>> 31);
  b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + w14 + k4) | 0;
  d = (d << 30) | (d >>> 2);
  x = w12 ^ w7 ^ w1 ^ w15;
  w15 = (x << 1) | (x >>> 31);
  a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + w15 + k4) | 0;
  c = (c << 30) | (c >>> 2);
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
}
