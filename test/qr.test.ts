// Unit tests of the QR encoder: the standard's worked examples as tables, a deliberately slow reference for
// Reed–Solomon and for the data bit stream, structural properties with fast-check, and every error path.
// Decoding by real third-party decoders lives in qr-decoders.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { ErrorCode, TotpConfigError } from '../src/errors.js';
import { fastestRefusal } from './helpers/fastest.js';
import { BAD_INPUTS, isTypedError } from './helpers/invalid-inputs.js';
import { qrCapacity, qrDataUrl, qrMatrix, qrPng, qrSvg, qrTerminal, type QrLevel } from '../src/qr.js';
import { adler32, crc32 } from '../src/qr/crc.js';
import { byteCapacity, dataCodewordsFor, interleave, plan, segmentsFor } from '../src/qr/encode.js';
import { penalty } from '../src/qr/mask.js';
import { formatBits, template, versionBits } from '../src/qr/matrix.js';
import { distanceCode, huffmanLengths, lengthCode, uniformModel, zlibCompress } from '../src/qr/deflate.js';
import { generatorLog, gfMul, rsRemainder } from '../src/qr/reed-solomon.js';
import { alignmentPositions, blockCount, dataCodewords, ecPerBlock, LEVELS, totalCodewords } from '../src/qr/tables.js';
import { counting } from './helpers/read-once.js';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const fcParams = { seed: SEED, numRuns: 60 };
const withSeed = `fast-check seed ${SEED} (re-run with FC_SEED=${SEED})`;
const URI =
  'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example%20Co';

// ---------------------------------------------------------------------------------------------------------------
// Slow references. Do not improve: they are meant to be obviously right, not fast.

/** GF(256) multiplication bit by bit, reducing by 0x11D (ISO/IEC 18004 §7.5.2). */
function slowMul(a: number, b: number): number {
  let r = 0;
  for (let i = 7; i >= 0; i--) {
    r <<= 1;
    if (r & 0x100) r ^= 0x11d;
    if ((b >> i) & 1) r ^= a;
  }
  return r;
}

/** The generator ∏(x − α^i), i < degree, as full coefficients, highest power first (leading 1 included). */
function slowGenerator(degree: number): number[] {
  let g = [1];
  let alpha = 1;
  for (let i = 0; i < degree; i++) {
    const next = new Array<number>(g.length + 1).fill(0);
    for (let j = 0; j < g.length; j++) {
      next[j] ^= g[j];
      next[j + 1] ^= slowMul(g[j], alpha);
    }
    g = next;
    alpha = slowMul(alpha, 2);
  }
  return g;
}

/** Long division of data(x)·x^n by the generator; the remainder is the error-correction codewords. */
function slowEc(data: number[], n: number): number[] {
  const g = slowGenerator(n);
  const r = [...data, ...new Array<number>(n).fill(0)];
  for (let i = 0; i < data.length; i++) {
    const f = r[i];
    if (f !== 0) for (let j = 0; j < g.length; j++) r[i + j] ^= slowMul(g[j], f);
  }
  return r.slice(data.length);
}

/** Byte-mode data codewords from a string of '0'/'1' characters (§7.4.5, §7.4.9, §7.4.10). */
function slowData(bytes: Uint8Array, version: number, level: QrLevel): number[] {
  const cap = dataCodewords(version, level) * 8;
  let bits = '0100' + bytes.length.toString(2).padStart(version < 10 ? 8 : 16, '0');
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  bits += '0000'.slice(0, Math.max(0, Math.min(4, cap - bits.length)));
  while (bits.length % 8 !== 0) bits += '0';
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  for (let pad = 0; out.length < cap / 8; pad++) out.push(pad % 2 === 0 ? 0xec : 0x11);
  return out;
}

