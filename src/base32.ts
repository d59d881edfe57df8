/**
 * Base32 with the RFC 4648 §6 alphabet (`A–Z`, `2–7`), hand-written and table-driven.
 *
 * Encoding works on whole 5-byte groups (40 bits = 8 characters) so that the hot loop has no bit buffer, and
 * large inputs are written into a byte buffer that is turned into a string in one native call, instead of
 * concatenating characters one by one.
 *
 * @module
 */
import { TotpConfigError, typeError } from './errors.js';
import { assertBytes, describeType, optionalBoolean, optionsBag, own } from './internal/assert.js';

/** RFC 4648 §6 Table 3, as character codes. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALPHABET_CODES = /* @__PURE__ */ Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** Decode table markers above the 0–31 value range. */
const SPACE = 32;
const PAD = 33;
const INVALID = 255;

/**
 * ASCII code → 5-bit value; lower case is accepted (RFC 4648 §6 says the alphabet is upper case, but
 * authenticator apps and users type lower case). 32 marks a space, 33 the pad character, 255 anything else.
 */
const DECODE_TABLE = /* @__PURE__ */ (() => {
  const table = new Uint8Array(256).fill(INVALID);
  for (let i = 0; i < 32; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  table[0x20] = SPACE;
  table[0x3d] = PAD;
  return table;
})();

/** Characters used in the last group for a tail of 0–4 bytes (RFC 4648 §6, cases (1)–(5)). */
const TAIL_CHARS = [0, 2, 4, 5, 7];
/** Bytes produced by 0–7 characters of a last group; -1 marks the impossible lengths 1, 3 and 6. */
const TAIL_BYTES = [0, -1, 1, -1, 2, 3, -1, 4];

/**
 * Bytes that the last group of `characters` base32 characters (padding and spaces aside) encodes, or -1 when no
 * byte string encodes to that length: a last group of 1, 3 or 6 characters (RFC 4648 §6).
 *
 * @internal
 * @example
 * ```ts
 * base32TailBytes(16); // => 0
 * base32TailBytes(7);  // => 4
 * base32TailBytes(9);  // => -1
 * ```
 */
export function base32TailBytes(characters: number): number {
  return TAIL_BYTES[characters % 8];
}

/** Low bits of the last character that no byte uses, by characters mod 8 (0 for the impossible lengths). */
const TAIL_SPARE_BITS = [0, 0, 2, 0, 4, 1, 0, 3];

/**
 * Whether the bits of the last character that no byte uses are zero, as the canonical encoding has them
 * (RFC 4648 §3.5). Decoders drop them, so a text with a spare bit set decodes to the same bytes as the canonical
 * text, which encodes back differently. `text` is base32 characters only, upper case, no padding.
 *
 * @internal
 * @example
 * ```ts
 * base32SpareBitsZero('JBSWY3DPEHPK3PXPAA'); // => true
 * base32SpareBitsZero('JBSWY3DPEHPK3PXPAB'); // => false  (the same 11 bytes)
 * ```
 */
export function base32SpareBitsZero(text: string): boolean {
  const spare = TAIL_SPARE_BITS[text.length % 8];
  return spare === 0 || (DECODE_TABLE[text.charCodeAt(text.length - 1)] & ((1 << spare) - 1)) === 0;
}

let asciiDecoder: TextDecoder | undefined;

/** Options for {@link base32Encode}. */
export interface Base32EncodeOptions {
  /**
   * Append `=` padding to a multiple of 8 characters (RFC 4648 §6). Default `false`: the Key URI Format says
   * padding should be omitted from otpauth secrets.
   */
  padding?: boolean;
}

/**
 * Encodes bytes as upper-case base32 (RFC 4648 §6).
 *
 * @param bytes - the data to encode; any `Uint8Array`, including a Node `Buffer`.
 * @param options - `padding: true` appends `=` to a multiple of 8 characters; default no padding.
 * @returns the base32 text, `ceil(8n / 5)` characters without padding.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `bytes` is not a `Uint8Array` or `padding` is not a boolean.
 * @example
 * ```ts
 * base32Encode(new TextEncoder().encode('foo'));                    // => 'MZXW6'
 * base32Encode(new TextEncoder().encode('foo'), { padding: true }); // => 'MZXW6==='
 * ```
 */
export function base32Encode(bytes: Uint8Array, options?: Base32EncodeOptions): string {
  assertBytes(bytes, 'bytes');
  const o = optionsBag(options, 'options');
  const padding = optionalBoolean(own(o, 'padding', o.padding), 'options.padding', false);
  const text = bytes.length <= SMALL_INPUT ? encodeSmall(bytes, 0, bytes.length) : encodeLarge(bytes);
  // RFC 4648 §6: pad the last group to 8 characters.
  return padding && text.length % 8 !== 0 ? text + '======='.slice((text.length % 8) - 1) : text;
}

/**
 * Encodes a large input into a buffer that native `TextDecoder` calls turn into a string. The input is read
 * 32 bits at a time, 20 bytes (160 bits) a step, and the output written from a 1,024-entry table of character
 * pairs (10 bits → 2 characters), two pairs per 32-bit store. Words are little-endian on every engine we target;
 * on a big-endian one the string path of {@link encodeSmall} is used instead.
 */
function encodeLarge(bytes: Uint8Array): string {
  if (!littleEndian()) return encodeSmall(bytes, 0, bytes.length);
  const P = (pairTable ??= makePairTable());
  const input = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice(); // 32-bit views need an aligned start
  const blocks = Math.floor(bytes.length / 20);
  const I = new Uint32Array(input.buffer, input.byteOffset, blocks * 5);
  const words = new Uint32Array(blocks * 8);
  for (let i = 0, o = 0; i < I.length; i += 5, o += 8) {
    // The 160 bits in stream order: each little-endian word holds 4 bytes, first byte lowest.
    const w0 = swap(I[i]),
      w1 = swap(I[i + 1]),
      w2 = swap(I[i + 2]),
      w3 = swap(I[i + 3]),
      w4 = swap(I[i + 4]);
    words[o] = P[w0 >>> 22] | (P[(w0 >>> 12) & 1023] << 16);
    words[o + 1] = P[(w0 >>> 2) & 1023] | (P[((w0 & 3) << 8) | (w1 >>> 24)] << 16);
    words[o + 2] = P[(w1 >>> 14) & 1023] | (P[(w1 >>> 4) & 1023] << 16);
    words[o + 3] = P[((w1 & 15) << 6) | (w2 >>> 26)] | (P[(w2 >>> 16) & 1023] << 16);
    words[o + 4] = P[(w2 >>> 6) & 1023] | (P[((w2 & 63) << 4) | (w3 >>> 28)] << 16);
    words[o + 5] = P[(w3 >>> 18) & 1023] | (P[(w3 >>> 8) & 1023] << 16);
    words[o + 6] = P[((w3 & 255) << 2) | (w4 >>> 30)] | (P[(w4 >>> 20) & 1023] << 16);
    words[o + 7] = P[(w4 >>> 10) & 1023] | (P[w4 & 1023] << 16);
  }
  // Decoded in 64 KiB chunks: several calls of that size cost a quarter of one call over the whole buffer.
  const decoder = (asciiDecoder ??= new TextDecoder());
  const ascii = new Uint8Array(words.buffer);
  let head = '';
  for (let at = 0; at < ascii.length; at += DECODE_CHUNK) head += decoder.decode(ascii.subarray(at, at + DECODE_CHUNK));
  const done = blocks * 20;
  return done === bytes.length ? head : head + encodeSmall(bytes, done, bytes.length);
}

const DECODE_CHUNK = 65536;

/** Reverses the byte order of a 32-bit word: a little-endian load becomes the bytes in stream order. */
function swap(w: number): number {
  return ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
}

/** Typed-array loads and stores follow the platform's byte order; the word paths are written for little-endian. */
function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
let pairTable: Uint16Array | undefined;

/** Every 10-bit value → its two characters, as a little-endian 16-bit word (first character in the low byte). */
function makePairTable(): Uint16Array {
  const table = new Uint16Array(1024);
  for (let v = 0; v < 1024; v++) table[v] = ALPHABET_CODES[v >> 5] | (ALPHABET_CODES[v & 31] << 8);
  return table;
}

/**
 * Encodes `bytes[start, end)` without validating arguments, straight into strings: 20 bytes (a default secret)
 * become one 32-character `String.fromCharCode` call, with no buffer and no concatenation in between. For short
 * inputs (secrets) this is both the fastest way and the one that allocates least. Shared by {@link base32Encode}
 * and the secret generator, which encodes straight out of the entropy cache without copying.
 *
 * @internal
 */
export function encodeSmall(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  let i = start;
  for (; i + 20 <= end; i += 20) text += chars32(bytes, i);
  const rest = end - i;
  if (rest !== 0) {
    // The last 1–19 bytes are encoded from a zero-filled copy, wiped at once: RFC 4648 §3.5 asks encoders to
    // leave the trailing bits zero, and no byte past `end` (in the entropy cache: a future secret) is read.
    const group = restGroup.fill(0);
    for (let k = 0; k < rest; k++) group[k] = bytes[i + k];
    const tail = rest % 5;
    text += chars32(group, 0).slice(0, (rest - tail) * 1.6 + TAIL_CHARS[tail]);
    group.fill(0);
  }
  return text;
}

/**
 * The 32 characters of the 20 bytes at `bytes[i]` (RFC 4648 §6: four 40-bit groups, 5 bits a character).
 * Deliberately unrolled: one call makes one flat string, the cheapest way to a 32-character secret.
 */
function chars32(bytes: Uint8Array, i: number): string {
  const A = ALPHABET_CODES;
  const b0 = bytes[i];
  const b1 = bytes[i + 1];
  const b2 = bytes[i + 2];
  const b3 = bytes[i + 3];
  const b4 = bytes[i + 4];
  const b5 = bytes[i + 5];
  const b6 = bytes[i + 6];
  const b7 = bytes[i + 7];
  const b8 = bytes[i + 8];
  const b9 = bytes[i + 9];
  const c0 = bytes[i + 10];
  const c1 = bytes[i + 11];
  const c2 = bytes[i + 12];
  const c3 = bytes[i + 13];
  const c4 = bytes[i + 14];
  const c5 = bytes[i + 15];
  const c6 = bytes[i + 16];
  const c7 = bytes[i + 17];
  const c8 = bytes[i + 18];
  const c9 = bytes[i + 19];
  // biome-ignore format: eight characters (one 40-bit group) to a line
  return String.fromCharCode(
    A[b0 >> 3], A[((b0 << 2) | (b1 >> 6)) & 31], A[(b1 >> 1) & 31], A[((b1 << 4) | (b2 >> 4)) & 31],
    A[((b2 << 1) | (b3 >> 7)) & 31], A[(b3 >> 2) & 31], A[((b3 << 3) | (b4 >> 5)) & 31], A[b4 & 31],
    A[b5 >> 3], A[((b5 << 2) | (b6 >> 6)) & 31], A[(b6 >> 1) & 31], A[((b6 << 4) | (b7 >> 4)) & 31],
    A[((b7 << 1) | (b8 >> 7)) & 31], A[(b8 >> 2) & 31], A[((b8 << 3) | (b9 >> 5)) & 31], A[b9 & 31],
    A[c0 >> 3], A[((c0 << 2) | (c1 >> 6)) & 31], A[(c1 >> 1) & 31], A[((c1 << 4) | (c2 >> 4)) & 31],
    A[((c2 << 1) | (c3 >> 7)) & 31], A[(c3 >> 2) & 31], A[((c3 << 3) | (c4 >> 5)) & 31], A[c4 & 31],
    A[c5 >> 3], A[((c5 << 2) | (c6 >> 6)) & 31], A[(c6 >> 1) & 31], A[((c6 << 4) | (c7 >> 4)) & 31],
    A[((c7 << 1) | (c8 >> 7)) & 31], A[(c8 >> 2) & 31], A[((c8 << 3) | (c9 >> 5)) & 31], A[c9 & 31],
  );
}

/** Holds a copy of the last 1–19 bytes of an input while they are encoded; wiped at once (it may be a secret). */
const restGroup = /* @__PURE__ */ new Uint8Array(20);

/** Inputs up to this many bytes are encoded as strings directly; longer ones through a byte buffer. */
const SMALL_INPUT = 80;

/**
 * Decodes base32 text (RFC 4648 §6) to bytes.
 *
 * Accepted, because authenticator apps and users produce them: lower case; ASCII spaces anywhere (apps show
 * secrets in groups of four); missing padding. Padding that is present must be correct and only at the end.
 * Non-zero trailing bits in the last character are ignored, not rejected (RFC 4648 §3.5 allows either): older
 * pyotp versions made 26-character secrets by picking characters, and refusing them would lock users out.
 *
 * @param text - base32 text.
 * @returns the decoded bytes; `base32Encode(base32Decode(s))` is the canonical form of `s`.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `text` is not a string.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` naming the index of a character outside the alphabet, of
 *   misplaced or wrong padding, or of a last group with an impossible length (1, 3 or 6 characters).
 * @example
 * ```ts
 * new TextDecoder().decode(base32Decode('MZXW6YQ='));  // => 'foob'
 * new TextDecoder().decode(base32Decode('mzxw 6yq'));  // => 'foob'
 * ```
 */
export function base32Decode(text: string): Uint8Array {
  if (typeof text !== 'string') {
    throw typeError('ERR_INVALID_ARG_TYPE', `"text" must be a string (received ${describeType(text)})`);
  }
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  const length = text.length > LARGE_TEXT ? decodeLarge(text, out) : decodeInto(text, out, 'text');
  // Spaces and padding make the first estimate too large; they are rare, and so is this copy.
  return length === out.length ? out : out.slice(0, length);
}

/**
 * Decodes `text` into `out`, which must hold at least `floor(text.length * 5 / 8)` bytes, and returns the number
 * of bytes written. Same rules and errors as {@link base32Decode}, with `name` as the argument named in messages.
 * Lets a caller decode a secret into a buffer it wipes afterwards, with no allocation.
 *
 * @internal
 */
export function decodeInto(text: string, out: Uint8Array, name: string): number {
  const length = text.length;
  const T = DECODE_TABLE;
  let i = 0;
  let o = 0;
  // Fast path: whole groups of 8 alphabet characters, 40 bits → 5 bytes, no bit buffer. It stops at the first
  // group holding a space, a pad, a non-ASCII or an invalid character, and the general loop below takes over.
  for (const limit = length - 8; i <= limit; i += 8) {
    const c0 = text.charCodeAt(i),
      c1 = text.charCodeAt(i + 1),
      c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3),
      c4 = text.charCodeAt(i + 4),
      c5 = text.charCodeAt(i + 5);
    const c6 = text.charCodeAt(i + 6),
      c7 = text.charCodeAt(i + 7);
    if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) > 255) break;
    const v0 = T[c0],
      v1 = T[c1],
      v2 = T[c2],
      v3 = T[c3],
      v4 = T[c4],
      v5 = T[c5],
      v6 = T[c6],
      v7 = T[c7];
    if ((v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7) > 31) break;
    out[o] = (v0 << 3) | (v1 >> 2);
    out[o + 1] = (v1 << 6) | (v2 << 1) | (v3 >> 4);
    out[o + 2] = (v3 << 4) | (v4 >> 1);
    out[o + 3] = (v4 << 7) | (v5 << 2) | (v6 >> 3);
    out[o + 4] = (v6 << 5) | v7;
    o += 5;
  }
  return i === length ? o : decodeGeneral(text, i, out, o, name);
}

