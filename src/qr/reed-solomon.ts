/**
 * Reed–Solomon error correction over GF(2⁸) with the QR field polynomial x⁸+x⁴+x³+x²+1 (0x11D) and
 * generator roots α⁰…α^(n−1) (ISO/IEC 18004:2015 §7.5.2, Annex A).
 *
 * Tables are built on first use, not at import time, so that importing the module costs nothing and bundlers
 * may drop it; generator polynomials are cached per degree (a symbol uses at most two block sizes, one degree).
 *
 * @module
 */

let EXP: Uint8Array | undefined; // α^i for i in 0..509 (doubled so that EXP[log a + log b] needs no modulo)
let LOG: Uint8Array | undefined; // log_α(x) for x in 1..255; LOG[0] is unused
const GENERATORS = new Map<number, Uint8Array>();

function tables(): [Uint8Array, Uint8Array] {
  if (EXP === undefined || LOG === undefined) {
    const exp = new Uint8Array(510);
    const log = new Uint8Array(256);
    let x = 1;
    for (let i = 0; i < 255; i++) {
      exp[i] = x;
      exp[i + 255] = x;
      log[x] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
    EXP = exp;
    LOG = log;
  }
  return [EXP, LOG];
}

/** Multiplies two field elements (§7.5.2: arithmetic is modulo 0x11D). */
export function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  const [exp, log] = tables();
  return exp[log[a] + log[b]];
}

/**
 * The generator polynomial of `degree` (Annex A): ∏ (x − α^i) for i in 0..degree−1, as its `degree`
 * coefficients below the leading 1, highest power first, in log form (log_α of each coefficient). Every
 * generator coefficient is non-zero, so the log form is total.
 */
export function generatorLog(degree: number): Uint8Array {
  let cached = GENERATORS.get(degree);
  if (cached === undefined) {
    const [exp, log] = tables();
    // coef[0..degree-1]: coefficients of x^(degree-1) .. x^0 below the implicit leading 1.
    const coef = new Uint8Array(degree);
    coef[degree - 1] = 1;
    let root = 1;
    for (let i = 0; i < degree; i++) {
      // Multiply the current product by (x - root); in GF(2^8) minus is plus.
      for (let j = 0; j < degree; j++) {
        const next = j + 1 < degree ? coef[j + 1] : 0;
        coef[j] = (coef[j] === 0 ? 0 : exp[log[coef[j]] + log[root]]) ^ next;
      }
      root = exp[log[root] + 1];
    }
    cached = new Uint8Array(degree);
    for (let j = 0; j < degree; j++) cached[j] = log[coef[j]];
    GENERATORS.set(degree, cached);
  }
  return cached;
}

/**
 * Computes the `degree` error-correction codewords of `data[start .. start+length)` (the remainder of
 * data(x)·x^degree divided by the generator, §7.5.2) and writes them to `out` from `outStart`.
 */
export function rsRemainder(
  data: Uint8Array,
  start: number,
  length: number,
  degree: number,
  out: Uint8Array,
  outStart: number,
): void {
  const [exp, log] = tables();
  const gen = generatorLog(degree);
  const last = outStart + degree - 1;
  out.fill(0, outStart, last + 1);
  for (let i = 0; i < length; i++) {
    const factor = data[start + i] ^ out[outStart];
    if (factor === 0) {
      out.copyWithin(outStart, outStart + 1, last + 1);
      out[last] = 0;
    } else {
      // Shift by one codeword and add factor·generator in the same pass.
      const lf = log[factor];
      for (let j = 0, k = outStart; k < last; j++, k++) out[k] = out[k + 1] ^ exp[gen[j] + lf];
      out[last] = exp[gen[degree - 1] + lf];
    }
  }
}