/** Penalty rules N1–N4 on a 2-D array, read straight from §7.8.3 Table 11 (quiet zone counted as light). */
function slowPenalty(m: number[][]): number {
  const n = m.length;
  let score = 0;
  const lines: number[][] = [];
  for (let i = 0; i < n; i++) {
    lines.push(m[i]);
    lines.push(m.map((row) => row[i]));
  }
  for (const line of lines) {
    let i = 0;
    while (i < n) {
      let j = i;
      while (j < n && line[j] === line[i]) j++;
      if (j - i >= 5) score += 3 + (j - i - 5);
      i = j;
    }
    const padded = '0000' + line.join('') + '0000';
    for (let k = 0; k + 11 <= padded.length; k++) {
      const w = padded.slice(k, k + 11);
      if (w === '10111010000') score += 40;
      if (w === '00001011101') score += 40;
    }
  }
  for (let y = 0; y + 1 < n; y++) {
    for (let x = 0; x + 1 < n; x++) {
      const c = m[y][x];
      if (m[y][x + 1] === c && m[y + 1][x] === c && m[y + 1][x + 1] === c) score += 3;
    }
  }
  const dark = m.flat().filter((v) => v === 1).length;
  const deviation = Math.abs((dark * 100) / (n * n) - 50);
  return score + Math.floor(deviation / 5) * 10;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Parses byte (0100) and alphanumeric (0010) segments from a bit string until the terminator (§7.4). */
function slowParse(bits: string, version: number): { bytes: number[]; used: number } {
  const g = version < 10 ? 0 : version < 27 ? 1 : 2;
  const bytes: number[] = [];
  let i = 0;
  const read = (n: number): number => parseInt(bits.slice(i, (i += n)), 2);
  for (;;) {
    if (bits.length - i < 4) break;
    const mode = bits.slice(i, i + 4);
    if (mode === '0000') break;
    i += 4;
    if (mode === '0100') {
      const count = read([8, 16, 16][g]);
      for (let k = 0; k < count; k++) bytes.push(read(8));
    } else {
      assert.equal(mode, '0010');
      const count = read([9, 11, 13][g]);
      for (let k = 0; k + 1 < count; k += 2) {
        const v = read(11);
        bytes.push(ALNUM.charCodeAt(Math.floor(v / 45)), ALNUM.charCodeAt(v % 45));
      }
      if (count % 2 === 1) bytes.push(ALNUM.charCodeAt(read(6)));
    }
  }
  return { bytes, used: i };
}

/** The fewest data bits over all 2^n byte/alphanumeric assignments of an ASCII text (§7.4.4, §7.4.5). */
function bruteForceBits(text: string, g: number): number {
  const n = text.length;
  let best = Infinity;
  for (let m = 0; m < 1 << n; m++) {
    let bits = 0;
    let ok = true;
    for (let i = 0; i < n && ok; ) {
      const alnum = ((m >> i) & 1) === 1;
      let j = i;
      while (j < n && ((m >> j) & 1) === ((m >> i) & 1)) j++;
      const k = j - i;
      if (alnum) {
        ok = [...text.slice(i, j)].every((c) => ALNUM.includes(c));
        bits += 4 + [9, 11, 13][g] + 11 * Math.floor(k / 2) + 6 * (k % 2);
      } else {
        bits += 4 + [8, 16, 16][g] + 8 * k;
      }
      i = j;
    }
    if (n === 0) bits = 4 + [8, 16, 16][g];
    if (ok) best = Math.min(best, bits);
  }
  return best;
}

function grid(modules: Uint8Array, size: number): number[][] {
  return Array.from({ length: size }, (_, y) => Array.from(modules.subarray(y * size, y * size + size)));
}

// ---------------------------------------------------------------------------------------------------------------

describe('qr tables (ISO/IEC 18004 Table 7, Table 9, Annex E)', () => {
  it('byte capacities match Table 7', () => {
    const table: [number, QrLevel, number][] = [
      [1, 'L', 17],
      [1, 'M', 14],
      [1, 'Q', 11],
      [1, 'H', 7],
      [2, 'M', 26],
      [7, 'M', 122],
      [9, 'Q', 130],
      [10, 'L', 271],
      [10, 'M', 213],
      [10, 'Q', 151],
      [10, 'H', 119],
      [26, 'M', 1059],
      [40, 'L', 2953],
      [40, 'M', 2331],
      [40, 'Q', 1663],
      [40, 'H', 1273],
    ];
    for (const [v, l, cap] of table) assert.equal(qrCapacity(v, l), cap, `v${v}-${l}`);
    assert.equal(qrCapacity(1), 14, 'level defaults to M');
  });

  it('total codewords match Table 9 and every block layout adds up', () => {
    const totals: [number, number][] = [
      [1, 26],
      [2, 44],
      [6, 172],
      [7, 196],
      [14, 581],
      [21, 1156],
      [40, 3706],
    ];
    for (const [v, total] of totals) assert.equal(totalCodewords(v), total, `v${v}`);
    for (let v = 1; v <= 40; v++) {
      for (const l of LEVELS) {
        const blocks = blockCount(v, l);
        const data = dataCodewords(v, l);
        assert.ok(data > 0 && blocks > 0 && ecPerBlock(v, l) >= 7, `v${v}-${l}`);
        // Block data lengths differ by at most one codeword (§7.5.2).
        assert.ok(Math.floor(totalCodewords(v) / blocks) - ecPerBlock(v, l) > 0, `v${v}-${l}`);
      }
    }
  });

  it('alignment pattern centres match Annex E Table E.1', () => {
    const table: [number, number[]][] = [
      [1, []],
      [2, [6, 18]],
      [6, [6, 34]],
      [7, [6, 22, 38]],
      [14, [6, 26, 46, 66]],
      [15, [6, 26, 48, 70]],
      [22, [6, 26, 50, 74, 98]],
      [32, [6, 34, 60, 86, 112, 138]],
      [36, [6, 24, 50, 76, 102, 128, 154]],
      [39, [6, 26, 54, 82, 110, 138, 166]],
      [40, [6, 30, 58, 86, 114, 142, 170]],
    ];
    for (const [v, pos] of table) assert.deepEqual(alignmentPositions(v), pos, `v${v}`);
  });
});

describe('qr Reed–Solomon (§7.5.2, Annex A)', () => {
  it('Annex I example "01234567" 1-M: 10 EC codewords', () => {
    const data = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17];
    const ec = new Uint8Array(10);
    rsRemainder(Uint8Array.from(data), 0, data.length, 10, ec, 0);
    assert.deepEqual([...ec], [165, 36, 212, 193, 237, 54, 199, 135, 44, 85]);
  });

  it('"HELLO WORLD" 1-M block (alphanumeric data) gives its known EC codewords', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    const ec = new Uint8Array(12);
    rsRemainder(Uint8Array.from(data), 0, data.length, 10, ec, 2); // at an offset, into a larger buffer
    assert.deepEqual([...ec], [0, 0, 196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });

  it('generator polynomial of degree 7 matches Annex A (log form α^87, α^229, …)', () => {
    assert.deepEqual([...generatorLog(7)], [87, 229, 146, 149, 238, 102, 21]);
  });

  it('table multiplication equals bitwise multiplication for all 65536 pairs', () => {
    for (let a = 0; a < 256; a++)
      for (let b = 0; b < 256; b++) if (gfMul(a, b) !== slowMul(a, b)) assert.fail(`${a}·${b}`);
  });

  it('matches slow long division for random data and every degree used by the standard', () => {
    const degrees = [7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30];
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 123 }), fc.constantFrom(...degrees), (data, n) => {
        const ec = new Uint8Array(n);
        rsRemainder(data, 0, data.length, n, ec, 0);
        assert.deepEqual([...ec], slowEc([...data], n), withSeed);
      }),
      fcParams,
    );
  });
});

describe('qr format and version information (§7.9, §7.10, Annexes C and D)', () => {
  // Table C.1, the 32 format information bit strings after XOR with 101010000010010, masks 0–7 per level.
  const FORMAT: Record<QrLevel, string[]> = {
    L: [
      '111011111000100',
      '111001011110011',
      '111110110101010',
      '111100010011101',
      '110011000101111',
      '110001100011000',
      '110110001000001',
      '110100101110110',
    ],
    M: [
      '101010000010010',
      '101000100100101',
      '101111001111100',
      '101101101001011',
      '100010111111001',
      '100000011001110',
      '100111110010111',
      '100101010100000',
    ],
    Q: [
      '011010101011111',
      '011000001101000',
      '011111100110001',
      '011101000000110',
      '010010010110100',
      '010000110000011',
      '010111011011010',
      '010101111101101',
    ],
    H: [
      '001011010001001',
      '001001110111110',
      '001110011100111',
      '001100111010000',
      '000011101100010',
      '000001001010101',
      '000110100001100',
      '000100000111011',
    ],
  };

  it('format information of all 4 levels × 8 masks', () => {
    for (const l of LEVELS) {
      for (let mask = 0; mask < 8; mask++) {
        assert.equal(formatBits(l, mask).toString(2).padStart(15, '0'), FORMAT[l][mask], `${l} mask ${mask}`);
      }
    }
  });

  it('version information of Table D.1 (v7 = 0x07C94 …)', () => {
    const table: [number, number][] = [
      [7, 0x07c94],
      [8, 0x085bc],
      [9, 0x09a99],
      [10, 0x0a4d3],
      [21, 0x15683],
      [32, 0x209d5],
      [40, 0x28c69],
    ];
    for (const [v, bits] of table) assert.equal(versionBits(v), bits, `v${v}`);
  });
});

