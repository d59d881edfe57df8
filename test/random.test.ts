import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEntropyCacheEnabled, randomBytes, setEntropyCache, TotpConfigError } from '../src/index.js';
import { entropyCache, reserveCached } from '../src/random.js';

/** Replaces globalThis.crypto for the duration of `body`, restoring it afterwards. */
function withCrypto(replacement: unknown, body: () => void): void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: replacement, configurable: true, writable: true });
  try {
    body();
  } finally {
    if (descriptor) Object.defineProperty(globalThis, 'crypto', descriptor);
  }
}

/** A getRandomValues that counts calls and sizes and fills from the real CSPRNG. */
function countingCrypto() {
  const real = globalThis.crypto;
  const calls: number[] = [];
  return {
    calls,
    crypto: {
      getRandomValues(array: Uint8Array) {
        if (array.byteLength > 65536) throw new Error('QuotaExceededError: more than 65536 bytes');
        calls.push(array.byteLength);
        return real.getRandomValues(array);
      },
    },
  };
}

test('randomBytes returns the requested length, fresh arrays, from the CSPRNG', () => {
  for (const length of [0, 1, 16, 20, 255, 256, 257, 4096, 70000]) {
    assert.equal(randomBytes(length).length, length);
  }
  assert.notDeepEqual(randomBytes(32), randomBytes(32));
});

test('requests above 65,536 bytes are split into several getRandomValues calls', () => {
  const { calls, crypto } = countingCrypto();
  setEntropyCache(false);
  try {
    withCrypto(crypto, () => {
      const bytes = randomBytes(65536 * 2 + 10);
      assert.equal(bytes.length, 131082);
    });
  } finally {
    setEntropyCache(true);
  }
  assert.deepEqual(calls, [65536, 65536, 10]);
});

test('the cache batches small requests into one 4 KiB call; off, every request calls getRandomValues', () => {
  setEntropyCache(false);
  setEntropyCache(true); // starts from an empty cache
  const on = countingCrypto();
  withCrypto(on.crypto, () => {
    for (let i = 0; i < 200; i++) randomBytes(20); // 4,000 bytes: one fill
  });
  assert.deepEqual(on.calls, [4096]);

  setEntropyCache(false);
  assert.equal(isEntropyCacheEnabled(), false);
  const off = countingCrypto();
  try {
    withCrypto(off.crypto, () => {
      for (let i = 0; i < 5; i++) randomBytes(20);
    });
  } finally {
    setEntropyCache(true);
  }
  assert.deepEqual(off.calls, [20, 20, 20, 20, 20]);
  assert.equal(isEntropyCacheEnabled(), true);
});

test('requests above 256 bytes bypass the cache', () => {
  const { calls, crypto } = countingCrypto();
  withCrypto(crypto, () => randomBytes(257));
  assert.deepEqual(calls, [257]);
});

test('a cached byte is never handed out twice, and is wiped from the cache when handed out', () => {
  setEntropyCache(false);
  setEntropyCache(true);
  // A deterministic source makes every byte's origin traceable: byte k of the n-th fill is (n*4096 + k) mod 251.
  let fills = 0;
  const source = {
    getRandomValues(array: Uint8Array) {
      for (let k = 0; k < array.length; k++) array[k] = ((fills * 4096 + k) % 251) + 1; // never 0
      fills++;
      return array;
    },
  };
  withCrypto(source, () => {
    const seen: number[] = [];
    for (let i = 0; i < 500; i++) seen.push(...randomBytes(17)); // crosses two refills
    // Bytes come out in order with no repeat and no gap inside a fill: recompute the expected stream.
    const expected: number[] = [];
    for (let fill = 0, used = 0; expected.length < seen.length; ) {
      if (used + 17 > 4096) {
        fill++;
        used = 0;
      }
      for (let k = 0; k < 17; k++) expected.push(((fill * 4096 + used + k) % 251) + 1);
      used += 17;
    }
    assert.deepEqual(seen, expected);
    // Everything handed out from the current fill is zero in the cache; the rest is not.
    const bytes = entropyCache;
    const offset = reserveCached(0);
    assert.ok(offset > 0);
    assert.ok(
      bytes.subarray(0, offset).every((b) => b === 0),
      'handed-out bytes must be wiped',
    );
    assert.ok(
      bytes.subarray(offset).every((b) => b !== 0),
      'unused bytes are still there',
    );
  });
  setEntropyCache(false);
  assert.equal(reserveCached(20), -1, 'off: nothing is served from the cache');
  assert.ok(
    entropyCache.every((b) => b === 0),
    'turning the cache off wipes it',
  );
  setEntropyCache(true);
});

