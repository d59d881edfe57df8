/**
 * Data encoding (ISO/IEC 18004:2015 §7.4): byte-mode segment, terminator, padding, then division into
 * error-correction blocks and interleaving (§7.5, §7.6).
 *
 * @module
 */
import { ErrorCode, TotpConfigError } from '../errors.js';
import { rsRemainder } from './reed-solomon.js';
import { blockCount, dataCodewords, ecPerBlock, totalCodewords, type QrLevel } from './tables.js';

/** Bits of the byte-mode character count indicator (§7.4.1 Table 3): 8 for versions 1–9, else 16. */
export function byteCountBits(version: number): number {
  return version < 10 ? 8 : 16;
}

/** The largest byte-mode payload that fits in `version` at `level`, in bytes. */
export function byteCapacity(version: number, level: QrLevel): number {
  return (dataCodewords(version, level) * 8 - 4 - byteCountBits(version)) >> 3;
}

/**
 * The smallest version (1–40) whose byte-mode capacity at `level` holds `length` bytes (§7.4.10 Table 7).
 *
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG` when even version 40 is too small. The message states
 *   lengths only: the text may carry a secret.
 */
export function chooseVersion(length: number, level: QrLevel): number {
  for (let version = 1; version <= 40; version++) {
    if (length <= byteCapacity(version, level)) return version;
  }
  throw new TotpConfigError(
    ErrorCode.QR_DATA_TOO_LONG,
    `"text" is ${length} bytes in UTF-8, more than the ${byteCapacity(40, level)} bytes a version 40 QR code ` +
      `holds at error-correction level ${level}`,
  );
}

/**
 * The data codewords of a single byte-mode segment (§7.4.5): mode indicator 0100, character count, the bytes,
 * a terminator of up to four zero bits (§7.4.9), zero bits to the byte boundary and the alternating pad
 * codewords 0xEC 0x11 (§7.4.10).
 */
export function dataCodewordsFor(bytes: Uint8Array, version: number, level: QrLevel): Uint8Array {
  const capacity = dataCodewords(version, level);
  const out = new Uint8Array(capacity);
  const n = bytes.length;
  let pos: number;
  // Header: 4-bit mode + 8- or 16-bit count, then every byte is shifted by the header's 4-bit misalignment.
  if (byteCountBits(version) === 8) {
    out[0] = 0x40 | (n >> 4);
    pos = 1;
  } else {
    out[0] = 0x40 | (n >> 12);
    out[1] = (n >> 4) & 0xff;
    pos = 2;
  }
  let carry = n & 0x0f;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    out[pos++] = (carry << 4) | (b >> 4);
    carry = b & 0x0f;
  }
  // The last nibble and a 4-bit terminator: byteCapacity() leaves room for this byte.
  out[pos++] = carry << 4;
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