describe('qr data encoding (§7.4)', () => {
  it('byte mode bit stream equals a slow string-of-bits reference, at both count-indicator widths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...LEVELS), (bytes, level) => {
        const p = plan(bytes, level, false);
        assert.deepEqual(p.segments, [{ alnum: false, start: 0, end: bytes.length }], withSeed);
        assert.deepEqual([...dataCodewordsFor(bytes, p, level)], slowData(bytes, p.version, level), withSeed);
        // The version is the smallest that fits.
        assert.ok(bytes.length <= byteCapacity(p.version, level), withSeed);
        if (p.version > 1) assert.ok(bytes.length > byteCapacity(p.version - 1, level), withSeed);
      }),
      fcParams,
    );
  });

  // Mixed segments: a text over an alphabet of alphanumeric-mode characters and others.
  const mixedText = fc.string({
    unit: fc.constantFrom('A', 'Z', '7', ' ', '%', ':', 'a', 'z', '=', '&', 'é', '€'),
    maxLength: 400,
  });

  it('mixed segments parse back (slow parser) to exactly the input bytes, never longer than byte mode', () => {
    fc.assert(
      fc.property(mixedText, fc.constantFrom(...LEVELS), (text, level) => {
        const bytes = new TextEncoder().encode(text);
        const p = plan(bytes, level, true);
        assert.ok(p.version <= plan(bytes, level, false).version, withSeed);
        const bits = [...dataCodewordsFor(bytes, p, level)].map((b) => b.toString(2).padStart(8, '0')).join('');
        const { bytes: parsed, used } = slowParse(bits, p.version);
        assert.deepEqual(parsed, [...bytes], withSeed);
        assert.equal(used, p.bits, withSeed);
        for (let i = 1; i < p.segments.length; i++) assert.notEqual(p.segments[i].alnum, p.segments[i - 1].alnum);
      }),
      fcParams,
    );
  });

  it('the segment split is optimal: equals a brute force over every mode assignment', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('A', '1', ':', 'a', '='), maxLength: 12 }),
        fc.integer({ min: 0, max: 2 }),
        (text, g) => {
          const bytes = new TextEncoder().encode(text);
          assert.equal(segmentsFor(bytes, g, true).bits, bruteForceBits(text, g), withSeed);
        },
      ),
      fcParams,
    );
  });

  it('an otpauth URI gets a smaller version with alphanumeric segments for its secret', () => {
    const bytes = new TextEncoder().encode(URI); // 107 bytes: byte mode needs 7-M, mixed fits 6-M
    assert.equal(plan(bytes, 'M', false).version, 7);
    const p = plan(bytes, 'M', true);
    assert.equal(p.version, 6);
    const secret = p.segments.find((s) => s.alnum && s.end - s.start >= 32)!;
    assert.equal(
      URI.slice(secret.start, secret.end),
      'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&'.slice(0, secret.end - secret.start),
    );
    assert.equal(qrMatrix(URI).version, 6);
    assert.equal(qrMatrix(URI, { mode: 'byte' }).version, 7);
  });

  it('interleaving of 5-Q (two groups of blocks) keeps each block readable in column order (§7.6)', () => {
    const level = 'Q';
    const data = Uint8Array.from({ length: dataCodewords(5, level) }, (_, i) => i);
    const out = interleave(data, 5, level);
    // 5-Q: blocks of 15, 15, 16, 16 data codewords, 18 EC codewords each.
    assert.deepEqual([...out.subarray(0, 8)], [0, 15, 30, 46, 1, 16, 31, 47]);
    assert.deepEqual([...out.subarray(60, 62)], [45, 61]); // the 16th codewords of the long blocks come last
    const ec0 = new Uint8Array(18);
    rsRemainder(data, 0, 15, 18, ec0, 0);
    assert.deepEqual(
      [...out.subarray(62)].filter((_, i) => i % 4 === 0),
      [...ec0],
    );
  });

  it('ERR_QR_DATA_TOO_LONG names the byte length and the limit but never the text', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const caps: Record<QrLevel, number> = { L: 2953, M: 2331, Q: 1663, H: 1273 };
    for (const level of LEVELS) {
      const text = secret + 'x'.repeat(caps[level] + 1 - secret.length);
      assert.equal(qrMatrix(text.slice(1), { level, mode: 'byte' }).version, 40);
      assert.throws(
        () => qrMatrix(text, { level, mode: 'byte' }),
        (e: unknown) => {
          assert.ok(e instanceof TotpConfigError);
          assert.equal(e.code, ErrorCode.QR_DATA_TOO_LONG);
          assert.match(
            e.message,
            new RegExp(`${caps[level] + 1} (bytes|UTF-16 code units).*level ${level}.*${caps[level]} bytes`),
          );
          assert.ok(!e.message.includes(secret) && !e.message.includes('xxx'));
          return true;
        },
      );
    }
    // Multi-byte characters count as their UTF-8 length: 778 × 3 bytes = 2334 > 2331.
    assert.throws(() => qrSvg('€'.repeat(778)), /2334 bytes/);
    assert.equal(qrMatrix('€'.repeat(777)).version, 40);
    // Alphanumeric text goes further (3391 characters at 40-M, Table 7) but not beyond.
    assert.equal(qrMatrix('A'.repeat(3391)).version, 40);
    assert.throws(
      () => qrPng('A'.repeat(3392)),
      /3392 UTF-16 code units long.*at most 3391 characters in alphanumeric mode/,
    );
  });
});

/** Reads the 15-bit format information back from both copies (§7.9.1 Figure 25). */
function readFormat(m: Uint8Array, size: number): [number, number] {
  const at = (x: number, y: number): number => m[y * size + x];
  let a = 0;
  let b = 0;
  const first: [number, number][] = [
    [8, 0],
    [8, 1],
    [8, 2],
    [8, 3],
    [8, 4],
    [8, 5],
    [8, 7],
    [8, 8],
    [7, 8],
    [5, 8],
    [4, 8],
    [3, 8],
    [2, 8],
    [1, 8],
    [0, 8],
  ];
  first.forEach(([x, y], i) => (a |= at(x, y) << i));
  for (let i = 0; i < 8; i++) b |= at(size - 1 - i, 8) << i;
  for (let i = 8; i < 15; i++) b |= at(8, size - 15 + i) << i;
  return [a, b];
}

describe('qrMatrix structure (properties)', () => {
  const FINDER = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];

  it('size, finders, separators, timing, dark module, format and version info are consistent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...LEVELS), (text, level) => {
        fc.pre(new TextEncoder().encode(text).length <= 1273);
        const m = qrMatrix(text, { level }); // 'binary' strings are well-formed: any code point
        const { size, version, modules, mask } = m;
        assert.equal(size, 17 + 4 * version, withSeed);
        assert.equal(modules.length, size * size);
        assert.ok(modules.every((v) => v === 0 || v === 1));
        const at = (x: number, y: number): number => modules[y * size + x];
        for (const [ox, oy] of [
          [0, 0],
          [size - 7, 0],
          [0, size - 7],
        ]) {
          for (let y = 0; y < 7; y++) {
            const row = Array.from({ length: 7 }, (_, x) => at(ox + x, oy + y)).join('');
            assert.equal(row, FINDER[y], `finder at ${ox},${oy} row ${y}; ${withSeed}`);
          }
        }
        for (let i = 0; i < 8; i++) {
          assert.equal(
            at(7, i) + at(i, 7) + at(size - 8, i) + at(size - 1 - i, 7) + at(7, size - 1 - i) + at(i, size - 8),
            0,
            'separators light',
          );
        }
        for (let i = 8; i < size - 8; i++) assert.equal(at(i, 6) + at(6, i), i % 2 === 0 ? 2 : 0, 'timing');
        assert.equal(at(8, size - 8), 1, 'dark module');
        const [a, b] = readFormat(modules, size);
        assert.equal(a, formatBits(level, mask), withSeed);
        assert.equal(b, a);
        if (version >= 7) {
          let v1 = 0;
          let v2 = 0;
          for (let i = 0; i < 18; i++) {
            v1 |= at(size - 11 + (i % 3), Math.floor(i / 3)) << i;
            v2 |= at(Math.floor(i / 3), size - 11 + (i % 3)) << i;
          }
          assert.equal(v1, versionBits(version));
          assert.equal(v2, versionBits(version));
        }
      }),
      fcParams,
    );
  });

  it('the chosen mask has the lowest penalty, computed by a slow reference, of all 8', () => {
    for (const text of ['hello', URI, 'x'.repeat(200), 'Grüße, 世界 😀']) {
      for (const level of LEVELS) {
        const chosen = qrMatrix(text, { level });
        const scores = Array.from({ length: 8 }, (_, mask) => {
          const m = qrMatrix(text, { level, mask });
          const slow = slowPenalty(grid(m.modules, m.size));
          assert.equal(penalty(m.modules, m.size), slow, `mask ${mask}`);
          return slow;
        });
        assert.equal(scores[chosen.mask], Math.min(...scores), `${level}: ${scores}`);
        assert.equal(scores.indexOf(Math.min(...scores)), chosen.mask, 'the first of equal scores wins');
      }
    }
  });

  it('bitset penalty equals the slow reference on random matrices of every word-boundary size', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(5, 6, 7, 11, 21, 31, 32, 33, 37, 63, 64, 65, 96, 97, 177),
        fc.integer(),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (size, seed, density) => {
          let s = seed >>> 0;
          const m = new Uint8Array(size * size);
          for (let i = 0; i < m.length; i++) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            m[i] = s / 2 ** 32 < density ? 1 : 0;
          }
          // Plant finder-like patterns and long runs so that N1 and N3 fire near the edges and word boundaries.
          const row = (seed >>> 0) % size;
          const pattern = [1, 0, 1, 1, 1, 0, 1];
          const at = Math.max(0, size - 7 - ((seed >>> 8) % 40));
          for (let k = 0; k < 7 && at + k < size; k++) m[row * size + at + k] = pattern[k];
          for (let k = 0; k < 7 && k < size; k++) m[k * size + (at % size)] = pattern[k];
          assert.equal(penalty(m, size), slowPenalty(grid(m, size)), withSeed);
        },
      ),
      { ...fcParams, numRuns: 200 },
    );
  });

  it('masks differ only in data modules and format information, never in function patterns', () => {
    const t = template(1);
    const isData = new Uint8Array(t.size * t.size);
    for (const i of t.order) isData[i] = 1;
    const formatArea = new Set<number>();
    for (let i = 0; i < 9; i++) formatArea.add(i * 21 + 8).add(8 * 21 + i);
    for (let i = 0; i < 8; i++) formatArea.add(8 * 21 + 20 - i).add((20 - i) * 21 + 8);
    const a = qrMatrix('hello', { mask: 0 });
    for (let mask = 1; mask < 8; mask++) {
      const b = qrMatrix('hello', { mask });
      assert.equal(b.mask, mask);
      let dataDiffs = 0;
      for (let i = 0; i < 21 * 21; i++) {
        if (a.modules[i] === b.modules[i]) continue;
        assert.ok(isData[i] === 1 || formatArea.has(i), `mask ${mask}: module ${i} is a function module`);
        dataDiffs += isData[i];
      }
      assert.ok(dataDiffs > 20, `mask ${mask} changes data modules`);
    }
  });
});

