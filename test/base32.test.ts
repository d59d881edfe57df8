import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base32Decode, base32Encode, TotpConfigError } from '../src/index.js';
import { slowDecode, slowEncode } from './reference/base32-slow.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const NUM_RUNS = 2000;

// RFC 4648 §10 test vectors: [input, padded base32].
const RFC4648_VECTORS: Array<[string, string]> = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

// Inputs that must be rejected: [text, what the message must mention].
const MUST_REJECT: Array<[string, RegExp]> = [
  ['M', /impossible length.*1 character/],
  ['MZX', /impossible length.*3 characters/],
  ['MZXW6Y', /impossible length.*6 characters/],
  ['MZXW6YTBO', /impossible length.*1 character/],
  ['MZXW6YT1', /outside the base32 alphabet at index 7/],
  ['MZXW6YT0', /outside the base32 alphabet at index 7/],
  ['MZXW6YT8', /outside the base32 alphabet at index 7/],
  ['MZ-W6', /at index 2/],
  ['MZXW6\t', /at index 5/],
  ['MZXW6\u00e9', /at index 5/],
  ['MZXW\u{1F600}', /at index 4/],
  ['MZ=XW6', /padding before the end.*index 2/],
  ['MZXW6==', /wrong padding.*needs 3 '=', found 2/],
  ['MZXW6====', /wrong padding.*needs 3 '=', found 4/],
  ['MZXW6YTB========', /wrong padding/],
  ['=', /wrong padding/],
  ['MY====== MY======', /padding before the end/],
];

test('RFC 4648 §10 vectors: encode with and without padding, decode both forms', () => {
  for (const [input, padded] of RFC4648_VECTORS) {
    const bytes = utf8(input);
    assert.equal(base32Encode(bytes, { padding: true }), padded, `encode(${JSON.stringify(input)})`);
    assert.equal(base32Encode(bytes), padded.replace(/=+$/, ''));
    assert.deepEqual(base32Decode(padded), bytes, `decode(${padded})`);
    assert.deepEqual(base32Decode(padded.replace(/=+$/, '')), bytes);
    assert.deepEqual(base32Decode(padded.toLowerCase()), bytes);
  }
});

test('decode rejects malformed text with a TotpConfigError naming the position', () => {
  for (const [text, message] of MUST_REJECT) {
    assert.throws(
      () => base32Decode(text),
      (e: unknown) => e instanceof TotpConfigError && e.code === 'ERR_INVALID_BASE32' && message.test(e.message),
      `decode(${JSON.stringify(text)})`,
    );
  }
});

test('decode ignores spaces anywhere, as apps show secrets in groups of four', () => {
  assert.deepEqual(base32Decode('MZXW 6YTB OI'), utf8('foobar'));
  assert.deepEqual(base32Decode(' mzxw6ytboi '), utf8('foobar'));
  assert.deepEqual(base32Decode('MZXW6 ==='), utf8('foo'));
  assert.deepEqual(base32Decode('    '), new Uint8Array(0));
});

test('decode ignores non-zero trailing bits (RFC 4648 §3.5), as pyotp 26-character secrets need', () => {
  // 'MZXW6' is canonical for 'foo'; its last character carries 1 unused bit; 'MZXW7' sets it.
  assert.deepEqual(base32Decode('MZXW7'), utf8('foo'));
  assert.equal(base32Encode(base32Decode('MZXW7')), 'MZXW6');
  // A 26-character secret: 130 bits, 16 bytes, 2 stray bits.
  const old = 'JBSWY3DPEHPK3PXPJBSWY3DPEH';
  assert.equal(base32Decode(old).length, 16);
});

test('property: decode(encode(x)) equals x, and matches the bit-by-bit reference', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, padding) => {
      const text = base32Encode(bytes, { padding });
      assert.equal(text, slowEncode(bytes, padding));
      assert.deepEqual(base32Decode(text), bytes);
    }),
    { numRuns: NUM_RUNS },
  );
});

test('property: length formula, ceil(8n/5) unpadded, a multiple of 8 padded', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      assert.equal(base32Encode(bytes).length, Math.ceil((bytes.length * 8) / 5));
      assert.equal(base32Encode(bytes, { padding: true }).length, Math.ceil(bytes.length / 5) * 8);
    }),
    { numRuns: NUM_RUNS },
  );
});

/** Arbitrary text made of alphabet characters in either case, spaces, and a valid length. */
const looseBase32 = fc
  .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefghijklmnopqrstuvwxyz'), { maxLength: 120 })
  .filter((chars) => ![1, 3, 6].includes(chars.length % 8))
  .chain((chars) =>
    fc.array(fc.nat(chars.length), { maxLength: 5 }).map((spaces) => {
      const out = [...chars];
      for (const at of spaces.sort((a, b) => b - a)) out.splice(at, 0, ' ');
      return out.join('');
    }),
  );

