/**
 * Symbol layout (ISO/IEC 18004:2015 §6.3, §7.7, §7.9, §7.10): function patterns, codeword placement, format
 * and version information.
 *
 * A matrix is a `Uint8Array` of `size × size` bytes in row-major order, `1` for a dark module, `0` for light.
 * The function patterns of a version never change, so they are built once per version into a {@link Template}.
 *
 * @module
 */
import { LEVEL_BITS, alignmentPositions, type QrLevel } from './tables.js';

/** Everything about a version that does not depend on the data, built once and reused. */
export interface Template {
  readonly version: number;
  readonly size: number;
  /** Function patterns drawn, format-information areas reserved (light), data area light. */
  readonly base: Uint8Array;
  /** Indices of the data modules in placement order (§7.7.3). */
  readonly order: Uint16Array;
  /** For each entry of `order`, bit m is set when mask m inverts that module (§7.8.2 Table 10). */
  readonly maskBits: Uint8Array;
  /** The format-information cells, see {@link formatCells}. */
  readonly format: Uint16Array;
  /** 32-bit words per row (or column) in the bitsets below. */
  readonly words: number;
  /**
   * The eight masks as bitsets for fast scoring: `maskRows[(m * size + y) * words + (x >> 5)]` has bit `x & 31`
   * set when mask m inverts module (x, y); `maskCols` the same with x and y swapped.
   */
  readonly maskRows: Int32Array;
  readonly maskCols: Int32Array;
}

/**
 * BCH(15,5) format information of a level and mask (§7.9.1, Annex C): 2 level bits and 3 mask bits, 10 check
 * bits from the generator 0x537, XORed with 0x5412 so that the result is never all zeros.
 */
export function formatBits(level: QrLevel, mask: number): number {
  const data = (LEVEL_BITS[level] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** BCH(18,6) version information (§7.10, Annex D): 6 version bits and 12 check bits from the generator 0x1F25. */
export function versionBits(version: number): number {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >> 11) * 0x1f25);
  return (version << 12) | rem;
}

/**
 * The 30 module indices of the two format-information copies (§7.9.1 Figure 25), in bit order: entry i holds
 * bit i % 15 (bit 0 least significant) of copy 1 (i < 15) or copy 2.
 */
export function formatCells(size: number): Uint16Array {
  const cells = new Uint16Array(30);
  // Copy 1, around the top-left finder: bits 0-7 down column 8 (skipping the timing row 6), 8-14 along row 8.
  for (let i = 0; i <= 5; i++) cells[i] = i * size + 8;
  cells[6] = 7 * size + 8;
  cells[7] = 8 * size + 8;
  cells[8] = 8 * size + 7;
  for (let i = 9; i < 15; i++) cells[i] = 8 * size + 14 - i;
  // Copy 2: bits 0-7 along row 8 from the right edge, bits 8-14 up column 8 from the bottom edge.
  for (let i = 0; i < 8; i++) cells[15 + i] = 8 * size + size - 1 - i;
  for (let i = 8; i < 15; i++) cells[15 + i] = (size - 15 + i) * size + 8;
  return cells;
}

/** Writes both copies of the format information `bits` into `m` (§7.9.1). */
export function drawFormat(m: Uint8Array, t: Template, bits: number): void {
  const cells = t.format;
  for (let i = 0; i < 30; i++) m[cells[i]] = (bits >> (i % 15)) & 1;
}

const TEMPLATES = new Map<number, Template>();

/** The {@link Template} of `version` (1–40), built on first use and cached. */
export function template(version: number): Template {
  let t = TEMPLATES.get(version);
  if (t === undefined) {
    // A v40 template holds ~160 KB; callers rarely need more than a couple of versions.
    if (TEMPLATES.size >= 8) TEMPLATES.clear();
    t = buildTemplate(version);
    TEMPLATES.set(version, t);
  }
  return t;
}

