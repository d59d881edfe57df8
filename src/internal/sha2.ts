/**
 * What SHA-256 and SHA-512 share (FIPS 180-4 §4.1.2–§4.1.3, §4.2.2–§4.2.3): their constants, computed rather
 * than shipped, and the 32-bit halves arithmetic that SHA-512's 64-bit words are written in.
 *
 * @module
 */

/** 2^32, to take the carry out of a sum of unsigned low halves. */
const TWO_32 = 4294967296;

/**
 * The first 64 bits of the fractional part of the `n`-th root (2 or 3) of each of the first `count` primes, as
 * high/low int32 pairs: the SHA-2 constants of FIPS 180-4 §4.2.2–§4.2.3 and §5.3.3–§5.3.5 (SHA-256's are the
 * high halves of SHA-512's).
 *
 * They are computed, once and only when SHA-256 or SHA-512 is first used, instead of shipped as 200 hex literals:
 * that keeps about 1.8 KB (gzipped) out of every bundle, including SHA-1-only ones. The roots are exact: integer
 * Newton iteration on BigInt from above gives floor(root(p · 2^(64n))), whose low 64 bits are the fraction.
 * BigInt is used here only, never per block. The FIPS 180-4 and RFC 4231 test vectors check every constant.
 */
export function fractionalRoots(count: number, n: 2 | 3): Int32Array {
  const out = new Int32Array(2 * count);
  const bn = BigInt(n);
  for (let p = 2, found = 0; found < count; p++) {
    let prime = true;
    for (let d = 2; d * d <= p; d++) if (p % d === 0) prime = false;
    if (!prime) continue;
    const x = BigInt(p) << (64n * bn);
    // A start just above the root (doubles are good to ~2^-52 relative), then Newton steps down to the floor.
    let r = (BigInt(Math.ceil(p ** (1 / n) * 2 ** 40)) + 1n) << 24n;
    for (;;) {
      const next = ((bn - 1n) * r + x / r ** (bn - 1n)) / bn;
      if (next >= r) break;
      r = next;
    }
    out[2 * found] = Number((r >> 32n) & 0xffffffffn);
    out[2 * found + 1] = Number(r & 0xffffffffn);
    found++;
  }
  return out;
}

/**
 * The high (or, arguments swapped, low) half of ROTR^n of the 64-bit word (x, y), for 0 < n < 32; `rotr(x, x, n)`
 * is the 32-bit ROTR^n.
 */
export function rotr(x: number, y: number, n: number): number {
  return (x >>> n) | (y << (32 - n));
}

/**
 * Stores the 64-bit sum whose high halves add up to `hi` and whose unsigned low halves add up to `lo` (both
 * exact: far below 2^53) at `out[i]`, `out[i + 1]`, carrying from the low half.
 */
export function store64(out: Int32Array, i: number, hi: number, lo: number): void {
  out[i] = (hi + ((lo / TWO_32) | 0)) | 0;
  out[i + 1] = lo | 0;
}