/** Parses our SVG path back into a module grid (quiet zone included), independently of the renderer. */
/**
 * Draws our SVG back into cells, by interpreting its path data as SVG 2 §9.3 defines it (M/m move, h draws a
 * horizontal line, here with the default stroke width 1): the light square, then each stroked run. Checks that
 * only these commands occur, that runs sit on row centres (y + 0.5), never overlap and never touch in a row.
 */
function svgToGrid(svg: string): { full: number; cells: number[][] } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  assert.ok(viewBox && viewBox[1] === viewBox[2]);
  const full = Number(viewBox[1]);
  const paths = [...svg.matchAll(/<path ([a-z]+)="[^"]*" d="([^"]*)"\/>/g)];
  assert.equal(paths.length, 2, 'a light square and one stroked path');
  assert.equal(paths[0][1], 'fill');
  assert.equal(paths[0][2], `M0 0h${full}v${full}H0z`, 'the light square covers the viewBox');
  assert.equal(paths[1][1], 'stroke');
  const cells = Array.from({ length: full }, () => new Array<number>(full).fill(0));
  const commands = paths[1][2].match(/[a-zA-Z][^a-zA-Z]*/g)!;
  assert.equal(paths[1][2], commands.join(''));
  let x = 0;
  let y = 0;
  commands.forEach((c, i) => {
    const args = c
      .slice(1)
      .trim()
      .split(/[\s,]+|(?=-)/)
      .filter(Boolean)
      .map(Number);
    if (c[0] === 'M' || c[0] === 'm') {
      assert.equal(c[0] === 'M', i === 0, 'only the first move is absolute');
      assert.equal(args.length, 2);
      const [dx, dy] = args;
      if (c[0] === 'm') assert.ok(dy > 0 || dx > 0, 'runs in a row are apart: maximal runs');
      [x, y] = c[0] === 'M' ? [dx, dy] : [x + dx, y + dy];
      assert.equal(y % 1, 0.5, 'strokes run along row centres');
    } else {
      assert.equal(c[0], 'h');
      assert.ok(args.length === 1 && args[0] > 0 && Number.isInteger(args[0]) && Number.isInteger(x));
      for (let k = 0; k < args[0]; k++) {
        assert.equal(cells[y - 0.5][x + k], 0, 'runs do not overlap');
        cells[y - 0.5][x + k] = 1;
      }
      x += args[0];
    }
  });
  return { full, cells };
}

function padded(text: string, level: QrLevel, margin: number): number[][] {
  const m = qrMatrix(text, { level });
  const full = m.size + 2 * margin;
  return Array.from({ length: full }, (_, y) =>
    Array.from({ length: full }, (_, x) => {
      const mx = x - margin;
      const my = y - margin;
      return mx >= 0 && my >= 0 && mx < m.size && my < m.size ? m.modules[my * m.size + mx] : 0;
    }),
  );
}

describe('qrSvg', () => {
  it('draws exactly the matrix, as one stroked path of horizontal runs, with the quiet zone in the viewBox', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom(...LEVELS),
        fc.integer({ min: 0, max: 8 }),
        (text, level, margin) => {
          const svg = qrSvg(text, { level, margin });
          assert.equal(svg.match(/<path /g)?.length, 2, withSeed);
          assert.match(svg, /shape-rendering="crispEdges"/);
          const { full, cells } = svgToGrid(svg);
          assert.deepEqual(cells, padded(text, level, margin), withSeed);
          assert.match(svg, new RegExp(`width="${full * 4}" height="${full * 4}"`));
        },
      ),
      { ...fcParams, numRuns: 30 },
    );
  });

  it('uses the given colours and scale, and writes nothing redundant', () => {
    const svg = qrSvg('hello', { dark: 'rgb(0 0 0 / 90%)', light: 'transparent', scale: 10, margin: 2 });
    assert.ok(
      svg.startsWith(
        '<svg xmlns="http://www.w3.org/2000/svg" width="250" height="250" viewBox="0 0 25 25" shape-rendering="crispEdges">' +
          '<path fill="transparent" d="M0 0h25v25H0z"/><path stroke="rgb(0 0 0 / 90%)" d="M2 2.5h7m2 0h2m3 0h7m-21 1h1m5 0h1',
      ),
      svg,
    );
    assert.ok(svg.endsWith('"/></svg>\n'));
    for (const c of [
      '#abc',
      '#abcd',
      '#aabbcc',
      '#aabbcc80',
      'currentColor',
      'hsl(120 50% 50%)',
      'oklch(0.7 0.1 200)',
    ]) {
      assert.match(qrSvg('x', { dark: c }), new RegExp(`stroke="${c.replace(/[()]/g, '\\$&')}"`));
      assert.match(qrSvg('x', { light: c }), new RegExp(`fill="${c.replace(/[()]/g, '\\$&')}"`));
    }
  });

  it("is no larger than 2,979 bytes for a typical enrollment URI at margin 4 (node-qrcode's SVG of it)", () => {
    assert.ok(qrSvg(URI).length <= 2979, `${qrSvg(URI).length} B`);
  });

  it('never contains the encoded text', () => {
    assert.ok(!qrSvg(URI).includes('JBSWY3DP'));
  });
});

