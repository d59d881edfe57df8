/**
 * The two checksums a PNG file needs: CRC-32 of every chunk (PNG specification §5.5, ISO/IEC 3309 polynomial
 * 0xEDB88320 reflected) and Adler-32 of the zlib stream (RFC 1950 §2.2, §9).
 *
 * @module
 */

let CRC_TABLE: Uint32Array | undefined;

/** CRC-32 of `bytes[start .. end)` as an unsigned 32-bit integer (PNG specification §5.5, Annex D). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let table = CRC_TABLE;
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    CRC_TABLE = table;
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Adler-32 of `bytes` as an unsigned 32-bit integer (RFC 1950 §9): two sums modulo 65521. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 is the largest run for which b cannot overflow 2^32 before the modulo (zlib's NMAX).
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
