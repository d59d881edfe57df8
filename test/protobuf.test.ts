// The hand-written protobuf wire codec (src/internal/protobuf.ts): vectors from the encoding guide, the 10-byte
// negative int32, refusals of malformed input, and properties against a deliberately simple BigInt reference.
// (test/migration-interop.test.ts checks whole payloads against protoc and python3-protobuf.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { int32, LEN, ProtoWriter, readFields, uint53, VARINT } from '../src/internal/protobuf.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The reference varint: 7 bits at a time of the 64-bit two's complement, with BigInt. Do not improve. */
function referenceVarint(value: number): string {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return hex(Uint8Array.from(out));
}

// [value, varint as hex]: the encoding guide's 1 and 150, the edges of each byte count, and negative int32s,
// which are sign-extended to 64 bits (10 bytes).
const VARINTS: [number, string][] = [
  [0, '00'],
  [1, '01'],
  [127, '7f'],
  [128, '8001'],
  [150, '9601'],
  [300, 'ac02'],
  [16383, 'ff7f'],
  [16384, '808001'],
  [2 ** 31 - 1, 'ffffffff07'],
  [2 ** 32, '8080808010'],
  [2 ** 53 - 1, 'ffffffffffffff0f'],
  [-1, 'ffffffffffffffffff01'],
  [-2, 'feffffffffffffffff01'],
  [-(2 ** 31), '80808080f8ffffffff01'],
];

describe('protobuf varints', () => {
  for (const [value, expected] of VARINTS) {
    it(`${value} ↔ ${expected}`, () => {
      assert.equal(hex(new ProtoWriter().varint(value).finish()), expected);
      assert.equal(referenceVarint(value), expected);
      const [field] = readFields(Buffer.from('08' + expected, 'hex'));
      assert.equal(field.field, 1);
      assert.equal(field.wire, VARINT);
      if (value < 0) assert.equal(int32(field), value);
      else assert.equal(uint53(field), value);
    });
  }
  it('the int32 of a longer varint is its low 32 bits, signed (protobuf truncates)', () => {
    const [field] = readFields(Buffer.from('08' + 'ffffffff0f', 'hex')); // 2^32 - 1
    assert.equal(int32(field), -1);
    assert.equal(uint53(readFields(Buffer.from('08' + 'ffffffffffffffff7f', 'hex'))[0]), undefined); // 2^63 - 1
    assert.equal(uint53(readFields(Buffer.from('08' + 'ffffffffffffff0f', 'hex'))[0]), 2 ** 53 - 1);
    assert.equal(uint53(readFields(Buffer.from('08' + '8080808080808010', 'hex'))[0]), undefined); // 2^53
  });
  it('round-trips every integer from -2^31 to 2^53 - 1, as the reference writes it (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -(2 ** 31), max: -1 }), fc.maxSafeNat(), fc.integer({ min: 0, max: 1000 })),
        (value) => {
          const bytes = new ProtoWriter().varintField(5, value).finish();
          assert.equal(hex(bytes.subarray(1)), referenceVarint(value));
          const [field] = readFields(bytes);
          assert.equal(value < 0 ? int32(field) : uint53(field), value);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('protobuf fields', () => {
  it('the encoding guide\'s examples: field 1 = 150, field 2 = "testing"', () => {
    assert.equal(hex(new ProtoWriter().varintField(1, 150).finish()), '089601');
    assert.equal(hex(new ProtoWriter().stringField(2, 'testing').finish()), '120774657374696e67');
  });
  it('reads varint and length-delimited fields, and skips fixed 64- and 32-bit ones', () => {
    const message = Buffer.from('0801' + '110102030405060708' + '1a026869' + '2d01020304' + 'f8ffffff0f07', 'hex');
    const fields = readFields(message);
    assert.deepEqual(
      fields.map((f) => [f.field, f.wire, f.low, f.bytes === undefined ? null : hex(f.bytes)]),
      [
        [1, VARINT, 1, null],
        [3, LEN, 0, '6869'],
        [536870911, VARINT, 7, null],
      ],
    );
  });
  it('embedded messages, strings as UTF-8, and byte fields of every size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 2 ** 29 - 1 }), fc.uint8Array({ maxLength: 300 })), {
          maxLength: 20,
        }),
        (entries) => {
          const w = new ProtoWriter();
          for (const [field, bytes] of entries) w.bytesField(field, bytes);
          const fields = readFields(w.finish());
          assert.deepEqual(
            fields.map((f) => [f.field, f.wire, hex(f.bytes!)]),
            entries.map(([field, b]) => [field, LEN, hex(b)]),
          );
        },
      ),
      { numRuns: 300 },
    );
    const inner = new ProtoWriter().stringField(2, 'é🔑').finish();
    const [outer] = readFields(new ProtoWriter().bytesField(1, inner).finish());
    assert.equal(new TextDecoder().decode(readFields(outer.bytes!)[0].bytes), 'é🔑');
  });
  it('the writer wipes its working buffer: finish() returns a copy and leaves zeros behind', () => {
    const w = new ProtoWriter();
    w.bytesField(1, new Uint8Array(1000).fill(0xaa)); // grows past the first buffer
    const internal = (w as unknown as { buffer: Uint8Array }).buffer;
    const message = w.finish();
    assert.equal(message.length, 1003);
    assert.ok(internal.every((b) => b === 0));
  });
});

describe('protobuf: malformed input is refused with ERR_MIGRATION_MALFORMED', () => {
  const MALFORMED: [string, string, RegExp][] = [
    ['a truncated varint', '0880', /truncated varint/],
    ['a truncated key', '80', /truncated varint/],
    ['a varint of 11 bytes', '08' + 'ff'.repeat(10) + '01', /over 64 bits/],
    ['a 10th varint byte above 1', '08' + 'ff'.repeat(9) + '02', /over 64 bits/],
    ['field number 0', '0001', /field number 0/],
    ['a start-group wire type (3)', '0b', /wire type 3/],
    ['an end-group wire type (4)', '0c', /wire type 4/],
    ['wire type 6', '0e', /wire type 6/],
    ['a length past the end', '0a05010203', /length past the end/],
    ['a huge length', '0affffffff0f', /length past the end/],
    ['a truncated fixed64', '09010203', /truncated fixed-size/],
    ['a truncated fixed32', '0d01', /truncated fixed-size/],
  ];
  for (const [name, message, why] of MALFORMED) {
    it(name, () => {
      assert.throws(() => readFields(Buffer.from(message, 'hex')), {
        name: 'TotpConfigError',
        code: 'ERR_MIGRATION_MALFORMED',
        message: why,
      });
    });
  }
  it('never throws anything else on random bytes (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          readFields(bytes);
        } catch (error) {
          assert.equal((error as { code?: string }).code, 'ERR_MIGRATION_MALFORMED');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
