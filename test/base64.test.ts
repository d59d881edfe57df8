// Standard base64 (RFC 4648 §4), src/internal/base64.ts, against two implementations nobody here wrote: Node's
// Buffer and the WHATWG forgiving-base64 decoder behind atob (https://infra.spec.whatwg.org/#forgiving-base64).
// It backs qrDataUrl and the migration payloads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base64Decode, base64Encode } from '../src/internal/base64.js';

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const fcParams = { seed: SEED, numRuns: 300 };
const withSeed = `fast-check seed ${SEED} (re-run with FC_SEED=${SEED})`;
const ascii = (s: string) => new TextEncoder().encode(s);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** atob's result as bytes, or undefined where it throws (forgiving-base64 decode failed). */
function viaAtob(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

// RFC 4648 §10.
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];

describe('base64 (RFC 4648 §4)', () => {
  for (const [text, encoded] of VECTORS) {
    it(`RFC 4648 §10: ${JSON.stringify(text)} <-> ${JSON.stringify(encoded)}`, () => {
      assert.equal(base64Encode(ascii(text)), encoded);
      assert.deepEqual(base64Decode(encoded), ascii(text));
      assert.deepEqual(base64Decode(encoded.replace(/=+$/, '')), ascii(text), 'padding may be left out');
    });
  }

  it('encodes exactly as Buffer does, at every length (chunk boundaries included)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(base64Encode(bytes), Buffer.from(bytes).toString('base64'), withSeed);
      }),
      fcParams,
    );
    // The encoder flushes its chunk every 4,096 characters: lengths around 3 KiB, and a large input.
    for (const n of [3069, 3070, 3071, 3072, 3073, 3074, 3075, 6144, 6145, 100_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + (i >> 8)) & 0xff);
      assert.equal(base64Encode(bytes), Buffer.from(bytes).toString('base64'), `${n} bytes`);
    }
  });

  it('decodes what Buffer and btoa encode, padded or not, back to the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const padded = Buffer.from(bytes).toString('base64');
        assert.equal(btoa(String.fromCharCode(...bytes)), padded);
        assert.deepEqual(base64Decode(padded), bytes, withSeed);
        assert.deepEqual(base64Decode(padded.replace(/=+$/, '')), bytes, withSeed);
      }),
      fcParams,
    );
  });

  it('accepts exactly what atob accepts, white space aside, with the same bytes', () => {
    // Strings near valid base64: alphabet characters, '=' anywhere, and now and then a character outside it.
    const near = fc
      .array(
        fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(...ALPHABET) },
          fc.constantFrom('=', '=', '-', '_', '.', 'é', '\0'),
        ),
        {
          maxLength: 24,
        },
      )
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(near, (text) => {
        const ours = base64Decode(text);
        const theirs = viaAtob(text);
        assert.equal(ours === undefined, theirs === undefined, `${JSON.stringify(text)}: ${withSeed}`);
        if (ours !== undefined) assert.deepEqual(ours, theirs, `${JSON.stringify(text)}: ${withSeed}`);
      }),
      { ...fcParams, numRuns: 2000 },
    );
  });

  it('refuses what it must, returning undefined rather than throwing', () => {
    for (const bad of [
      '=',
      'Z',
      'Zg=',
      'Zg===',
      'Z===',
      '====',
      'Zm9v=',
      'Zm=9v',
      'Zm9v\n',
      ' Zm9v',
      'Zm-v',
      'Zm_v',
      'Zm9\u00e9',
    ]) {
      assert.equal(base64Decode(bad), undefined, JSON.stringify(bad));
    }
  });
});