/**
 * Builds the {@link Template} of `version` (1–40): the function patterns (§6.3) and reserved areas, the placement
 * order of the data modules (§7.7.3) and the eight masks over them (§7.8.2), in that order.
 */
function buildTemplate(version: number): Template {
  const size = 17 + 4 * version;
  const canvas: Canvas = { size, base: new Uint8Array(size * size), fn: new Uint8Array(size * size) };
  const format = formatCells(size);
  drawFunctionPatterns(canvas, version, format);
  const order = placementOrder(canvas.fn, size);
  const { maskBits, words, maskRows, maskCols } = maskBitsets(order, size);
  return { version, size, base: canvas.base, order, maskBits, format, words, maskRows, maskCols };
}

/**
 * A symbol being drawn: `base` holds the module colours (1 = dark), `fn` is 1 wherever a function pattern or a
 * reserved area is, so that codeword placement skips it. Both are `size × size`, row-major.
 */
interface Canvas {
  readonly size: number;
  readonly base: Uint8Array;
  readonly fn: Uint8Array;
}

/** Sets module (x, y), 0 ≤ x, y < size, to dark or light and marks it as a function module. */
function setFunctionModule(c: Canvas, x: number, y: number, dark: boolean): void {
  c.base[y * c.size + x] = dark ? 1 : 0;
  c.fn[y * c.size + x] = 1;
}

/**
 * Draws every function pattern of `version` into an empty canvas, `format` being its {@link formatCells}. The order
 * matters: the timing patterns go first because the finder and alignment patterns overwrite their ends.
 */
function drawFunctionPatterns(c: Canvas, version: number, format: Uint16Array): void {
  drawTimingPatterns(c);
  drawFinderPattern(c, 3, 3);
  drawFinderPattern(c, c.size - 4, 3);
  drawFinderPattern(c, 3, c.size - 4);
  drawAlignmentPatterns(c, version);
  reserveFormatAreas(c, format);
  drawVersion(c, version);
}

/** Timing patterns (§6.3.5): row 6 and column 6 alternate dark and light, dark on even indices, across the symbol. */
function drawTimingPatterns(c: Canvas): void {
  for (let i = 0; i < c.size; i++) {
    setFunctionModule(c, 6, i, i % 2 === 0);
    setFunctionModule(c, i, 6, i % 2 === 0);
  }
}

/**
 * A finder pattern centred on (cx, cy) with its separator (§6.3.3, §6.3.4): a 9×9 area clipped to the symbol,
 * dark at Chebyshev distance 0, 1 and 3 from the centre, light at 2 and 4 (the separator).
 */
function drawFinderPattern(c: Canvas, cx: number, cy: number): void {
  for (let dy = -4; dy <= 4; dy++) {
    for (let dx = -4; dx <= 4; dx++) {
      const x = cx + dx;
      const y = cy + dy;
      if (x < 0 || x >= c.size || y < 0 || y >= c.size) continue;
      const d = Math.max(Math.abs(dx), Math.abs(dy));
      setFunctionModule(c, x, y, d !== 2 && d !== 4);
    }
  }
}

/**
 * Alignment patterns (§6.3.6, Annex E): one 5×5 pattern, dark at distance 0 and 2 from its centre, at every
 * pair of the version's centre coordinates except the three pairs that would overlap a finder pattern. None for
 * version 1.
 */
function drawAlignmentPatterns(c: Canvas, version: number): void {
  const pos = alignmentPositions(version);
  const last = pos.length - 1;
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j <= last; j++) {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          setFunctionModule(c, pos[i] + dx, pos[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      }
    }
  }
}

/**
 * Reserves both format-information areas (§7.9.1), the cells `format` of {@link formatCells}: left light here, they
 * are written per mask by {@link drawFormat}. Also draws the dark module at (8, size − 8), which is always dark.
 */