describe('qrTerminal', () => {
  function parse(out: string, invert: boolean): number[][] {
    const rows: number[][] = [];
    for (const line of out.replace(/\n$/, '').split('\n')) {
      const top: number[] = [];
      const bottom: number[] = [];
      for (const c of line) {
        const i = ' ▄▀█'.indexOf(c);
        assert.ok(i >= 0, `unexpected character ${JSON.stringify(c)}`);
        top.push(((i >> 1) & 1) ^ (invert ? 1 : 0));
        bottom.push((i & 1) ^ (invert ? 1 : 0));
      }
      rows.push(top, bottom);
    }
    return rows;
  }

  it('two module rows per line, glyphs are the dark modules, or the light ones with invert', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.constantFrom(...LEVELS),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (text, level, margin, invert) => {
          const out = qrTerminal(text, { level, margin, invert });
          assert.ok(out.endsWith('\n'));
          const want = padded(text, level, margin);
          const rows = parse(out, invert);
          assert.equal(rows.length, want.length + 1, 'an odd row count leaves one half-line'); // 17+4v+2m is odd
          // The half-line below the last row is never drawn: blank normally, glyph-less (so "dark") inverted.
          assert.deepEqual(rows.pop(), new Array(want.length).fill(invert ? 1 : 0));
          assert.deepEqual(rows, want, withSeed);
        },
      ),
      { ...fcParams, numRuns: 30 },
    );
  });

  it('ansi: explicit black background and bright white glyphs for the light modules, reset on every line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 0, max: 5 }), (text, margin) => {
        const out = qrTerminal(text, { margin, ansi: true });
        const lines = out.replace(/\n$/, '').split('\n');
        for (const line of lines) {
          assert.ok(line.startsWith('\u001b[40;97m') && line.endsWith('\u001b[0m'), JSON.stringify(line.slice(0, 12)));
        }
        const plain = lines.map((l) => l.slice('\u001b[40;97m'.length, -'\u001b[0m'.length)).join('\n') + '\n';
        const rows = parse(plain, true); // glyphs are the light modules, as with invert
        const want = padded(text, 'M', margin);
        assert.deepEqual(
          rows.pop(),
          new Array(want.length).fill(0),
          'the half-row below is light, like the quiet zone',
        );
        assert.deepEqual(rows, want, withSeed);
      }),
      { ...fcParams, numRuns: 20 },
    );
  });

  it('defaults to a 4-module quiet zone and no inversion', () => {
    const out = qrTerminal('hello');
    const lines = out.split('\n');
    assert.equal(lines.length, 16); // (21 + 8 + 1) / 2 lines + the empty string after the last '\n'
    assert.equal(lines[0], ' '.repeat(29));
    assert.equal(lines[2], '    █▀▀▀▀▀█' + lines[2].slice(11));
    assert.equal(qrTerminal('hello', { invert: true }).split('\n')[0], '█'.repeat(29));
  });
});

/** Splits a PNG into its chunks, checking each CRC with node:zlib's independent crc32. */
function chunks(png: Uint8Array): { type: string; data: Buffer }[] {
  const buf = Buffer.from(png);
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: { type: string; data: Buffer }[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.subarray(o + 4, o + 8).toString('latin1');
    const data = buf.subarray(o + 8, o + 8 + len);
    const zcrc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
    const want = zcrc ? zcrc(buf.subarray(o + 4, o + 8 + len)) : crc32(buf, o + 4, o + 8 + len);
    assert.equal(buf.readUInt32BE(o + 8 + len), want, `CRC of ${type}`);
    out.push({ type, data });
    o += 12 + len;
  }
  return out;
}

/** Reverses the PNG filters of `raw` (§9.2: None and Up are the only ones we write), one byte of filter per row. */
function unfilter(raw: Uint8Array, stride: number, rows: number): { pixels: Uint8Array[]; filters: number[] } {
  const pixels: Uint8Array[] = [];
  const filters: number[] = [];
  for (let y = 0; y < rows; y++) {
    const line = raw.subarray(y * stride + 1, (y + 1) * stride);
    const filter = raw[y * stride];
    filters.push(filter);
    assert.ok(filter === 0 || filter === 2, `row ${y}: filter type ${filter} (we write None and Up only)`);
    pixels.push(filter === 0 ? line.slice() : line.map((b, i) => (b + (y > 0 ? pixels[y - 1][i] : 0)) & 0xff));
  }
  return { pixels, filters };
}

describe('qrPng', () => {
  it('1-bit grayscale, CRCs valid, IDAT inflates (node:zlib) and unfilters to exactly the scaled matrix', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 150 }),
        fc.constantFrom(...LEVELS),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (text, level, margin, scale) => {
          const png = qrPng(text, { level, margin, scale });
          const cs = chunks(png);
          assert.deepEqual(
            cs.map((c) => c.type),
            ['IHDR', 'IDAT', 'IEND'],
            withSeed,
          );
          const want = padded(text, level, margin);
          const w = want.length * scale;
          const ihdr = cs[0].data;
          assert.deepEqual([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)], [w, w, 1, 0, 0, 0, 0]);
          const raw = zlib.inflateSync(cs[1].data); // also verifies the Adler-32
          const stride = 1 + Math.ceil(w / 8);
          assert.equal(raw.length, stride * w);
          const { pixels, filters } = unfilter(raw, stride, w);
          if (scale > 1)
            assert.ok(
              filters.every((f) => f === 0),
              'rows that repeat are filtered with None',
            );
          for (let y = 0; y < w; y++) {
            for (let x = 0; x < w; x++) {
              const white = (pixels[y][x >> 3] >> (7 - (x & 7))) & 1;
              if (white === want[Math.floor(y / scale)][Math.floor(x / scale)])
                assert.fail(`pixel ${x},${y}; ${withSeed}`);
            }
          }
        },
      ),
      { ...fcParams, numRuns: 25 },
    );
  });

  it('chooses the filter per row: at scale 1 some rows are Up, where that prices lower', () => {
    // Up wins for about 1 row in 200 at scale 1 (and for none at larger scales); this symbol has two.
    const cs = chunks(qrPng(URI, { scale: 1, level: 'H' }));
    const w = qrMatrix(URI, { level: 'H' }).size + 8;
    const { filters } = unfilter(zlib.inflateSync(cs[1].data), 1 + Math.ceil(w / 8), w);
    assert.ok(filters.includes(0) && filters.includes(2), `filters: ${filters.join('')}`);
  });

  it("compresses a typical URI to at most 514 bytes (lean-qr's PNG of it, zlib -9), smaller than zlib -9 does", () => {
    const png = qrPng(URI); // version 6, scale 4, margin 4: 196 × 196 pixels, 5,096 bytes of filtered rows
    assert.ok(png.length <= 514, `${png.length} B`);
    const idat = chunks(png)[1].data;
    const raw = zlib.inflateSync(idat);
    assert.ok(idat.length < zlib.deflateSync(raw, { level: 9 }).length, 'smaller than zlib -9 of the same rows');
  });

  it('other colours use a two-entry palette, light first', () => {
    const cs = chunks(qrPng('hello', { dark: '#123', light: '#fFeEdD', margin: 0, scale: 1 }));
    assert.deepEqual(
      cs.map((c) => c.type),
      ['IHDR', 'PLTE', 'IDAT', 'IEND'],
    );
    assert.equal(cs[0].data[9], 3);
    assert.deepEqual([...cs[1].data], [0xff, 0xee, 0xdd, 0x11, 0x22, 0x33]);
    const raw = zlib.inflateSync(cs[2].data);
    assert.equal(raw[0], 0, 'the first row is filtered with None');
    assert.equal(raw[1] >> 1, 0b1111111, 'index 1 (dark) for the finder'); // 21 px: 3 bytes + filter byte per row
    // White on black (an inverted symbol) also needs the palette.
    assert.equal(chunks(qrPng('x', { dark: '#fff', light: '#000' }))[1].type, 'PLTE');
  });

  it('a v40 symbol at scale 32 (a 7.4 MB image) still encodes, and inflates to the right length', () => {
    const big = chunks(qrPng('x'.repeat(2953), { level: 'L', scale: 32 }));
    assert.equal(zlib.inflateSync(big[1].data).length, (177 + 8) * 32 * (1 + (185 * 32) / 8));
    assert.ok(big[1].data.length < 100_000, `${big[1].data.length} B`);
  });

  it('checksums match the standard check values', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    assert.equal(adler32(new TextEncoder().encode('Wikipedia')), 0x11e60398);
  });
});

