/**
 * Data masking and mask selection (ISO/IEC 18004:2015 §7.8): each of the eight masks is applied, the symbol is
 * scored with the four penalty rules of §7.8.3 Table 11, and the lowest score wins (the first on a tie).
 *
 * Scoring works on bitsets, 32 modules a word, rows and columns alike: a masked symbol is the unmasked one
 * XOR a precomputed mask bitset, and each rule is a handful of shifts, ANDs and population counts per word.
 * This avoids the unpredictable branches of a module-by-module scan, which dominate its cost.
 *
 * @module
 */
import { drawFormat, formatBits, type Template } from './matrix.js';
import type { QrLevel } from './tables.js';

/** Penalty weights of §7.8.3 Table 11. */
const N1 = 3;
const N2 = 3;
const N3 = 40;
const N4 = 10;

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The bits of word `w` for positions below `n`: all ones, none, or the low `n - 32w`. */
function below(n: number, w: number): number {
  const k = n - 32 * w;
  return k >= 32 ? -1 : k <= 0 ? 0 : (1 << k) - 1;
}

/**
 * Rules N1 and N3 for one line (a row or column), given as `words` 32-bit words from `off`; positions past
 * `size` are zero (light), as is the quiet zone before the line.
 *
 * N1: a run of L ≥ 5 same-coloured modules scores 3 + (L − 5) = (L − 4) + 2, i.e. one point for every position
 * where five equal modules start, plus two for every first such position of a run.
 * N3: the 1:1:3:1:1 pattern dark-light-dark×3-light-dark scores 40 once for four light modules after it and
 * once for four light modules before it (quiet zone included).
 */
function lineScore(a: Int32Array, off: number, words: number, size: number): number {
  let score = 0;
  let prevRun = 0; // bit 31 of the previous word's "five equal start here" set
  let prev = 0; // the previous word of the line, for shifts towards higher positions
  for (let w = 0; w < words; w++) {
    const d = a[off + w];
    const next = w + 1 < words ? a[off + w + 1] : 0;
    // up(k): bit x holds module x + k.
    const d1 = (d >>> 1) | (next << 31);
    const d2 = (d >>> 2) | (next << 30);
    const d3 = (d >>> 3) | (next << 29);
    const d4 = (d >>> 4) | (next << 28);
    const run = ~(d ^ d1) & ~(d1 ^ d2) & ~(d2 ^ d3) & ~(d3 ^ d4) & below(size - 4, w);
    score += popcount(run) + (N1 - 1) * popcount(run & ~((run << 1) | prevRun));
    prevRun = run >>> 31;
    const d5 = (d >>> 5) | (next << 27);
    const d6 = (d >>> 6) | (next << 26);
    const core = d & ~d1 & d2 & d3 & d4 & ~d5 & d6 & below(size - 6, w);
    if (core !== 0) {
      const after =
        (d >>> 7) |
        (next << 25) |
        ((d >>> 8) | (next << 24)) |
        ((d >>> 9) | (next << 23)) |
        ((d >>> 10) | (next << 22));
      // down(k): bit x holds module x − k.
      const before =
        (d << 1) | (prev >>> 31) | ((d << 2) | (prev >>> 30)) | ((d << 3) | (prev >>> 29)) | ((d << 4) | (prev >>> 28));
      score += N3 * (popcount(core & ~after) + popcount(core & ~before));
    }
    prev = d;
  }
  return score;
}