function reserveFormatAreas(c: Canvas, format: Uint16Array): void {
  for (const i of format) c.fn[i] = 1;
  setFunctionModule(c, 8, c.size - 8, true);
}

/**
 * Version information (§7.10) for versions 7 and up: the 18 bits of {@link versionBits} in two 6×3 blocks, above
 * the bottom-left finder (bit i at x = i / 3, y = size − 11 + i % 3) and, transposed, left of the top-right one.
 */
function drawVersion(c: Canvas, version: number): void {
  if (version < 7) return;
  const bits = versionBits(version);
  for (let i = 0; i < 18; i++) {
    const a = c.size - 11 + (i % 3);
    const b = Math.floor(i / 3);
    const dark = ((bits >> i) & 1) === 1;
    setFunctionModule(c, a, b, dark);
    setFunctionModule(c, b, a, dark);
  }
}

/**
 * The indices of the data modules (those with `fn` 0) in placement order (§7.7.3): two-module columns from the
 * right edge, alternately upwards and downwards, right module before left, skipping the vertical timing column
 * 6. The result has one entry per data module (at most 177² < 2¹⁶).
 */
function placementOrder(fn: Uint8Array, size: number): Uint16Array {
  const order = new Uint16Array(size * size);
  let n = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let v = 0; v < size; v++) {
      const y = upward ? size - 1 - v : v;
      for (let j = 0; j < 2; j++) {
        const idx = y * size + right - j;
        if (fn[idx] === 0) order[n++] = idx;
      }
    }
  }
  return order.slice(0, n);
}

/**
 * Bit m (0–7) set when data mask m inverts the module in row i, column j (§7.8.2 Table 10), 0 ≤ i, j < 177.
 */
function maskPattern(i: number, j: number): number {
  const p = i * j;
  return (
    ((i + j) % 2 === 0 ? 1 : 0) |
    (i % 2 === 0 ? 2 : 0) |
    (j % 3 === 0 ? 4 : 0) |
    ((i + j) % 3 === 0 ? 8 : 0) |
    ((Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0 ? 16 : 0) |
    ((p % 2) + (p % 3) === 0 ? 32 : 0) |
    (((p % 2) + (p % 3)) % 2 === 0 ? 64 : 0) |
    ((((i + j) % 2) + (p % 3)) % 2 === 0 ? 128 : 0)
  );
}

/**
 * The eight masks over the data modules in `order`: per entry the {@link maskPattern} byte, and per mask the row
 * and column bitsets described on {@link Template} (`words` 32-bit words a line). Function modules are never
 * masked, so their bits stay 0.
 */
function maskBitsets(order: Uint16Array, size: number): Pick<Template, 'maskBits' | 'words' | 'maskRows' | 'maskCols'> {
  const words = (size + 31) >> 5;
  const maskBits = new Uint8Array(order.length);
  const maskRows = new Int32Array(8 * size * words);
  const maskCols = new Int32Array(8 * size * words);
  for (let k = 0; k < order.length; k++) {
    const i = Math.floor(order[k] / size); // row
    const j = order[k] - i * size; // column
    const bits = maskPattern(i, j);
    maskBits[k] = bits;
    for (let m = 0; m < 8; m++) {
      if (((bits >> m) & 1) === 0) continue;
      maskRows[(m * size + i) * words + (j >> 5)] |= 1 << (j & 31);
      maskCols[(m * size + j) * words + (i >> 5)] |= 1 << (i & 31);
    }
  }
  return { maskBits, words, maskRows, maskCols };
}

/**
 * Writes `codewords` into the data modules of `m` in placement order, most significant bit first (§7.7.3);
 * the remainder bits after the last codeword (§7.6) stay light.
 */
export function placeCodewords(m: Uint8Array, t: Template, codewords: Uint8Array): void {
  const order = t.order;
  const bits = codewords.length * 8;
  for (let k = 0; k < bits; k++) m[order[k]] = (codewords[k >> 3] >> (7 - (k & 7))) & 1;
}
