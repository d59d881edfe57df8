import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base32Decode, DEFAULT_SECRET_SIZE, generateSecret, setEntropyCache } from '../src/index.js';

test('default sizes follow RFC 6238 reference keys: 20, 32, 64 bytes', () => {
  assert.deepEqual(DEFAULT_SECRET_SIZE, { SHA1: 20, SHA256: 32, SHA512: 64 });
  assert.equal(base32Decode(generateSecret()).length, 20);
  assert.equal(generateSecret().length, 32);
  assert.equal(base32Decode(generateSecret({ algorithm: 'SHA1' })).length, 20);
  assert.equal(base32Decode(generateSecret({ algorithm: 'SHA256' })).length, 32);
  assert.equal(base32Decode(generateSecret({ algorithm: 'SHA512' })).length, 64);
  assert.equal(base32Decode(generateSecret({ algorithm: 'SHA512', size: 16 })).length, 16);
});

test('property: every size from 16 to 64 gives that many bytes, canonical unpadded base32, with and without the cache', () => {
  fc.assert(
    fc.property(fc.integer({ min: 16, max: 64 }), fc.boolean(), (size, cache) => {
      setEntropyCache(cache);
      try {
        const secret = generateSecret({ size });
        assert.match(secret, /^[A-Z2-7]+$/);
        assert.equal(secret.length, Math.ceil((size * 8) / 5));
        assert.equal(base32Decode(secret).length, size);
      } finally {
        setEntropyCache(true);
      }
    }),
    { numRuns: 500 },
  );
});

test('sizes outside 16..64 and non-integers are RangeErrors; bad algorithms are refused', () => {
  for (const size of [0, 8, 15, 65, 128, 16.5, NaN, -16]) {
    assert.throws(() => generateSecret({ size }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' }, String(size));
  }
  assert.throws(() => generateSecret({ size: '20' as never }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => generateSecret({ algorithm: 'MD5' as never }), {
    name: 'RangeError',
    code: 'ERR_INVALID_ARG_VALUE',
  });
  assert.throws(() => generateSecret({ algorithm: 'sha1' as never }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => generateSecret(null as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

test('no repeats over 100,000 secrets, and every bit position is used about half the time', () => {
  const seen = new Set<string>();
  const ones = new Uint32Array(160);
  const N = 100_000;
  for (let i = 0; i < N; i++) {
    const secret = generateSecret();
    seen.add(secret);
    const bytes = base32Decode(secret);
    for (let bit = 0; bit < 160; bit++) ones[bit] += (bytes[bit >> 3] >> (7 - (bit & 7))) & 1;
  }
  assert.equal(seen.size, N);
  // Binomial(100000, 0.5): sd ≈ 158; 8 sd either side fails with odds far below 1e-12 per bit.
  for (let bit = 0; bit < 160; bit++) {
    assert.ok(Math.abs(ones[bit] - N / 2) < 1265, `bit ${bit} set ${ones[bit]} times of ${N}`);
  }
  // Character frequencies: each of the 32 characters in the first 31 positions is uniform (bias check).
  const counts = new Map<string, number>();
  for (const secret of [...seen].slice(0, 20000))
    for (const ch of secret.slice(0, 31)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  assert.equal(counts.size, 32);
  const expected = (20000 * 31) / 32;
  for (const [ch, count] of counts)
    assert.ok(Math.abs(count - expected) < 8 * Math.sqrt(expected), `character ${ch}: ${count}`);
});