/** Texts longer than this are decoded through a byte copy made by one native `TextEncoder.encodeInto` call. */
const LARGE_TEXT = 256;
let asciiEncoder: TextEncoder | undefined;

/**
 * {@link decodeInto} for large texts: one native `TextEncoder.encodeInto` copies the text into bytes, which are
 * read 32 bits (4 characters) at a time and looked up two characters at a time in a 65,536-entry table
 * (2 characters → 10 bits, 0xFFFF for anything else). The copy is 1:1 up to the first non-ASCII character, and
 * the loop stops at any group holding one, so byte indexes are character indexes wherever the general decoder
 * takes over. Little-endian only; elsewhere {@link decodeInto} does the work.
 */
function decodeLarge(text: string, out: Uint8Array): number {
  if (!littleEndian()) return decodeInto(text, out, 'text');
  const T2 = (pairDecodeTable ??= makePairDecodeTable());
  const encoder = (asciiEncoder ??= new TextEncoder());
  // The text is copied 64 KiB at a time into one reused buffer (a substring of a flat string is not a copy).
  const codes = (chunkBuffer ??= new Uint8Array(DECODE_CHUNK));
  const W = new Uint32Array(codes.buffer);
  const O = new Uint32Array(out.buffer, out.byteOffset, out.length >> 2); // base32Decode's own array: aligned
  const groups = text.length >> 3;
  let g = 0; // groups done
  let o = 0;
  chunks: while (g < groups) {
    const count = Math.min(groups - g, DECODE_CHUNK >> 3);
    const { written } = encoder.encodeInto(text.substring(g * 8, (g + count) * 8), codes);
    // A non-ASCII character takes 2–3 bytes: the copy can stop short, and what stands behind it (the last chunk)
    // must not be read as text. Zero is no alphabet character, so the loop stops there.
    if (written < count * 8) codes.fill(0, written, count * 8);
    // Blocks of 4 groups first (a chunk holds a multiple of 4 groups, so `o` stays aligned); the last chunk's
    // 0–3 extra groups, and a block holding anything but alphabet characters, go through the loop below.
    const blocks = decodeBlocks(W, count >> 2, O, o, T2);
    let i = blocks * 8;
    o += blocks * 20;
    for (; i < count * 2; i += 2, o += 5) {
      const a = W[i],
        b = W[i + 1];
      const p0 = T2[a & 0xffff],
        p1 = T2[a >>> 16],
        p2 = T2[b & 0xffff],
        p3 = T2[b >>> 16];
      if ((p0 | p1 | p2 | p3) > 1023) {
        g += i >> 1;
        break chunks;
      }
      out[o] = p0 >> 2;
      out[o + 1] = (p0 << 6) | (p1 >> 4);
      out[o + 2] = (p1 << 4) | (p2 >> 6);
      out[o + 3] = (p2 << 2) | (p3 >> 8);
      out[o + 4] = p3;
    }
    g += count;
  }
  codes.fill(0); // it held the text, perhaps a secret
  return g * 8 === text.length ? o : decodeGeneral(text, g * 8, out, o, 'text');
}

