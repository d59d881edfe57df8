/**
 * Standard base64 (RFC 4648 §4: `A–Z a–z 0–9 + /`, `=` padding), hand-written and small, for `data:` URLs
 * (RFC 2397) and Google Authenticator's `otpauth-migration` payloads. Not exported from the package: callers
 * use it through those features.
 *
 * @module
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** ASCII code → 6-bit value; 64 marks `=`, 255 anything else. Built on first decode. */
let decodeTable: Uint8Array | undefined;

function makeDecodeTable(): Uint8Array {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  table[0x3d] = 64;
  return table;
}

/**
 * Encodes bytes as padded standard base64 (RFC 4648 §4). Three bytes become four characters; the last group
 * is padded with `=` to four characters (§3.2).
 *
 * @example
 * ```ts
 * base64Encode(new TextEncoder().encode('foob')); // => 'Zm9vYg=='
 * ```
 */
export function base64Encode(bytes: Uint8Array): string {
  const A = ALPHABET;
  const n = bytes.length;
  const whole = n - (n % 3);
  let text = '';
  // Chunks of 3 KiB of input keep each concatenation long and the intermediate strings few.
  let chunk = '';
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += A[v >> 18] + A[(v >> 12) & 63] + A[(v >> 6) & 63] + A[v & 63];
    if (chunk.length >= 4096) {
      text += chunk;
      chunk = '';
    }
  }
  text += chunk;
  if (n - whole === 1) {
    const v = bytes[whole] << 16;
    text += A[v >> 18] + A[(v >> 12) & 63] + '==';
  } else if (n - whole === 2) {
    const v = (bytes[whole] << 16) | (bytes[whole + 1] << 8);
    text += A[v >> 18] + A[(v >> 12) & 63] + A[(v >> 6) & 63] + '=';
  }
  return text;
}

/**
 * Decodes standard base64 (RFC 4648 §4). Padding may be left out (many producers strip it), but padding that
 * is present must be right and only at the end. Returns `undefined` for anything else (a character outside the
 * alphabet, misplaced padding, or a length that cannot encode whole bytes): the caller turns that into its own
 * coded error, naming what it was decoding.
 *
 * @example
 * ```ts
 * base64Decode('Zm9vYg==');  // => Uint8Array [102, 111, 111, 98]
 * base64Decode('Zm9vYg');    // => Uint8Array [102, 111, 111, 98]
 * base64Decode('Zm9v!');     // => undefined
 * ```
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const T = (decodeTable ??= makeDecodeTable());
  let end = text.length;
  // Up to two '=' at the end, and only to complete a group of four (RFC 4648 §3.2).
  if (end > 0 && text.charCodeAt(end - 1) === 0x3d) {
    end--;
    if (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
    if (text.length % 4 !== 0) return undefined;
  }
  const rest = end % 4;
  if (rest === 1) return undefined; // one character holds 6 bits: not a whole byte
  const out = new Uint8Array(((end - rest) / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? T[c] : 255;
    if (v > 63) {
      out.fill(0); // what was decoded so far may be part of a secret (a migration payload)
      return undefined;
    }
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = buffer >> bits;
    }
  }
  return out;
}
