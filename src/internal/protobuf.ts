/**
 * The Protocol Buffers wire format, the part that Google Authenticator's `otpauth-migration` payloads use:
 * varints (a negative int32 takes 10 bytes, sign-extended to 64 bits), length-delimited fields (bytes, strings,
 * embedded messages), and skipping every field a reader does not know (fixed 32- and 64-bit ones included).
 * Hand-written and small, so that the migration entry has no dependency.
 *
 * Numbers stay exact without BigInt: a varint is read as its low and high 32 bits, and a caller asks for the
 * int32 (`low | 0`, as protobuf truncates) or for an integer below 2^53.
 *
 * @see https://protobuf.dev/programming-guides/encoding/
 * @module
 */
import { TotpConfigError } from '../errors.js';

/** Wire types (encoding guide, "Message Structure"); groups (3, 4) are deprecated and refused. */
export const VARINT = 0;
const I64 = 1;
export const LEN = 2;
const I32 = 5;

const TWO_32 = 4294967296;
/** Made on the first string field: an encoder at load time would cost every importer of the module. */
let utf8Encoder: TextEncoder | undefined;

/**
 * Builds a message. Its buffer grows by doubling; every outgrown buffer, and the last one, is wiped, because
 * migration payloads carry secrets.
 *
 * @example
 * ```ts
 * const w = new ProtoWriter();
 * w.varintField(2, 1).bytesField(1, Uint8Array.of(0xff)).finish(); // => Uint8Array [16, 1, 10, 1, 255]
 * ```
 */
export class ProtoWriter {
  private buffer = new Uint8Array(128);
  private length = 0;

  /**
   * Appends a varint: an integer from −2^31 (a negative int32 is sign-extended to 64 bits, so it takes 10 bytes,
   * as protobuf writes it) to 2^53 − 1.
   */
  varint(value: number): this {
    let low = value >>> 0;
    let high = value < 0 ? 0xffffffff : Math.floor(value / TWO_32);
    while (high !== 0 || low > 0x7f) {
      this.byte((low & 0x7f) | 0x80);
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    return this.byte(low);
  }

  /** Appends a field's key: its number and wire type. */
  key(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  /** Appends a varint field (int32, int64, enum). The caller leaves out a zero where proto3 would. */
  varintField(field: number, value: number): this {
    return this.key(field, VARINT).varint(value);
  }

  /** Appends a length-delimited field: bytes, or an embedded message. */
  bytesField(field: number, bytes: Uint8Array): this {
    this.key(field, LEN).varint(bytes.length);
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** Appends a string field, as UTF-8. */
  stringField(field: number, text: string): this {
    return this.bytesField(field, (utf8Encoder ??= new TextEncoder()).encode(text));
  }

  /** The message, in a buffer of its own size; the working buffer is wiped. */
  finish(): Uint8Array {
    const message = this.buffer.slice(0, this.length);
    this.buffer.fill(0);
    this.length = 0;
    return message;
  }

  private byte(value: number): this {
    this.reserve(1);
    this.buffer[this.length++] = value;
    return this;
  }

  private reserve(size: number): void {
    if (this.length + size <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + size));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer.fill(0);
    this.buffer = grown;
  }
}

/** One field as read: its number, wire type and value. */
export interface ProtoField {
  field: number;
  wire: number;
  /** A varint's low 32 bits (unsigned); 0 for other wire types. */
  low: number;
  /** A varint's high 32 bits (unsigned); 0 for other wire types. */
  high: number;
  /** A length-delimited field's bytes: a view into the message, not a copy. */
  bytes: Uint8Array | undefined;
}

/**
 * Reads every field of a message, in order. Fixed 32- and 64-bit fields are skipped over (no field of the
 * migration payload has them), other fields are returned for the caller to pick or ignore.
 *
 * @throws {TotpConfigError} `ERR_MIGRATION_MALFORMED` for a truncated field, a varint over 10 bytes (or 64 bits),
 *   field number 0, or a group or unknown wire type.
 * @example
 * ```ts
 * const [version, secret] = readFields(Uint8Array.of(16, 1, 10, 1, 255));
 * [version.field, version.wire, version.low]; // => [2, 0, 1]
 * secret.bytes; // => Uint8Array [255]
 * ```
 */
export function readFields(message: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  const at = { offset: 0 };
  while (at.offset < message.length) {
    const start = at.offset;
    const key = readVarint(message, at);
    const field = key.high * 0x20000000 + (key.low >>> 3);
    const wire = key.low & 7;
    if (field === 0) throw malformed('field number 0', start);
    if (wire === VARINT) {
      const { low, high } = readVarint(message, at);
      fields.push({ field, wire, low, high, bytes: undefined });
    } else if (wire === LEN) {
      const length = readVarint(message, at);
      const end = at.offset + length.low;
      if (length.high !== 0 || end > message.length) throw malformed('a length past the end', start);
      fields.push({ field, wire, low: 0, high: 0, bytes: message.subarray(at.offset, end) });
      at.offset = end;
    } else if (wire === I64 || wire === I32) {
      at.offset += wire === I64 ? 8 : 4;
      if (at.offset > message.length) throw malformed('a truncated fixed-size field', start);
    } else {
      throw malformed(`wire type ${wire}`, start);
    }
  }
  return fields;
}

/** Reads a varint at `at.offset` (and moves past it) as its low and high 32 bits. */
function readVarint(message: Uint8Array, at: { offset: number }): { low: number; high: number } {
  let low = 0;
  let high = 0;
  for (let i = 0; i < 10; i++) {
    if (at.offset >= message.length) throw malformed('a truncated varint', at.offset);
    const byte = message[at.offset++];
    const bits = byte & 0x7f;
    // Bits 0–27 from bytes 0–3, 28–31 and 32–34 from byte 4, then 7 more per byte; byte 9 holds only bit 63.
    if (i < 4) low |= bits << (7 * i);
    else if (i === 4) {
      low |= bits << 28;
      high = bits >>> 4;
    } else high |= bits << (7 * i - 32);
    if (byte < 0x80) {
      if (i === 9 && bits > 1) break;
      return { low: low >>> 0, high: high >>> 0 };
    }
  }
  throw malformed('a varint over 64 bits', at.offset);
}

/** A varint field's value as an int32: its low 32 bits, signed (protobuf truncates a longer one). */
export function int32(field: ProtoField): number {
  return field.low | 0;
}

/** A varint field's value if it is below 2^53 (exact as a number), else `undefined`. */
export function uint53(field: ProtoField): number | undefined {
  return field.high < 0x200000 ? field.high * TWO_32 + field.low : undefined;
}

function malformed(what: string, offset: number): TotpConfigError {
  return new TotpConfigError('ERR_MIGRATION_MALFORMED', `Malformed migration payload: ${what} at byte ${offset}`);
}