describe('deflate (RFC 1950, RFC 1951)', () => {
  it('length and distance codes follow the table of RFC 1951 §3.2.5', () => {
    const lengths: [number, number][] = [
      [3, 257],
      [10, 264],
      [11, 265],
      [12, 265],
      [13, 266],
      [18, 268],
      [19, 269],
      [34, 272],
      [35, 273],
      [66, 276],
      [67, 277],
      [130, 280],
      [131, 281],
      [227, 284],
      [257, 284],
      [258, 285],
    ];
    for (const [len, symbol] of lengths) assert.equal(257 + lengthCode(len), symbol, `length ${len}`);
    const distances: [number, number][] = [
      [1, 0],
      [4, 3],
      [5, 4],
      [6, 4],
      [7, 5],
      [24, 8],
      [25, 9],
      [32, 9],
      [33, 10],
      [256, 15],
      [257, 16],
      [384, 16],
      [385, 17],
      [4096, 23],
      [4097, 24],
      [24576, 28],
      [24577, 29],
      [32768, 29],
    ];
    for (const [d, code] of distances) assert.equal(distanceCode(d), code, `distance ${d}`);
  });

  it('Huffman code lengths are complete prefix codes within the limit, optimal when the limit does not bind', () => {
    const kraft = (lengths: Uint8Array) => lengths.reduce((sum, l) => sum + (l > 0 ? 2 ** -l : 0), 0);
    const cost = (counts: number[], lengths: Uint8Array) => counts.reduce((sum, c, i) => sum + c * lengths[i], 0);
    /** The optimal (unlimited) cost, by the textbook merge of the two smallest weights. */
    const optimal = (counts: number[]) => {
      const q = counts.filter((c) => c > 0);
      let total = 0;
      while (q.length > 1) {
        q.sort((a, b) => a - b);
        const merged = q.shift()! + q.shift()!;
        total += merged;
        q.push(merged);
      }
      return total;
    };
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1000 }), { maxLength: 286 }),
        fc.integer({ min: 7, max: 15 }),
        (counts, limit) => {
          fc.pre(counts.filter((c) => c > 0).length >= 2);
          const lengths = huffmanLengths(counts, limit);
          assert.ok(Math.max(...lengths) <= limit, withSeed);
          assert.ok(Math.abs(kraft(lengths) - 1) < 1e-12, `complete code; ${withSeed}`);
          counts.forEach((c, i) => assert.equal(lengths[i] === 0, c === 0, withSeed));
          const depthNeeded = Math.max(...huffmanLengths(counts, 64));
          if (depthNeeded <= limit) assert.equal(cost(counts, lengths), optimal(counts), withSeed);
        },
      ),
      fcParams,
    );
    // Fibonacci weights build the deepest tree: 20 of them need 19 bits, so the limit must bind.
    const fib = [1, 1];
    while (fib.length < 20) fib.push(fib[fib.length - 1] + fib[fib.length - 2]);
    const limited = huffmanLengths(fib, 7);
    assert.ok(Math.max(...limited) <= 7 && Math.abs(kraft(limited) - 1) < 1e-12);
    assert.deepEqual([...huffmanLengths([0, 5, 0], 15)], [0, 1, 0], 'a single symbol gets one bit');
  });

  it('any bytes round-trip through node:zlib, whatever the repeat distance', () => {
    const alphabets = [[0, 255], [0, 0x0f, 0xf0, 0xff], Array.from({ length: 256 }, (_, i) => i)];
    fc.assert(
      fc.property(
        fc.nat({ max: 2 }),
        fc.array(fc.nat(), { maxLength: 3000 }),
        fc.nat({ max: 40 }),
        (a, picks, repeat) => {
          const alphabet = alphabets[a];
          // Runs and copies, as images have: each pick either adds a byte or repeats an earlier stretch.
          const bytes: number[] = [];
          for (const p of picks) {
            if (p % 3 === 0 && bytes.length > 8) {
              const from = bytes.length - 1 - (p % Math.min(bytes.length, 300));
              for (let k = 0; k < 3 + (p % 40); k++) bytes.push(bytes[from + (k % (bytes.length - from))]);
            } else {
              bytes.push(alphabet[p % alphabet.length]);
            }
          }
          const data = Uint8Array.from(bytes);
          const z = zlibCompress(data, uniformModel(), repeat, 2);
          assert.deepEqual(new Uint8Array(zlib.inflateSync(z)), data, withSeed);
          assert.equal((z[0] * 256 + z[1]) % 31, 0, 'zlib header check bits (RFC 1950 §2.2)');
        },
      ),
      { ...fcParams, numRuns: 40 },
    );
  });

  it('uses fixed codes for a tiny input and stored blocks (of at most 65535 bytes) for incompressible data', () => {
    const tiny = zlibCompress(Uint8Array.of(1, 2, 3, 4), uniformModel());
    assert.equal(tiny[2] & 7, 0b011, 'BFINAL = 1, BTYPE = 01 (fixed Huffman codes, §3.2.6)');
    assert.deepEqual([...zlib.inflateSync(tiny)], [1, 2, 3, 4]);
    const data = new Uint8Array(150_000);
    for (let i = 0, x = 0x9e3779b9; i < data.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      data[i] = x & 0xff;
    }
    const z = zlibCompress(data, uniformModel());
    assert.equal(z.length, 2 + 150_000 + 3 * 5 + 4, 'three stored blocks (§3.2.4)');
    assert.equal(z[2], 0, 'first block not final');
    assert.equal(z[2 + 5 + 0xffff + 5 + 0xffff], 1, 'third block final');
    assert.deepEqual(zlib.inflateSync(z), Buffer.from(data));
    assert.equal(adler32(data), Buffer.from(z).readUInt32BE(z.length - 4)); // inflateSync verified it too
  });
});