/**
 * Decodes up to `blocks` blocks of 4 groups (32 characters in 8 words of `W`) into `O` from byte `o` (a multiple
 * of 4): 20 bytes in 5 aligned 32-bit stores. Returns the number of whole blocks done; it stops before a block
 * holding anything but alphabet characters.
 */
function decodeBlocks(W: Uint32Array, blocks: number, O: Uint32Array, o: number, T2: Uint16Array): number {
  let k = 0;
  for (let i = 0, q = o >> 2; k < blocks; k++, i += 8, q += 5) {
    const p0 = T2[W[i] & 0xffff],
      p1 = T2[W[i] >>> 16],
      p2 = T2[W[i + 1] & 0xffff],
      p3 = T2[W[i + 1] >>> 16];
    const p4 = T2[W[i + 2] & 0xffff],
      p5 = T2[W[i + 2] >>> 16],
      p6 = T2[W[i + 3] & 0xffff],
      p7 = T2[W[i + 3] >>> 16];
    const p8 = T2[W[i + 4] & 0xffff],
      p9 = T2[W[i + 4] >>> 16],
      p10 = T2[W[i + 5] & 0xffff],
      p11 = T2[W[i + 5] >>> 16];
    const p12 = T2[W[i + 6] & 0xffff],
      p13 = T2[W[i + 6] >>> 16],
      p14 = T2[W[i + 7] & 0xffff],
      p15 = T2[W[i + 7] >>> 16];
    if ((p0 | p1 | p2 | p3 | p4 | p5 | p6 | p7 | p8 | p9 | p10 | p11 | p12 | p13 | p14 | p15) > 1023) break;
    // Each group's 40 bits as 5 bytes, packed little-endian into words.
    O[q] =
      (p0 >> 2) |
      ((((p0 << 6) | (p1 >> 4)) & 255) << 8) |
      ((((p1 << 4) | (p2 >> 6)) & 255) << 16) |
      (((p2 << 2) | (p3 >> 8)) << 24);
    O[q + 1] =
      (p3 & 255) | ((p4 >> 2) << 8) | ((((p4 << 6) | (p5 >> 4)) & 255) << 16) | (((p5 << 4) | (p6 >> 6)) << 24);
    O[q + 2] =
      (((p6 << 2) | (p7 >> 8)) & 255) | ((p7 & 255) << 8) | ((p8 >> 2) << 16) | (((p8 << 6) | (p9 >> 4)) << 24);
    O[q + 3] =
      (((p9 << 4) | (p10 >> 6)) & 255) |
      ((((p10 << 2) | (p11 >> 8)) & 255) << 8) |
      ((p11 & 255) << 16) |
      ((p12 >> 2) << 24);
    O[q + 4] =
      (((p12 << 6) | (p13 >> 4)) & 255) |
      ((((p13 << 4) | (p14 >> 6)) & 255) << 8) |
      ((((p14 << 2) | (p15 >> 8)) & 255) << 16) |
      (p15 << 24);
  }
  return k;
}

