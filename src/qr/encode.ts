/**
 * Data encoding (ISO/IEC 18004:2015 §7.4): segments in byte mode (§7.4.5) and alphanumeric mode (§7.4.4),
 * terminator and padding (§7.4.9, §7.4.10), then division into error-correction blocks and interleaving
 * (§7.5, §7.6).
 *
 * An otpauth URI is lowercase except for its base32 secret, `%XX` escapes and values such as `SHA1`: encoding
 * those runs in alphanumeric mode (5.5 bits a character instead of 8) gives a smaller symbol for about 40 % of
 * enrollment URIs. The split is chosen optimally by dynamic programming over the three character-count widths.
 *
 * @module
 */
import { TotpConfigError } from '../errors.js';
import { rsRemainder } from './reed-solomon.js';
import { blockCount, dataCodewords, ecPerBlock, totalCodewords, type QrLevel } from './tables.js';

/** A run of the input bytes `[start, end)` in one mode. */
export interface Segment {
  readonly alnum: boolean;
  readonly start: number;
  readonly end: number;
}

/** The bytes chosen for a version, split into segments, and the number of data bits they take. */
export interface Plan {
  readonly version: number;
  readonly segments: readonly Segment[];
  readonly bits: number;
}

// Character-count indicator widths (§7.4.1 Table 3) for versions 1–9, 10–26 and 27–40.
const BYTE_COUNT_BITS = [8, 16, 16];
const ALNUM_COUNT_BITS = [9, 11, 13];
const ALNUM_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
let ALNUM: Int8Array | undefined; // byte -> alphanumeric value 0..44, or -1 (§7.4.4 Table 5)

function alnumTable(): Int8Array {
  if (ALNUM === undefined) {
    ALNUM = new Int8Array(256).fill(-1);
    for (let i = 0; i < ALNUM_CHARS.length; i++) ALNUM[ALNUM_CHARS.charCodeAt(i)] = i;
  }
  return ALNUM;
}

function group(version: number): number {
  return version < 10 ? 0 : version < 27 ? 1 : 2;
}

/** The largest byte-mode payload that fits in `version` at `level`, in bytes (§7.4.10 Table 7). */
export function byteCapacity(version: number, level: QrLevel): number {
  return (dataCodewords(version, level) * 8 - 4 - BYTE_COUNT_BITS[group(version)]) >> 3;
}

/**
 * The most characters any version 40 symbol holds at `level` (§7.4.10 Table 7): in alphanumeric mode (5.5 bits
 * a character) when `alnum`, else in byte mode. No text of more UTF-16 code units fits, since every code unit
 * is at least one character and at least one UTF-8 byte.
 */
function maxCharacters(level: QrLevel, alnum: boolean): number {
  if (!alnum) return byteCapacity(40, level);
  const bits = dataCodewords(40, level) * 8 - 4 - ALNUM_COUNT_BITS[2];
  return 2 * Math.floor(bits / 11) + (bits % 11 >= 6 ? 1 : 0);
}

/**
 * Refuses, at the cost of the limit and not of the text, a text whose UTF-16 length alone proves it too long for
 * a version 40 symbol (see {@link maxCharacters}): encoding ten million characters to find that out would take
 * seconds. Shorter texts are checked exactly by {@link plan}.
 *
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG`, naming lengths only.
 */
export function refuseLongText(length: number, level: QrLevel, alnum: boolean): void {
  const max = maxCharacters(level, alnum);
  if (length <= max) return;
  const limit = alnum ? `${max} characters in alphanumeric mode, ${byteCapacity(40, level)} bytes` : `${max} bytes`;
  throw new TotpConfigError(
    'ERR_QR_DATA_TOO_LONG',
    `"text" is ${length} UTF-16 code units long, too long for a version 40 QR code at error-correction level ` +
      `${level} (at most ${limit} of arbitrary text; a code unit is at least one character and one byte)`,
  );
}

/**
 * The optimal split of `bytes` into byte and alphanumeric segments for one character-count width group
 * (§7.4.1), by dynamic programming in half-bit units: a byte costs 16, an alphanumeric character 12 when it
 * starts a new pair (6 bits) and 10 when it completes one (11 bits a pair), a segment header 2 × (4 + count bits).
 */
export function segmentsFor(bytes: Uint8Array, g: number, alnum: boolean): { segments: Segment[]; bits: number } {
  const n = bytes.length;
  const table = alnumTable();
  const hb = 2 * (4 + BYTE_COUNT_BITS[g]);
  const ha = 2 * (4 + ALNUM_COUNT_BITS[g]);
  const INF = 1e9;
  if (n === 0) return { segments: [{ alnum: false, start: 0, end: 0 }], bits: hb / 2 };
  // States: 0 = in a byte segment, 1 = in an alphanumeric segment of even length, 2 = of odd length.
  let b = hb;
  let a0 = alnum ? ha : INF;
  let a1 = INF;
  // from[3 * i + state]: the state before byte i for the best path that is in `state` after it.
  const from = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const aBest = a0 <= a1 ? 1 : 2;
    const aMin = a0 <= a1 ? a0 : a1;
    let nb = b + 16;
    from[3 * i] = 0;
    if (aMin + hb + 16 < nb) {
      nb = aMin + hb + 16;
      from[3 * i] = aBest;
    }
    let na0 = INF;
    let na1 = INF;
    if (alnum && table[bytes[i]] >= 0) {
      na0 = a1 + 10; // completes a pair
      from[3 * i + 1] = 2;
      na1 = a0 + 12; // starts a pair
      from[3 * i + 2] = 1;
      if (b + ha + 12 < na1) {
        na1 = b + ha + 12; // opens a new alphanumeric segment
        from[3 * i + 2] = 0;
      }
    }
    b = nb;
    a0 = na0;
    a1 = na1;
  }
  let state = b <= a0 && b <= a1 ? 0 : a0 <= a1 ? 1 : 2;
  const bits = Math.min(b, a0, a1) / 2;
  // Walk back, closing a segment whenever the mode changes.
  const segments: Segment[] = [];
  let end = n;
  for (let i = n - 1; i >= 0; i--) {
    const prev = from[3 * i + state];
    if ((prev === 0) !== (state === 0)) {
      segments.push({ alnum: state !== 0, start: i, end });
      end = i;
    }
    state = prev;
  }
  // The first byte never switches mode (starting in the other mode directly is always cheaper), so `state` is
  // the first segment's mode.
  segments.push({ alnum: state !== 0, start: 0, end });
  segments.reverse();
  return { segments, bits };
}

