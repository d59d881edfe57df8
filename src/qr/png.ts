/**
 * A minimal PNG writer for QR symbols (PNG specification, ISO/IEC 15948 / W3C PNG 3rd ed.): one IHDR, an
 * optional PLTE, one IDAT holding a zlib stream (RFC 1950) of real deflate (./deflate.ts), and IEND. Pixels are
 * 1 bit deep (§11.2.2): grayscale for black on white, a two-entry palette otherwise.
 *
 * A module row is drawn `scale` times. With filter None (§9.2) its repeats are one LZ77 match at the row's own
 * distance; with Up they would be rows of zeros that still have to be coded, so repeated rows always get None.
 * A row that does not repeat (scale 1) gets None or Up, whichever the deflate parser prices lower. The typical
 * enrollment code of `qrPng`'s documentation is 383 bytes this way, against 5,164 as stored blocks.
 *
 * @module
 */
import { crc32 } from './crc.js';
import { costModel, distanceCode, lengthCode, Lz77, MAX_SEGMENT, zlibCompress, type CostModel } from './deflate.js';

/** An RGB colour as three bytes. */
export type Rgb = readonly [number, number, number];

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** PNG filter types (§9.2). */
const NONE = 0;
const UP = 2;
/**
 * Parsing rounds. With the model of {@link initialModel} one round codes as small as two (measured: within 5
 * bytes over 80 symbols at scales 1–8), so the second, which re-learns costs from the first, is not run.
 */
const PASSES = 1;

/** Identical pixel rows: the packed pixels of one row (no filter byte) and how many times it repeats. */
interface RowRun {
  readonly pixels: Uint8Array;
  readonly count: number;
}

/**
 * The image as runs of identical rows: `margin` light modules around the symbol, each module `scale` × `scale`
 * pixels, 8 pixels a byte, first pixel in the high bit. A set bit is dark when `flip` is 0 (palette index 1) and
 * light when `flip` is 0xff (grayscale, where 1 is white). A run grows by a module's `scale` rows while it stays
 * within `maxRows` rows; `maxRows` ≥ `scale`, so one module's rows always make one run.
 */
function rowRuns(
  modules: Uint8Array,
  size: number,
  margin: number,
  scale: number,
  flip: number,
  maxRows: number,
): RowRun[] {
  const width = (size + 2 * margin) * scale;
  const runs: RowRun[] = [];
  let last: Uint8Array | undefined;
  for (let y = -margin; y < size + margin; y++) {
    const pixels = new Uint8Array((width + 7) >> 3).fill(flip);
    if (y >= 0 && y < size) {
      for (let x = 0; x < size; x++) {
        if (modules[y * size + x] === 0) continue;
        const from = x;
        while (x + 1 < size && modules[y * size + x + 1] === 1) x++;
        flipBits(pixels, (from + margin) * scale, (x + 1 + margin) * scale);
      }
    }
    const top = runs[runs.length - 1];
    if (last !== undefined && top.count + scale <= maxRows && sameBytes(pixels, last)) {
      runs[runs.length - 1] = { pixels: top.pixels, count: top.count + scale };
    } else {
      runs.push({ pixels, count: scale });
    }
    last = pixels;
  }
  return runs;
}