/** The total penalty (§7.8.3 rules N1–N4) of a symbol given as row and column bitsets. */
function bitPenalty(rows: Int32Array, cols: Int32Array, size: number, words: number): number {
  let score = 0;
  let dark = 0;
  for (let i = 0; i < size; i++) {
    score += lineScore(rows, i * words, words, size) + lineScore(cols, i * words, words, size);
  }
  // N2: every 2×2 block of one colour, overlapping blocks all counted; N4's dark count on the way.
  for (let y = 0; y < size; y++) {
    for (let w = 0; w < words; w++) {
      const i = y * words + w;
      const a = rows[i];
      dark += popcount(a);
      if (y + 1 === size) continue;
      const b = rows[i + words];
      const nextA = w + 1 < words ? rows[i + 1] : 0;
      const nextB = w + 1 < words ? rows[i + words + 1] : 0;
      const a1 = (a >>> 1) | (nextA << 31);
      const b1 = (b >>> 1) | (nextB << 31);
      score += N2 * popcount(~(a ^ b) & ~(a1 ^ b1) & ~(a ^ a1) & below(size - 1, w));
    }
  }
  // N4: 10 points per full 5 % that the dark proportion deviates from 50 %.
  const total = size * size;
  return score + Math.floor(Math.abs(dark * 20 - total * 10) / total) * N4;
}

/** Packs a byte matrix (1 = dark) into row and column bitsets of `words` words a line. */
function pack(m: Uint8Array, size: number, words: number, rows: Int32Array, cols: Int32Array): void {
  rows.fill(0);
  cols.fill(0);
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++, i++) {
      const bit = m[i];
      rows[y * words + (x >> 5)] |= bit << (x & 31);
      cols[x * words + (y >> 5)] |= bit << (y & 31);
    }
  }
}

/** The total penalty of a masked symbol `m` (§7.8.3 rules N1–N4). */
export function penalty(m: Uint8Array, size: number): number {
  const words = (size + 31) >> 5;
  const rows = new Int32Array(size * words);
  const cols = new Int32Array(size * words);
  pack(m, size, words, rows, cols);
  return bitPenalty(rows, cols, size, words);
}

/** Applies mask `mask` to a copy of `unmasked` and writes the matching format information, into `out`. */
export function applyMask(out: Uint8Array, unmasked: Uint8Array, t: Template, level: QrLevel, mask: number): void {
  out.set(unmasked);
  const order = t.order;
  const bits = t.maskBits;
  const bit = 1 << mask;
  for (let k = 0; k < order.length; k++) if (bits[k] & bit) out[order[k]] ^= 1;
  drawFormat(out, t, formatBits(level, mask));
}

/**
 * Masks `unmasked` with the mask of lowest penalty (or with `forced`, when given) and returns the masked
 * symbol and the mask used.
 */
export function chooseMask(
  unmasked: Uint8Array,
  t: Template,
  level: QrLevel,
  forced?: number,
): { modules: Uint8Array; mask: number } {
  const out = new Uint8Array(unmasked.length);
  let best = forced ?? 0;
  if (forced === undefined) {
    const { size, words, maskRows, maskCols, format } = t;
    const n = size * words;
    const baseRows = new Int32Array(n);
    const baseCols = new Int32Array(n);
    pack(unmasked, size, words, baseRows, baseCols);
    const rows = new Int32Array(n);
    const cols = new Int32Array(n);
    let bestScore = Infinity;
    for (let mask = 0; mask < 8; mask++) {
      for (let i = 0, j = mask * n; i < n; i++, j++) {
        rows[i] = baseRows[i] ^ maskRows[j];
        cols[i] = baseCols[i] ^ maskCols[j];
      }
      // The format cells are light in `unmasked` and never masked: set the dark ones.
      const fmt = formatBits(level, mask);
      for (let i = 0; i < 30; i++) {
        if (((fmt >> (i % 15)) & 1) === 0) continue;
        const x = format[i] % size;
        const y = (format[i] - x) / size;
        rows[y * words + (x >> 5)] |= 1 << (x & 31);
        cols[x * words + (y >> 5)] |= 1 << (y & 31);
      }
      const score = bitPenalty(rows, cols, size, words);
      if (score < bestScore) {
        bestScore = score;
        best = mask;
      }
    }
  }
  applyMask(out, unmasked, t, level, best);
  return { modules: out, mask: best };
}
