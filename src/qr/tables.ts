/**
 * Capacity tables of ISO/IEC 18004:2015 Table 9 (error correction characteristics), stored as two compact
 * strings so that the module stays pure and small: for every version 1–40 and level, the number of
 * error-correction codewords per block and the number of blocks.
 *
 * @module
 */

/** The four error-correction levels, in the order the tables below are laid out. */
export const LEVELS = ['L', 'M', 'Q', 'H'] as const;

/** An error-correction level (ISO/IEC 18004 §5.3.8): L ≈ 7 %, M ≈ 15 %, Q ≈ 25 %, H ≈ 30 % recovery. */
export type QrLevel = (typeof LEVELS)[number];

/** The two format-information bits of each level (§7.9.1 Table 12): L=01, M=00, Q=11, H=10. */
export const LEVEL_BITS: Readonly<Record<QrLevel, number>> = { L: 1, M: 0, Q: 3, H: 2 };

// Error-correction codewords per block, versions 1..40, one row per level (L, M, Q, H).
const EC_PER_BLOCK = [
  [
    7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  ],
  [
    13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  [
    17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
];

// Number of error-correction blocks, versions 1..40, one row per level (L, M, Q, H).
const BLOCKS = [
  [
    1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19,
    20, 21, 22, 24, 25,
  ],
  [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33,
    35, 37, 38, 40, 43, 45, 47, 49,
  ],
  [
    1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45,
    48, 51, 53, 56, 59, 62, 65, 68,
  ],
  [
    1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51,
    54, 57, 60, 63, 66, 70, 74, 77, 81,
  ],
];

/** Index of a level in the tables (L=0, M=1, Q=2, H=3). */
export function levelIndex(level: QrLevel): number {
  return level === 'L' ? 0 : level === 'M' ? 1 : level === 'Q' ? 2 : 3;
}

/** Error-correction codewords per block (§7.5.1 Table 9). */
export function ecPerBlock(version: number, level: QrLevel): number {
  return EC_PER_BLOCK[levelIndex(level)][version - 1];
}

/** Number of error-correction blocks (§7.5.1 Table 9). */
export function blockCount(version: number, level: QrLevel): number {
  return BLOCKS[levelIndex(level)][version - 1];
}

/**
 * Number of modules available for codewords (data + error correction + remainder bits) in a symbol of
 * `version`: the whole area minus finder, separator, timing, alignment, format and version patterns (§6.4).
 */
export function rawModules(version: number): number {
  let n = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (version >= 7) n -= 36;
  }
  return n;
}

/** Total codewords of a symbol (§7.5.1 Table 9, column "total number of codewords"). */
export function totalCodewords(version: number): number {
  return rawModules(version) >> 3;
}

/** Data codewords of a symbol at a level (§7.4.10 Table 7 / §7.5.1 Table 9). */
export function dataCodewords(version: number, level: QrLevel): number {
  return totalCodewords(version) - ecPerBlock(version, level) * blockCount(version, level);
}

/**
 * Centre coordinates of the alignment patterns along one axis (§6.3.6, Annex E Table E.1): evenly spaced
 * from 6 to size−7, with an even step; version 32 is the single irregular entry of the table.
 */
export function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const size = 17 + 4 * version;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const positions = [6];
  for (let i = count - 2; i >= 0; i--) positions.push(size - 7 - i * step);
  return positions;
}