/** Inverts bits [from, to) of a packed row, bit 0 being the high bit of byte 0. */
function flipBits(row: Uint8Array, from: number, to: number): void {
  for (; from < to && (from & 7) !== 0; from++) row[from >> 3] ^= 0x80 >> (from & 7);
  for (; from + 8 <= to; from += 8) row[from >> 3] ^= 0xff;
  for (; from < to; from++) row[from >> 3] ^= 0x80 >> (from & 7);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Writes the rows of `run` at `pos` with filter type `filter` (§9.2): None copies the pixels; Up subtracts the
 * row above (`above`, or zeros for the first row), which makes every repeated row all zeros.
 */
function writeRun(data: Uint8Array, pos: number, run: RowRun, above: Uint8Array | undefined, filter: number): void {
  const n = run.pixels.length;
  for (let r = 0; r < run.count; r++, pos += n + 1) {
    data[pos] = filter;
    if (filter === NONE) data.set(run.pixels, pos + 1);
    else if (r > 0) data.fill(0, pos + 1, pos + 1 + n);
    else for (let i = 0; i < n; i++) data[pos + 1 + i] = (run.pixels[i] - (above ? above[i] : 0)) & 0xff;
  }
}

/**
 * A first cost model, before any parse, from what the image is known to hold: each distinct row's bytes once as
 * literals, and for each run of repeated rows one match at the row's distance (`stride`) as long as the repeats.
 * Every other length and distance code counts once, so that it stays possible.
 */
function initialModel(runs: RowRun[], stride: number): CostModel {
  const literal = new Uint32Array(286).fill(1, 257);
  const distance = new Uint32Array(30).fill(1);
  for (const run of runs) {
    literal[NONE]++;
    for (const b of run.pixels) literal[b]++;
    if (run.count > 1) {
      literal[257 + lengthCode(Math.min(258, (run.count - 1) * stride))]++;
      distance[distanceCode(stride)]++;
    }
  }
  return costModel(literal, distance);
}

/**
 * The image data (§7.2): each run's rows behind their filter-type bytes. Filter None (§9.2), except that a row
 * that does not repeat (scale 1) gets Up when the parser prices it lower, segment by segment under `model`. For a
 * repeated row Up never won (0 of 22,592 rows at scales 2–8, measured): with None its repeats are one match at the
 * row's distance, with Up a row of zeros.
 */
function filteredData(runs: RowRun[], stride: number, model: CostModel): Uint8Array {
  let total = 0;
  for (const run of runs) total += run.count * stride;
  const data = new Uint8Array(total);
  // Only a row that does not repeat is priced, so when every row repeats there is nothing to parse here.
  const lz = runs.some((run) => run.count === 1)
    ? new Lz77(data, model, Math.min(total, MAX_SEGMENT), stride)
    : undefined;
  let pos = 0;
  runs.forEach((run, k) => {
    const end = pos + run.count * stride;
    const above = k > 0 ? runs[k - 1].pixels : undefined;
    writeRun(data, pos, run, above, NONE);
    if (lz !== undefined && run.count === 1 && above !== undefined) {
      const none = lz.price(pos, end);
      writeRun(data, pos, run, above, UP);
      if (lz.price(pos, end) >= none) writeRun(data, pos, run, above, NONE); // Up only when strictly cheaper
    }
    lz?.index(pos, end); // the rows after this one match against it as written
    pos = end;
  });
  return data;
}

/** The zlib stream of the image data (§10): filters chosen per row, then {@link PASSES} parses of the whole. */
function compressImage(runs: RowRun[], stride: number): Uint8Array {
  const model = initialModel(runs, stride);
  return zlibCompress(filteredData(runs, stride, model), model, stride, PASSES);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * Encodes a module matrix as a PNG: `margin` light modules around it, each module `scale` × `scale` pixels.
 * `size` ≤ 177 (version 40), `margin` 0–32 and `scale` 1–32, as `qr.ts` checks them: a row is then at most
 * 1 + (177 + 64) · 32 / 8 = 965 bytes, so a parse segment ({@link MAX_SEGMENT}) holds at least 67 rows, more
 * than `scale` (were it fewer, a run would only outgrow a segment, which the parser, cutting its own, handles).
 */
export function renderPng(
  modules: Uint8Array,
  size: number,
  margin: number,
  scale: number,
  dark: Rgb,
  light: Rgb,
): Uint8Array {
  const width = (size + 2 * margin) * scale;
  const stride = 1 + ((width + 7) >> 3); // filter-type byte + packed pixels (§7.2)
  const gray = dark[0] + dark[1] + dark[2] === 0 && light[0] + light[1] + light[2] === 765;
  // Palette index 1 is dark; in 1-bit grayscale the bit means white, so rows are inverted there.
  const runs = rowRuns(modules, size, margin, scale, gray ? 0xff : 0, Math.floor(MAX_SEGMENT / stride));
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, width);
  ihdr[8] = 1; // bit depth
  ihdr[9] = gray ? 0 : 3; // colour type: grayscale or indexed
  // compression 0, filter 0, interlace 0 (§11.2.2)
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr)];
  if (!gray) parts.push(chunk('PLTE', Uint8Array.from([...light, ...dark])));
  parts.push(chunk('IDAT', compressImage(runs, stride)), chunk('IEND', new Uint8Array(0)));
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