describe('qrDataUrl', () => {
  const decode = (url: string, type: string): Buffer => {
    const prefix = `data:${type};base64,`;
    assert.ok(url.startsWith(prefix), url.slice(0, 40));
    const payload = url.slice(prefix.length);
    assert.match(payload, /^[A-Za-z0-9+/]*={0,2}$/, 'RFC 2397 with the base64 alphabet of RFC 4648 §4');
    assert.equal(payload.length % 4, 0, 'padded');
    return Buffer.from(payload, 'base64');
  };

  it('is the PNG (default) or the SVG, base64-encoded, with the same options', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.constantFrom(...LEVELS),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (text, level, margin, scale) => {
          const options = { level, margin, scale };
          assert.deepEqual(decode(qrDataUrl(text, options), 'image/png'), Buffer.from(qrPng(text, options)), withSeed);
          assert.deepEqual(
            decode(qrDataUrl(text, { format: 'png', ...options }), 'image/png'),
            Buffer.from(qrPng(text, options)),
          );
          const svg = decode(qrDataUrl(text, { format: 'svg', ...options }), 'image/svg+xml').toString('utf8');
          assert.equal(svg, qrSvg(text, options), withSeed);
        },
      ),
      { ...fcParams, numRuns: 20 },
    );
  });

  it('refuses bad text in SVG format as in PNG format', () => {
    for (const [text, code] of BAD_TEXT) {
      assert.throws(() => qrDataUrl(text as string, { format: 'svg' }), { code }, String(text));
    }
  });

  it("takes each format's colours: hex for PNG, CSS for SVG", () => {
    assert.match(qrDataUrl(URI, { format: 'svg', dark: 'currentColor' }), /^data:image\/svg\+xml;base64,/);
    assert.throws(() => qrDataUrl(URI, { dark: 'currentColor' } as never), {
      code: 'ERR_INVALID_ARG_VALUE',
      message: /"options.dark" must be a hex colour/,
    });
    const palette = decode(qrDataUrl(URI, { dark: '#123456', light: '#abcdef' }), 'image/png');
    assert.ok(palette.includes(Buffer.from('PLTE')));
  });

  it('a typical enrollment URI is a data URL of about 520 characters as PNG', () => {
    const png = qrDataUrl(URI);
    assert.ok(png.length <= 4 * Math.ceil(514 / 3) + 22, `${png.length} characters`); // lean-qr's PNG as base64
  });

  it('reads each option once, and only own properties (Object.prototype.format is not an option)', () => {
    const values = {
      format: 'svg',
      level: 'L',
      margin: 1,
      scale: 2,
      dark: '#000',
      light: '#fff',
      mask: 3,
      mode: 'byte',
    };
    const { options, reads } = counting(values);
    qrDataUrl('hello', options as never);
    for (const [key, n] of Object.entries(reads)) assert.equal(n, 1, `"${key}" read ${n} times`);
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.format = 'svg';
      proto.scale = 1;
      assert.ok(qrDataUrl('hello').startsWith('data:image/png;base64,'));
      assert.equal(qrDataUrl('hello'), `data:image/png;base64,${Buffer.from(qrPng('hello')).toString('base64')}`);
    } finally {
      delete proto.format;
      delete proto.scale;
    }
  });
});

describe('input limits', () => {
  it('a 10^7-character text is refused at the cost of the limit, not of the text (under 1 ms)', () => {
    const huge = 'A'.repeat(10_000_000);
    const calls: [string, () => unknown][] = [
      ['qrMatrix', () => qrMatrix(huge)],
      ['qrMatrix byte', () => qrMatrix(huge, { mode: 'byte', level: 'L' })],
      ['qrSvg', () => qrSvg(huge)],
      ['qrPng', () => qrPng(huge)],
      ['qrTerminal', () => qrTerminal(huge)],
      ['qrDataUrl', () => qrDataUrl(huge, { format: 'svg' })],
      ['lone surrogate too', () => qrMatrix(huge + '\ud800')],
    ];
    for (const [name, call] of calls) {
      const best = fastestRefusal(
        call,
        (error) =>
          assert.throws(
            () => {
              throw error;
            },
            { code: ErrorCode.QR_DATA_TOO_LONG, message: /"text" is 1000000\d UTF-16 code units long/ },
            name,
          ),
        3,
      );
      assert.ok(best < 1, `${name}: ${best.toFixed(3)} ms for a 10^7-character text`);
    }
  });

  it('the limit is exact: the longest text that fits still encodes, one more code unit is refused', () => {
    const caps: Record<QrLevel, [number, number]> = {
      L: [4296, 2953],
      M: [3391, 2331],
      Q: [2420, 1663],
      H: [1852, 1273],
    };
    for (const level of LEVELS) {
      const [alnum, bytes] = caps[level];
      assert.equal(qrMatrix('A'.repeat(alnum), { level }).version, 40, `${level}: ${alnum} alphanumeric characters`);
      assert.throws(() => qrMatrix('A'.repeat(alnum + 1), { level }), { code: ErrorCode.QR_DATA_TOO_LONG });
      assert.equal(qrMatrix('a'.repeat(bytes), { level, mode: 'byte' }).version, 40);
      assert.throws(() => qrMatrix('a'.repeat(bytes + 1), { level, mode: 'byte' }), {
        code: ErrorCode.QR_DATA_TOO_LONG,
      });
      // Within the quick bound, the exact check still runs: lowercase needs byte mode even with 'auto'.
      assert.throws(() => qrMatrix('a'.repeat(bytes + 1), { level }), {
        message: new RegExp(`${bytes + 1} bytes in UTF-8`),
      });
    }
  });
});

