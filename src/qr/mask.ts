/**
 * Data masking and mask selection (ISO/IEC 18004:2015 §7.8): each of the eight masks is applied, the symbol is
 * scored with the four penalty rules of §7.8.3 Table 11, and the lowest score wins (the first on a tie).
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

// 1:1:3:1:1 finder-like pattern with four light modules after (0x5d0) or before (0x05d) it, as 11-bit windows.
const FINDER_LIGHT_AFTER = 0b10111010000;
const FINDER_LIGHT_BEFORE = 0b00001011101;

/** Rules 1 and 3 along one row or column: `count` modules from `start`, `step` apart. */
function lineScore(m: Uint8Array, start: number, step: number, count: number): number {
  let score = 0;
  let color = -1;
  let run = 0;
  // The window starts all light, as the quiet zone is light: patterns touching the edge count.
  let window = 0;
  for (let i = 0, idx = start; i < count; i++, idx += step) {
    const c = m[idx];
    if (c === color) {
      run++;
      if (run === 5) score += N1;
      else if (run > 5) score++;
    } else {
      color = c;
      run = 1;
    }
    window = ((window << 1) | c) & 0x7ff;
    if (window === FINDER_LIGHT_AFTER || window === FINDER_LIGHT_BEFORE) score += N3;
  }
  // Four light quiet-zone modules after the edge.
  for (let i = 0; i < 4; i++) {
    window = (window << 1) & 0x7ff;
    if (window === FINDER_LIGHT_AFTER) score += N3;
  }
  return score;
}

/** The total penalty of a masked symbol (§7.8.3 rules N1–N4). */
export function penalty(m: Uint8Array, size: number): number {
  let score = 0;
  for (let i = 0; i < size; i++) {
    score += lineScore(m, i * size, 1, size); // row i
    score += lineScore(m, i, size, size); // column i
  }
  // N2: every 2×2 block of one colour (overlapping blocks all count).
  let dark = 0;
  for (let y = 0; y < size - 1; y++) {
    let idx = y * size;
    let left = m[idx] + m[idx + size]; // 0, 1 or 2 dark modules in the current column pair
    dark += m[idx];
    for (let x = 1; x < size; x++) {
      idx++;
      const right = m[idx] + m[idx + size];
      dark += m[idx];
      if (left === right && left !== 1) score += N2;
      left = right;
    }
  }
  for (let x = 0, idx = (size - 1) * size; x < size; x++) dark += m[idx + x];
  // N4: 10 points per full 5 % that the dark proportion deviates from 50 %.
  const total = size * size;
  score += Math.floor(Math.abs(dark * 20 - total * 10) / total) * N4;
  return score;
}

/** Applies mask `mask` to a copy of `unmasked` and writes the matching format information, into `out`. */
export function applyMask(out: Uint8Array, unmasked: Uint8Array, t: Template, level: QrLevel, mask: number): void {
  out.set(unmasked);
  const order = t.order;
  const bits = t.maskBits;
  const bit = 1 << mask;
  for (let k = 0; k < order.length; k++) if (bits[k] & bit) out[order[k]] ^= 1;
  drawFormat(out, t.size, formatBits(level, mask));
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
  let best = new Uint8Array(unmasked.length);
  if (forced !== undefined) {
    applyMask(best, unmasked, t, level, forced);
    return { modules: best, mask: forced };
  }
  let trial = new Uint8Array(unmasked.length);
  let bestMask = 0;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    applyMask(trial, unmasked, t, level, mask);
    const score = penalty(trial, t.size);
    if (score < bestScore) {
      bestScore = score;
      bestMask = mask;
      [best, trial] = [trial, best];
    }
  }
  return { modules: best, mask: bestMask };
}