/**
 * The smallest version (1–40) that holds `bytes` at `level`, with its segments (§7.4.10 Table 7). With
 * `alnum` false, the whole text is one byte-mode segment.
 *
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG` when even version 40 is too small. The message states
 *   lengths only: the text may carry a secret.
 */
export function plan(bytes: Uint8Array, level: QrLevel, alnum: boolean): Plan {
  for (let g = 0, first = 1; g < 3; g++) {
    const last = g === 0 ? 9 : g === 1 ? 26 : 40;
    const { segments, bits } = segmentsFor(bytes, g, alnum);
    for (let version = first; version <= last; version++) {
      if (bits <= dataCodewords(version, level) * 8) return { version, segments, bits };
    }
    first = last + 1;
  }
  throw new TotpConfigError(
    'ERR_QR_DATA_TOO_LONG',
    `"text" is ${bytes.length} bytes in UTF-8, too long for a version 40 QR code at error-correction level ` +
      `${level} (at most ${byteCapacity(40, level)} bytes of arbitrary text)`,
  );
}

/**
 * The data codewords of `p`'s segments (§7.4): per segment a 4-bit mode indicator (0100 byte, 0010
 * alphanumeric), the character count and the data; then a terminator of up to four zero bits (§7.4.9), zero
 * bits to the byte boundary and the alternating pad codewords 0xEC 0x11 (§7.4.10).
 */
export function dataCodewordsFor(bytes: Uint8Array, p: Plan, level: QrLevel): Uint8Array {
  const capacity = dataCodewords(p.version, level);
  const out = new Uint8Array(capacity);
  const g = group(p.version);
  const table = alnumTable();
  let acc = 0; // pending bits, at most 24 + 16 wide
  let accBits = 0;
  let pos = 0;
  const put = (value: number, n: number): void => {
    acc = (acc << n) | value;
    accBits += n;
    while (accBits >= 8) {
      accBits -= 8;
      out[pos++] = (acc >>> accBits) & 0xff;
    }
    acc &= (1 << accBits) - 1;
  };
  for (const s of p.segments) {
    const count = s.end - s.start;
    if (s.alnum) {
      put(0b0010, 4);
      put(count, ALNUM_COUNT_BITS[g]);
      let i = s.start;
      for (; i + 1 < s.end; i += 2) put(table[bytes[i]] * 45 + table[bytes[i + 1]], 11);
      if (i < s.end) put(table[bytes[i]], 6);
    } else {
      put(0b0100, 4);
      put(count, BYTE_COUNT_BITS[g]);
      for (let i = s.start; i < s.end; i++) put(bytes[i], 8);
    }
  }
  // Terminator (up to 4 bits, as room allows) and zero bits to the next byte boundary.
  put(0, Math.min(4, capacity * 8 - pos * 8 - accBits));
  put(0, (8 - accBits) & 7);
  for (let pad = 0xec; pos < capacity; pad ^= 0xec ^ 0x11) out[pos++] = pad;
  return out;
}

/**
 * Splits data codewords into blocks, appends each block's Reed–Solomon codewords and interleaves them
 * (§7.5.2, §7.6 Table 9): blocks with one more data codeword follow the shorter ones; data codewords are read
 * column by column across blocks, then the error-correction codewords likewise.
 */
export function interleave(data: Uint8Array, version: number, level: QrLevel): Uint8Array {
  const blocks = blockCount(version, level);
  const ecLen = ecPerBlock(version, level);
  const total = totalCodewords(version);
  const shortBlocks = blocks - (total % blocks);
  const shortData = Math.floor(total / blocks) - ecLen;
  const out = new Uint8Array(total);
  const ec = new Uint8Array(blocks * ecLen);
  let start = 0;
  for (let b = 0; b < blocks; b++) {
    const len = shortData + (b < shortBlocks ? 0 : 1);
    rsRemainder(data, start, len, ecLen, ec, b * ecLen);
    // Data codeword i of block b lands at i*blocks + b, except the extra last codeword of long blocks.
    for (let i = 0; i < shortData; i++) out[i * blocks + b] = data[start + i];
    if (len > shortData) out[shortData * blocks + (b - shortBlocks)] = data[start + shortData];
    start += len;
  }
  const ecStart = data.length;
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < ecLen; i++) out[ecStart + i * blocks + b] = ec[b * ecLen + i];
  }
  return out;
}