// One table of bad arguments, run against every public function.
type Call = (text: unknown, options?: unknown) => unknown;
const ALL: [string, Call][] = [
  ['qrMatrix', qrMatrix as Call],
  ['qrSvg', qrSvg as Call],
  ['qrTerminal', qrTerminal as Call],
  ['qrPng', qrPng as Call],
  ['qrDataUrl', qrDataUrl as Call],
];
const BAD_TEXT: [unknown, string, RegExp][] = [
  [null, ErrorCode.INVALID_ARG_TYPE, /"text" must be a string \(received null\)/],
  [undefined, ErrorCode.INVALID_ARG_TYPE, /"text" must be a string/],
  [42, ErrorCode.INVALID_ARG_TYPE, /"text" must be a string \(received type number\)/],
  [{}, ErrorCode.INVALID_ARG_TYPE, /"text"/],
  [new Uint8Array(3), ErrorCode.INVALID_ARG_TYPE, /"text"/],
  ['a\ud800', ErrorCode.INVALID_ARG_VALUE, /"text" must be well-formed Unicode \(lone surrogate at index 1\)/],
  ['\udc00', ErrorCode.INVALID_ARG_VALUE, /index 0/],
  ['x\ud83dy', ErrorCode.INVALID_ARG_VALUE, /index 1/],
];
const BAD_SHARED: [unknown, string, RegExp][] = [
  [null, ErrorCode.INVALID_ARG_TYPE, /"options" must be an object/],
  ['M', ErrorCode.INVALID_ARG_TYPE, /"options" must be an object/],
  [[], ErrorCode.INVALID_ARG_TYPE, /"options" must be an object \(received an array\)/],
  [{ level: 'm' }, ErrorCode.INVALID_ARG_VALUE, /"options.level" must be one of 'L', 'M', 'Q', 'H'/],
  [{ level: 1 }, ErrorCode.INVALID_ARG_TYPE, /"options.level" must be a string/],
  [{ mask: 8 }, ErrorCode.OUT_OF_RANGE, /"options.mask" must be an integer from 0 to 7 \(received 8\)/],
  [{ mask: -1 }, ErrorCode.OUT_OF_RANGE, /"options.mask"/],
  [{ mask: 1.5 }, ErrorCode.OUT_OF_RANGE, /"options.mask"/],
  [{ mask: '1' }, ErrorCode.INVALID_ARG_TYPE, /"options.mask" must be a number/],
  [{ mode: 'alphanumeric' }, ErrorCode.INVALID_ARG_VALUE, /"options.mode" must be one of 'auto', 'byte'/],
  [{ mode: true }, ErrorCode.INVALID_ARG_TYPE, /"options.mode" must be a string/],
];
const BAD_MARGIN: [unknown, string, RegExp][] = [
  [{ margin: -1 }, ErrorCode.OUT_OF_RANGE, /"options.margin" must be an integer from 0 to 32 \(received -1\)/],
  [{ margin: 33 }, ErrorCode.OUT_OF_RANGE, /"options.margin"/],
  [{ margin: NaN }, ErrorCode.OUT_OF_RANGE, /"options.margin"/],
  [{ margin: '4' }, ErrorCode.INVALID_ARG_TYPE, /"options.margin" must be a number/],
];
const BAD_SCALE: [unknown, string, RegExp][] = [
  [{ scale: 0 }, ErrorCode.OUT_OF_RANGE, /"options.scale" must be an integer from 1 to 32 \(received 0\)/],
  [{ scale: 2.5 }, ErrorCode.OUT_OF_RANGE, /"options.scale"/],
  [{ scale: Infinity }, ErrorCode.OUT_OF_RANGE, /"options.scale"/],
  [{ scale: null }, ErrorCode.INVALID_ARG_TYPE, /"options.scale" must be a number \(received null\)/],
];
const BAD_SVG_COLOR: [unknown, string, RegExp][] = [
  [{ dark: '"/><script>alert(1)</script>' }, ErrorCode.INVALID_ARG_VALUE, /"options.dark" must be a CSS colour/],
  [{ light: 'red;stroke:blue' }, ErrorCode.INVALID_ARG_VALUE, /"options.light" must be a CSS colour/],
  [{ dark: "url('x')" }, ErrorCode.INVALID_ARG_VALUE, /"options.dark"/],
  [{ dark: 'rgb(1,2,3)"' }, ErrorCode.INVALID_ARG_VALUE, /"options.dark"/],
  [{ dark: '' }, ErrorCode.INVALID_ARG_VALUE, /"options.dark"/],
  [{ dark: '#12' }, ErrorCode.INVALID_ARG_VALUE, /"options.dark"/],
  [{ dark: 'red\n' }, ErrorCode.INVALID_ARG_VALUE, /"options.dark"/],
  [{ dark: 0x000000 }, ErrorCode.INVALID_ARG_TYPE, /"options.dark" must be a string/],
];
const BAD_PNG_COLOR: [unknown, string, RegExp][] = [
  [{ dark: 'black' }, ErrorCode.INVALID_ARG_VALUE, /"options.dark" must be a hex colour '#rgb' or '#rrggbb' for PNG/],
  [{ light: '#ffff' }, ErrorCode.INVALID_ARG_VALUE, /"options.light" must be a hex colour/],
  [{ light: '#gggggg' }, ErrorCode.INVALID_ARG_VALUE, /"options.light"/],
  [{ light: [255, 255, 255] }, ErrorCode.INVALID_ARG_TYPE, /"options.light" must be a string \(received an array\)/],
];
const BAD_FORMAT: [unknown, string, RegExp][] = [
  [{ format: 'jpeg' }, ErrorCode.INVALID_ARG_VALUE, /"options.format" must be one of 'png', 'svg'/],
  [{ format: 'PNG' }, ErrorCode.INVALID_ARG_VALUE, /"options.format"/],
  [{ format: 1 }, ErrorCode.INVALID_ARG_TYPE, /"options.format" must be a string/],
];
const BAD_TERMINAL: [unknown, string, RegExp][] = [
  [{ invert: 'yes' }, ErrorCode.INVALID_ARG_TYPE, /"options.invert" must be a boolean \(received type string\)/],
  [{ invert: 1 }, ErrorCode.INVALID_ARG_TYPE, /"options.invert" must be a boolean/],
  [{ ansi: 'yes' }, ErrorCode.INVALID_ARG_TYPE, /"options.ansi" must be a boolean/],
  [
    { ansi: true, invert: true },
    ErrorCode.INVALID_ARG_VALUE,
    /"options.invert" cannot be combined with "options.ansi"/,
  ],
];

function expectError(fn: () => unknown, code: string, message: RegExp, label: string): void {
  assert.throws(
    fn,
    (e: unknown) => {
      const err = e as Error & { code?: string };
      assert.equal(err.code, code, label);
      assert.ok(code === ErrorCode.INVALID_ARG_TYPE ? err instanceof TypeError : err instanceof RangeError, label);
      assert.match(err.message, message, label);
      assert.ok(!err.message.includes('otpauth'), 'the text never appears in a message');
      return true;
    },
    label,
  );
}

describe('qr argument validation', () => {
  it('every function rejects bad text and bad shared options with coded errors', () => {
    for (const [name, fn] of ALL) {
      for (const [text, code, message] of BAD_TEXT)
        expectError(() => fn(text), code, message, `${name}(${String(text)})`);
      for (const [options, code, message] of BAD_SHARED) {
        expectError(() => fn(URI, options), code, message, `${name} ${JSON.stringify(options)}`);
      }
    }
  });

  it('the shared table of bad inputs: every value that is not a string, or not well-formed, is refused as text', () => {
    for (const [name, fn] of ALL) {
      for (const bad of BAD_INPUTS) {
        const surrogate =
          typeof bad.value === 'string' &&
          /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(bad.value); // a lone surrogate
        const tooLong = typeof bad.value === 'string' && bad.value.length > 2331;
        if (!bad.badFor.includes('string') && !surrogate && !tooLong) {
          fn(bad.value); // '', NUL, newline, DEL, C1 controls, ':' are all encodable text
          continue;
        }
        assert.throws(
          () => fn(bad.value),
          (e: unknown) => isTypedError(e),
          `${name}(${bad.name})`,
        );
      }
    }
  });

  it('renderer-specific options are checked', () => {
    const table: [Call, [unknown, string, RegExp][][]][] = [
      [qrSvg as Call, [BAD_MARGIN, BAD_SCALE, BAD_SVG_COLOR]],
      [qrPng as Call, [BAD_MARGIN, BAD_SCALE, BAD_PNG_COLOR]],
      [qrTerminal as Call, [BAD_MARGIN, BAD_TERMINAL]],
      [qrDataUrl as Call, [BAD_MARGIN, BAD_SCALE, BAD_PNG_COLOR, BAD_FORMAT]],
    ];
    for (const [fn, groups] of table) {
      for (const [options, code, message] of groups.flat()) {
        expectError(() => fn(URI, options), code, message, `${fn.name} ${JSON.stringify(options)}`);
      }
    }
  });

  it('qrCapacity checks its arguments', () => {
    expectError(() => qrCapacity(0), ErrorCode.OUT_OF_RANGE, /"version" must be an integer from 1 to 40/, 'v0');
    expectError(() => qrCapacity(41, 'L'), ErrorCode.OUT_OF_RANGE, /"version"/, 'v41');
    expectError(
      () => qrCapacity('1' as unknown as number),
      ErrorCode.INVALID_ARG_TYPE,
      /"version" must be a number/,
      "'1'",
    );
    expectError(() => qrCapacity(1, 'X' as QrLevel), ErrorCode.INVALID_ARG_VALUE, /"level"/, 'X');
  });

  it('undefined options and undefined fields mean the defaults', () => {
    const base = qrSvg(URI);
    assert.equal(qrSvg(URI, {}), base);
    assert.equal(
      qrSvg(URI, { level: undefined, margin: undefined, scale: undefined, dark: undefined, light: undefined }),
      base,
    );
    assert.equal(qrSvg(URI, { level: 'M', margin: 4, scale: 4, dark: '#000', light: '#fff' }), base);
    assert.equal(qrMatrix(URI).level, 'M');
    assert.equal(qrMatrix('').version, 1, 'the empty text is a valid symbol');
  });
});
