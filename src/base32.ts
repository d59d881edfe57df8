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
import { assertBytes, assertOptions, describeType } from './internal/assert.js';

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
  const { padding = false } = assertOptions<Base32EncodeOptions>(options, 'options');
  if (typeof padding !== 'boolean') {
    throw typeError(
      'ERR_INVALID_ARG_TYPE',
      `"options.padding" must be a boolean (received ${describeType(padding)})`,
    );
  }
  const length = bytes.length;
  if (encodedLength(length, padding) <= SMALL_OUTPUT) return encodeSmall(bytes, 0, length, padding);
  // Large inputs get a buffer of their own, which one native TextDecoder call turns into a string.
  const out = new Uint8Array(encodedLength(length, padding));
  writeBase32(bytes, 0, length, padding, out);
  asciiDecoder ??= new TextDecoder();
  return asciiDecoder.decode(out);
}

/** Characters that `length` bytes encode to (RFC 4648 §6: 8 per 5 bytes, the last group cut or padded). */
function encodedLength(length: number, padding: boolean): number {
  const tail = length % 5;
  return ((length - tail) / 5) * 8 + (padding && tail !== 0 ? 8 : TAIL_CHARS[tail]);
}

/**
 * Encodes `bytes[start, end)` without validating arguments, straight into strings: 10 bytes become one
 * 16-character `String.fromCharCode` call, with no buffer in between. For short inputs (secrets) this is both the
 * fastest way and the one that allocates least. Shared by {@link base32Encode} and the secret generator, which
 * encodes straight out of the entropy cache without copying.
 *
 * @internal
 */
export function encodeSmall(bytes: Uint8Array, start: number, end: number, padding: boolean): string {
  let text = '';
  let i = start;
  for (; i + 10 <= end; i += 10) text += chars16(bytes, i);
  const rest = end - i;
  if (rest !== 0) {
    // The last 1–9 bytes are encoded from a zero-filled copy, wiped at once: RFC 4648 §3.5 asks encoders to
    // leave the trailing bits zero, and no byte past `end` (in the entropy cache: a future secret) is read.
    const group = restGroup.fill(0);
    for (let k = 0; k < rest; k++) group[k] = bytes[i + k];
    const tail = rest % 5;
    text += chars16(group, 0).slice(0, (rest - tail) * 1.6 + TAIL_CHARS[tail]);
    group.fill(0);
    if (padding && tail !== 0) text += '======'.slice(TAIL_CHARS[tail] - 2);
  }
  return text;
}

/** The 16 characters of the 10 bytes at `bytes[i]` (RFC 4648 §6: two 40-bit groups, 5 bits a character). */
function chars16(bytes: Uint8Array, i: number): string {
  const A = ALPHABET_CODES;
  const b0 = bytes[i], b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3], b4 = bytes[i + 4];
  const b5 = bytes[i + 5], b6 = bytes[i + 6], b7 = bytes[i + 7], b8 = bytes[i + 8], b9 = bytes[i + 9];
  return String.fromCharCode(
    A[b0 >> 3], A[((b0 << 2) | (b1 >> 6)) & 31], A[(b1 >> 1) & 31], A[((b1 << 4) | (b2 >> 4)) & 31],
    A[((b2 << 1) | (b3 >> 7)) & 31], A[(b3 >> 2) & 31], A[((b3 << 3) | (b4 >> 5)) & 31], A[b4 & 31],
    A[b5 >> 3], A[((b5 << 2) | (b6 >> 6)) & 31], A[(b6 >> 1) & 31], A[((b6 << 4) | (b7 >> 4)) & 31],
    A[((b7 << 1) | (b8 >> 7)) & 31], A[(b8 >> 2) & 31], A[((b8 << 3) | (b9 >> 5)) & 31], A[b9 & 31],
  );
}

/** Writes the base32 of `bytes[start, end)` into `out` from index 0 and returns the number of characters. */
function writeBase32(bytes: Uint8Array, start: number, end: number, padding: boolean, out: Uint8Array): number {
  const tail = (end - start) % 5;
  let o = 0;
  let i = start;
  for (const full = end - tail; i < full; i += 5, o += 8) writeGroup(bytes, i, out, o);
  if (tail !== 0) {
    // The last, partial group is encoded from a zero-filled copy: RFC 4648 §3.5 asks encoders to leave the
    // trailing bits zero. The characters beyond the tail's are then overwritten by padding or dropped.
    const group = tailGroup.fill(0);
    for (let k = 0; k < tail; k++) group[k] = bytes[i + k];
    writeGroup(group, 0, out, o);
    group.fill(0);
    o += TAIL_CHARS[tail];
    if (padding) for (const last = o - TAIL_CHARS[tail] + 8; o < last; ) out[o++] = 0x3d; // '='
  }
  return o;
}

/** Encodes the 5 bytes at `bytes[i]` as 8 characters at `out[o]` (RFC 4648 §6: 40 bits, 5 bits a character). */
function writeGroup(bytes: Uint8Array, i: number, out: Uint8Array, o: number): void {
  const A = ALPHABET_CODES;
  const b0 = bytes[i], b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3], b4 = bytes[i + 4];
  out[o] = A[b0 >> 3];
  out[o + 1] = A[((b0 << 2) | (b1 >> 6)) & 31];
  out[o + 2] = A[(b1 >> 1) & 31];
  out[o + 3] = A[((b1 << 4) | (b2 >> 4)) & 31];
  out[o + 4] = A[((b2 << 1) | (b3 >> 7)) & 31];
  out[o + 5] = A[(b3 >> 2) & 31];
  out[o + 6] = A[((b3 << 3) | (b4 >> 5)) & 31];
  out[o + 7] = A[b4 & 31];
}

/** Holds a copy of the last, partial group while it is encoded; wiped at once (it may be part of a secret). */
const tailGroup = /* @__PURE__ */ new Uint8Array(5);
/** The same for the last 1–9 bytes of a short input. */
const restGroup = /* @__PURE__ */ new Uint8Array(10);

/** Outputs up to this many characters are built as strings directly; longer ones through a byte buffer. */
const SMALL_OUTPUT = 128;

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
  const length = decodeInto(text, out, 'text');
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
    const c0 = text.charCodeAt(i), c1 = text.charCodeAt(i + 1), c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3), c4 = text.charCodeAt(i + 4), c5 = text.charCodeAt(i + 5);
    const c6 = text.charCodeAt(i + 6), c7 = text.charCodeAt(i + 7);
    if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) > 255) break;
    const v0 = T[c0], v1 = T[c1], v2 = T[c2], v3 = T[c3], v4 = T[c4], v5 = T[c5], v6 = T[c6], v7 = T[c7];
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
  if (TAIL_BYTES[lastGroup] < 0) {
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
      throw base32Error(`"${name}" has padding before the end: '=' at index ${start} is followed by data at index ${i}`);
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