let chunkBuffer: Uint8Array | undefined;

let pairDecodeTable: Uint16Array | undefined;

/** Two ASCII codes (first in the low byte) → their 10 bits, or 0xFFFF unless both are alphabet characters. */
function makePairDecodeTable(): Uint16Array {
  const table = new Uint16Array(65536).fill(0xffff);
  for (let first = 0; first < 128; first++) {
    if (DECODE_TABLE[first] > 31) continue;
    for (let second = 0; second < 128; second++) {
      if (DECODE_TABLE[second] < 32) table[first | (second << 8)] = (DECODE_TABLE[first] << 5) | DECODE_TABLE[second];
    }
  }
  return table;
}

/**
 * The general decoder: a 5-bit-at-a-time bit buffer that skips spaces and checks padding. It starts where the
 * fast path stopped, after `start` alphabet characters (a multiple of 8, so the bit buffer starts empty), and
 * returns the number of bytes in `out`.
 */
function decodeGeneral(text: string, start: number, out: Uint8Array, o: number, name: string): number {
  const T = DECODE_TABLE;
  const length = text.length;
  let dataChars = start;
  let buffer = 0;
  let bits = 0;
  let i = start;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 256 ? T[code] : INVALID;
    if (value < 32) {
      buffer = ((buffer << 5) | value) & 0xfff; // at most 12 live bits: 7 left over + 5 new
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = buffer >> bits;
      }
      dataChars++;
    } else if (value === PAD) {
      break;
    } else if (value !== SPACE) {
      throw base32Error(`"${name}" contains a character outside the base32 alphabet at index ${i}`);
    }
  }
  const lastGroup = dataChars % 8;
  if (base32TailBytes(lastGroup) < 0) {
    throw base32Error(
      `"${name}" has an impossible length: its last group has ${lastGroup} character${lastGroup === 1 ? '' : 's'}` +
        ` (1, 3 or 6 cannot encode whole bytes), ending before index ${i}`,
    );
  }
  if (i < length) checkPadding(text, i, lastGroup, name);
  return o;
}

/** Padding starts at `start`: it must run to the end (spaces aside) and fill the last group to 8 characters. */
function checkPadding(text: string, start: number, lastGroup: number, name: string): void {
  let pads = 0;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) pads++;
    else if (code !== 0x20) {
      throw base32Error(
        `"${name}" has padding before the end: '=' at index ${start} is followed by data at index ${i}`,
      );
    }
  }
  if (lastGroup === 0 || lastGroup + pads !== 8) {
    throw base32Error(
      `"${name}" has wrong padding at index ${start}: a last group of ${lastGroup} characters needs ` +
        `${lastGroup === 0 ? 0 : 8 - lastGroup} '=', found ${pads}`,
    );
  }
}

function base32Error(message: string): TotpConfigError {
  return new TotpConfigError('ERR_INVALID_BASE32', message);
}
