/**
 * SHA-512 compression function (FIPS 180-4 §6.4.2), for HMAC-SHA512 (RFC 2104, RFC 4231).
 *
 * Not public: {@link ../hmac.ts} drives it. JavaScript has no fast 64-bit integer (BigInt allocates), so each
 * 64-bit word is a pair of 32-bit halves: word `i` lives at `[2 * i]` (high) and `[2 * i + 1]` (low) of an
 * `Int32Array`, and additions carry from the low half by hand. Nothing is allocated per block.
 *
 * @module
 */

/** Bytes per SHA-512 block. */
export const SHA512_BLOCK_BYTES = 128;
/** Bytes in a SHA-512 digest. */
export const SHA512_OUTPUT_BYTES = 64;

/** 2^32, to take the carry out of a sum of unsigned low halves. */
const TWO_32 = 4294967296;

/** Initial hash value H(0) (FIPS 180-4 §5.3.5), as high/low pairs; filled by {@link sha512Init}. */
export const SHA512_IV: Int32Array = /* @__PURE__ */ new Int32Array(16);

/** Round constants K (FIPS 180-4 §4.2.3), as high/low pairs; filled by {@link sha512Init}. */
const K: Int32Array = /* @__PURE__ */ new Int32Array(160);

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

let ready = false;

/** Fills {@link SHA512_IV} and the round constants on first use; cheap afterwards. */
export function sha512Init(): void {
  if (ready) return;
  K.set(fractionalRoots(80, 3));
  SHA512_IV.set(fractionalRoots(8, 2));
  ready = true;
}

/**
 * Compresses one 128-byte block into `state` (FIPS 180-4 §6.4.2).
 *
 * Call {@link sha512Init} once before the first block.
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
    // σ0 = ROTR^1 ^ ROTR^8 ^ SHR^7 and σ1 = ROTR^19 ^ ROTR^61 ^ SHR^6 (FIPS 180-4 §4.1.3, (4.12) and (4.13)).
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
    const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
    const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
    const lo = (s1l >>> 0) + (w[i - 13] >>> 0) + (s0l >>> 0) + (w[i - 31] >>> 0);
    w[i] = (s1h + w[i - 14] + s0h + w[i - 32] + ((lo / TWO_32) | 0)) | 0;
    w[i + 1] = lo | 0;
  }
  let ah = state[0] | 0;
  let al = state[1] | 0;
  let bh = state[2] | 0;
  let bl = state[3] | 0;
  let ch = state[4] | 0;
  let cl = state[5] | 0;
  let dh = state[6] | 0;
  let dl = state[7] | 0;
  let eh = state[8] | 0;
  let el = state[9] | 0;
  let fh = state[10] | 0;
  let fl = state[11] | 0;
  let gh = state[12] | 0;
  let gl = state[13] | 0;
  let hh = state[14] | 0;
  let hl = state[15] | 0;
  for (let i = 0; i < 160; i += 2) {
    // Σ1 = ROTR^14 ^ ROTR^18 ^ ROTR^41, Ch, Σ0 = ROTR^28 ^ ROTR^34 ^ ROTR^39, Maj (FIPS 180-4 §4.1.3).
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
    const chh = gh ^ (eh & (fh ^ gh));
    const chl = gl ^ (el & (fl ^ gl));
    const t1lo = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K[i + 1] >>> 0) + (w[i + 1] >>> 0);
    const t1h = (hh + S1h + chh + K[i] + w[i] + ((t1lo / TWO_32) | 0)) | 0;
    const t1l = t1lo >>> 0;
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
    const mh = (ah & bh) | (ch & (ah | bh));
    const ml = (al & bl) | (cl & (al | bl));
    const t2lo = (S0l >>> 0) + (ml >>> 0);
    const t2h = (S0h + mh + ((t2lo / TWO_32) | 0)) | 0;
    const t2l = t2lo >>> 0;
    hh = gh;
    hl = gl;
    gh = fh;
    gl = fl;
    fh = eh;
    fl = el;
    const elo = (dl >>> 0) + t1l;
    eh = (dh + t1h + ((elo / TWO_32) | 0)) | 0;
    el = elo | 0;
    dh = ch;
    dl = cl;
    ch = bh;
    cl = bl;
    bh = ah;
    bl = al;
    const alo = t1l + t2l;
    ah = (t1h + t2h + ((alo / TWO_32) | 0)) | 0;
    al = alo | 0;
  }
  add(state, 0, ah, al);
  add(state, 2, bh, bl);
  add(state, 4, ch, cl);
  add(state, 6, dh, dl);
  add(state, 8, eh, el);
  add(state, 10, fh, fl);
  add(state, 12, gh, gl);
  add(state, 14, hh, hl);
}

/** Adds the 64-bit word (h, l) into `state[i], state[i + 1]`. */
function add(state: Int32Array, i: number, h: number, l: number): void {
  const lo = (state[i + 1] >>> 0) + (l >>> 0);
  state[i] = (state[i] + h + ((lo / TWO_32) | 0)) | 0;
  state[i + 1] = lo | 0;
}