test('property: encode(decode(s)) is the canonical form of s (upper case, no spaces, no padding, zero trailing bits)', () => {
  fc.assert(
    fc.property(looseBase32, (text) => {
      const canonical = base32Encode(base32Decode(text));
      assert.match(canonical, /^[A-Z2-7]*$/);
      assert.deepEqual(base32Decode(text), slowDecode(text));
      // Canonical form is a fixed point, and differs from the input only in case, spaces and trailing bits.
      assert.equal(base32Encode(base32Decode(canonical)), canonical);
      const stripped = text.replace(/ /g, '').toUpperCase();
      assert.equal(canonical.length, stripped.length);
      assert.equal(canonical.slice(0, -1), stripped.slice(0, -1));
    }),
    { numRuns: NUM_RUNS },
  );
});

test('property: every character outside the alphabet, space and padding is rejected wherever it stands', () => {
  const allowed = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefghijklmnopqrstuvwxyz =');
  // Every code unit of the BMP, not only a sample: 65,536 checks.
  let rejected = 0;
  for (let code = 0; code <= 0xffff; code++) {
    const ch = String.fromCharCode(code);
    if (allowed.has(ch)) continue;
    assert.throws(
      () => base32Decode('MZXW6YT' + ch),
      (e: unknown) => e instanceof TotpConfigError && /index 7/.test(e.message),
    );
    rejected++;
  }
  assert.equal(rejected, 65536 - 32 - 26 - 2);
  fc.assert(
    fc.property(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => ![...c].every((u) => allowed.has(u))),
      fc.nat(40),
      (ch, at) => {
        const text = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DP';
        const position = Math.min(at, text.length);
        assert.throws(() => base32Decode(text.slice(0, position) + ch + text.slice(position)), TotpConfigError);
      },
    ),
    { numRuns: NUM_RUNS },
  );
});

test('large inputs: 1 MiB round trip through the buffered paths, with spaces in the middle', () => {
  const big = new Uint8Array(1 << 20);
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
  const text = base32Encode(big);
  assert.equal(text.length, Math.ceil((big.length * 8) / 5));
  assert.equal(text.slice(0, 4000), slowEncode(big.subarray(0, 2500)));
  assert.deepEqual(base32Decode(text), big);
  const spaced = text.slice(0, 800000) + ' ' + text.slice(800000);
  assert.deepEqual(base32Decode(spaced), big);
  assert.deepEqual(base32Decode(text.toLowerCase()), big);
  // A non-ASCII character far into a large text: its index must be the character index, not a byte index;
  // 65,535 and 131,071 are the last characters of the decoder's 64 KiB chunks, where a 2–4 byte character
  // does not fit and the copy stops short.
  for (const [bad, at] of [
    ['é', 500003],
    ['日', 500003],
    ['😀', 500003],
    ['1', 500003],
    ['é', 65535],
    ['日', 131071],
    ['😀', 65534],
    ['\u00ff', 65535],
  ] as const) {
    assert.throws(() => base32Decode(text.slice(0, at) + bad + text.slice(at + 1)), {
      code: 'ERR_INVALID_BASE32',
      message: new RegExp(`at index ${at}$`),
    });
  }
});

test('large inputs at any byte offset and length encode like the reference (32-bit paths need alignment)', () => {
  const backing = new Uint8Array(5000);
  for (let i = 0; i < backing.length; i++) backing[i] = (i * 7919) & 255;
  for (const [start, end] of [
    [0, 4000],
    [1, 4001],
    [2, 3999],
    [3, 4980],
    [5, 100],
    [7, 4099],
  ]) {
    const view = backing.subarray(start, end);
    assert.equal(base32Encode(view), slowEncode(view), `[${start}, ${end})`);
    assert.equal(base32Encode(view, { padding: true }), slowEncode(view, true));
    assert.deepEqual(base32Decode(base32Encode(view)), view);
  }
});

test('encode accepts a Buffer and a subarray view, reading only the view', () => {
  const backing = utf8('xxfoobarxx');
  assert.equal(base32Encode(backing.subarray(2, 8)), 'MZXW6YTBOI');
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
});

test('argument errors are typed and coded', () => {
  assert.throws(() => base32Encode('foo' as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => base32Encode(new Uint8Array(1), { padding: 'yes' as never }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: /"options.padding" must be a boolean/,
  });
  assert.throws(() => base32Encode(new Uint8Array(1), 5 as never), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => base32Decode(42 as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});