test('no crypto.getRandomValues: a clear ERR_NO_CSPRNG error, never a fallback', () => {
  setEntropyCache(false); // the cache might still hold bytes; the check must not depend on it
  try {
    for (const replacement of [undefined, null, {}, { getRandomValues: 'nope' }]) {
      withCrypto(replacement, () => {
        assert.throws(
          () => randomBytes(20),
          (e: unknown) =>
            e instanceof TotpConfigError &&
            e.code === 'ERR_NO_CSPRNG' &&
            /getRandomValues is missing, and there is no fallback/.test(e.message),
        );
      });
    }
  } finally {
    setEntropyCache(true);
  }
});

test('argument errors are typed and coded', () => {
  assert.throws(() => randomBytes(-1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => randomBytes(1.5), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => randomBytes(2 ** 30 + 1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => randomBytes('20' as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => setEntropyCache(0 as never), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
});

test('a broken CSPRNG never yields constant secrets: no-op, zero fill, partial fill and throwing are refused', async () => {
  const { generateSecret, generateUserConfiguration } = await import('../src/index.js');
  const real = globalThis.crypto;
  const broken: Array<[string, (array: Uint8Array) => unknown]> = [
    ['a no-op', (array) => array],
    ['a zero fill', (array) => array.fill(0)],
    ['a constant fill', (array) => array.fill(0x41)],
    ['a partial fill (first half only)', (array) => real.getRandomValues(array.subarray(0, array.length >> 1))],
    [
      'a fill of the first 64 bytes only',
      (array) => real.getRandomValues(array.subarray(0, Math.min(64, array.length))),
    ],
  ];
  for (const cache of [true, false]) {
    for (const [what, getRandomValues] of broken) {
      // Without the cache a 20-byte request half filled still has 16 bytes that differ: only a whole constant
      // 16-byte block is a certain sign of a broken source (a working one makes one with probability 2^-120).
      if ((!cache && what.startsWith('a partial')) || (!cache && what.includes('first 64'))) continue;
      setEntropyCache(false); // wipe
      setEntropyCache(cache);
      withCrypto({ getRandomValues }, () => {
        for (const make of [
          () => generateSecret(),
          () => generateUserConfiguration('bob', 'ACME'),
          () => randomBytes(20),
        ]) {
          assert.throws(make, { name: 'TotpConfigError', code: 'ERR_CSPRNG_FAILED' }, `${what}, cache ${cache}`);
        }
      });
    }
  }
  setEntropyCache(false);
  setEntropyCache(true);
  const failure = new Error('NotSupportedError');
  withCrypto(
    {
      getRandomValues: () => {
        throw failure;
      },
    },
    () => {
      assert.throws(
        () => randomBytes(20),
        (error: unknown) => {
          assert.ok(error instanceof TotpConfigError);
          assert.equal(error.code, 'ERR_CSPRNG_FAILED');
          assert.equal(error.cause, failure, 'the original error is the cause');
          return true;
        },
      );
    },
  );
  // After the failures, a working CSPRNG serves again, and nothing handed out before the fault repeats.
  assert.notDeepEqual(randomBytes(20), new Uint8Array(20));
  assert.equal(generateSecret().length, 32);
});

test('withRandomBytes lends bytes without a copy and wipes them afterwards, even when the borrower throws', async () => {
  const { withRandomBytes } = await import('../src/random.js');
  let lent: Uint8Array | undefined;
  let at = -1;
  const copy = withRandomBytes(24, (bytes, offset, size) => {
    lent = bytes;
    at = offset;
    return bytes.slice(offset, offset + size);
  });
  assert.equal(copy.length, 24);
  assert.ok(lent !== undefined && lent.subarray(at, at + 24).every((b) => b === 0), 'wiped after use');
  assert.throws(
    () =>
      withRandomBytes(16, (bytes, offset) => {
        lent = bytes;
        at = offset;
        throw new Error('borrower failed');
      }),
    /borrower failed/,
  );
  assert.ok(
    lent.subarray(at, at + 16).every((b) => b === 0),
    'wiped after a throw',
  );
});

test('drawSymbols is unbiased: χ² over a 10-symbol alphabet (256 % 10 ≠ 0, so rejection sampling is needed)', async () => {
  const { drawSymbols } = await import('../src/random.js');
  const alphabet = '0123456789';
  const text = drawSymbols(alphabet, 200_000);
  assert.equal(text.length, 200_000);
  const counts = new Array(10).fill(0);
  for (let i = 0; i < text.length; i++) counts[alphabet.indexOf(text[i])]++;
  const expected = text.length / 10;
  const chi2 = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
  // 9 degrees of freedom: P(χ² > 27.88) = 0.001. `byte % 10` alone would give symbols 0–5 a 3.1% surplus:
  // χ² ≈ 120 at this size.
  assert.ok(chi2 < 27.88, `χ² = ${chi2.toFixed(2)} (counts ${counts.join(', ')})`);
});
