import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hmac, prepareHmac, type HmacAlgorithm } from '../src/hmac.js';
import { digest } from '../src/internal/hash.js';
import { fractionalRoots } from '../src/internal/sha2.js';

const ALGS: HmacAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const fill = (byte: number, n: number): Uint8Array => new Uint8Array(n).fill(byte);
const nodeName = (a: HmacAlgorithm): string => a.toLowerCase();

// FIPS 180-4 examples (NIST "Examples with Intermediate Values"), plus the empty message.
const HASH_VECTORS: [HmacAlgorithm, string, string][] = [
  ['SHA1', '', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ['SHA1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['SHA1', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
  ['SHA256', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['SHA256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'SHA256',
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    'SHA512',
    '',
    'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
  ],
  [
    'SHA512',
    'abc',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  ],
  [
    'SHA512',
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
  ],
];

const KEY_0102_19 = bytes('0102030405060708090a0b0c0d0e0f10111213141516171819');
const LONG_DATA =
  'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.';

// RFC 2202 §3 (HMAC-SHA1) and RFC 4231 §4 (HMAC-SHA256/512): [algorithm, key, data, expected (maybe truncated)].
const HMAC_VECTORS: [string, HmacAlgorithm, Uint8Array, Uint8Array, string][] = [
  ['RFC 2202 #1', 'SHA1', fill(0x0b, 20), text('Hi There'), 'b617318655057264e28bc0b6fb378c8ef146be00'],
  [
    'RFC 2202 #2',
    'SHA1',
    text('Jefe'),
    text('what do ya want for nothing?'),
    'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  ],
  ['RFC 2202 #3', 'SHA1', fill(0xaa, 20), fill(0xdd, 50), '125d7342b9ac11cd91a39af48aa17b4f63f175d3'],
  ['RFC 2202 #4', 'SHA1', KEY_0102_19, fill(0xcd, 50), '4c9007f4026250c6bc8414f9bf50c86c2d7235da'],
  ['RFC 2202 #5', 'SHA1', fill(0x0c, 20), text('Test With Truncation'), '4c1a03424b55e07fe7f27be1'],
  [
    'RFC 2202 #6',
    'SHA1',
    fill(0xaa, 80),
    text('Test Using Larger Than Block-Size Key - Hash Key First'),
    'aa4ae5e15272d00e95705637ce8a3b55ed402112',
  ],
  [
    'RFC 2202 #7',
    'SHA1',
    fill(0xaa, 80),
    text('Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data'),
    'e8e99d0f45237d786d6bbaa7965c7808bbff1a91',
  ],
  [
    'RFC 4231 #1',
    'SHA256',
    fill(0x0b, 20),
    text('Hi There'),
    'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  ],
  [
    'RFC 4231 #1',
    'SHA512',
    fill(0x0b, 20),
    text('Hi There'),
    '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
  ],
  [
    'RFC 4231 #2',
    'SHA256',
    text('Jefe'),
    text('what do ya want for nothing?'),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  ],
  [
    'RFC 4231 #2',
    'SHA512',
    text('Jefe'),
    text('what do ya want for nothing?'),
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
  ],
  [
    'RFC 4231 #3',
    'SHA256',
    fill(0xaa, 20),
    fill(0xdd, 50),
    '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  ],
  [
    'RFC 4231 #3',
    'SHA512',
    fill(0xaa, 20),
    fill(0xdd, 50),
    'fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb',
  ],
  [
    'RFC 4231 #4',
    'SHA256',
    KEY_0102_19,
    fill(0xcd, 50),
    '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  ],
  [
    'RFC 4231 #4',
    'SHA512',
    KEY_0102_19,
    fill(0xcd, 50),
    'b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd',
  ],
  ['RFC 4231 #5', 'SHA256', fill(0x0c, 20), text('Test With Truncation'), 'a3b6167473100ee06e0c796c2955552b'],
  ['RFC 4231 #5', 'SHA512', fill(0x0c, 20), text('Test With Truncation'), '415fad6271580a531d4179bc891d87a6'],
  [
    'RFC 4231 #6',
    'SHA256',
    fill(0xaa, 131),
    text('Test Using Larger Than Block-Size Key - Hash Key First'),
    '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  ],
  [
    'RFC 4231 #6',
    'SHA512',
    fill(0xaa, 131),
    text('Test Using Larger Than Block-Size Key - Hash Key First'),
    '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
  ],
  [
    'RFC 4231 #7',
    'SHA256',
    fill(0xaa, 131),
    text(LONG_DATA),
    '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  ],
  [
    'RFC 4231 #7',
    'SHA512',
    fill(0xaa, 131),
    text(LONG_DATA),
    'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58',
  ],
];

/** The 8-byte big-endian counter message of RFC 4226 §5.2, built the slow obvious way. */
function counterBytes(counter: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(counter));
  return out;
}

describe('digest (FIPS 180-4)', () => {
  it('computed SHA-2 constants equal FIPS 180-4 §4.2.3 and §5.3.5 (first and last of each table)', () => {
    const pairs = (a: Int32Array): string[] =>
      Array.from({ length: a.length / 2 }, (_, i) =>
        [a[2 * i], a[2 * i + 1]].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join(''),
      );
    const k = pairs(fractionalRoots(80, 3));
    const iv = pairs(fractionalRoots(8, 2));
    assert.deepEqual(
      [k[0], k[1], k[18], k[63], k[79]],
      ['428a2f98d728ae22', '7137449123ef65cd', '0fc19dc68b8cd5b5', 'c67178f2e372532b', '6c44198c4a475817'],
    );
    assert.deepEqual([iv[0], iv[7]], ['6a09e667f3bcc908', '5be0cd19137e2179']);
  });
  for (const [alg, msg, expected] of HASH_VECTORS) {
    it(`${alg}(${JSON.stringify(msg.length > 8 ? msg.slice(0, 8) + '…' : msg)})`, () => {
      assert.equal(hex(digest(alg, text(msg))), expected);
    });
  }
  it('matches node:crypto at every length around the padding boundaries (0–300 bytes)', () => {
    for (const alg of ALGS) {
      for (let n = 0; n <= 300; n++) {
        const m = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
        assert.equal(hex(digest(alg, m)), createHash(nodeName(alg)).update(m).digest('hex'), `${alg} length ${n}`);
      }
    }
  });
});

describe('hmac (RFC 2104) vectors', () => {
  for (const [name, alg, key, data, expected] of HMAC_VECTORS) {
    it(`${name} HMAC-${alg}`, () => {
      assert.equal(hex(hmac(alg, key, data)).slice(0, expected.length), expected);
      assert.equal(hex(prepareHmac(alg, key).mac(data)).slice(0, expected.length), expected);
      // The vectors themselves are checked against node:crypto, so a typo in the table cannot hide.
      assert.equal(createHmac(nodeName(alg), key).update(data).digest('hex').slice(0, expected.length), expected);
    });
  }
  it('RFC 4226 Appendix D: HMAC-SHA1 of the counters 0–9', () => {
    const expected = [
      'cc93cf18508d94934c64b65d8ba7667fb7cde4b0',
      '75a48a19d4cbe100644e8ac1397eea747a2d33ab',
      '0bacb7fa082fef30782211938bc1c5e70416ff44',
      '66c28227d03a2d5529262ff016a1e6ef76557ece',
      'a904c900a64b35909874b33e61c5938a8e15ed1c',
      'a37e783d7b7233c083d4f62926c7a25f238d0316',
      'bc9cd28561042c83f219324d3c607256c03272ae',
      'a4fb960c0bc06e1eabb804e5b397cdc4b45596fa',
      '1b3c89f65e6c9e883012052823443f048b4332db',
      '1637409809a679dc698207310c8c7fc07290d9e5',
    ];
    const mac = prepareHmac('SHA1', text('12345678901234567890'));
    expected.forEach((h, c) => {
      assert.equal(hex(mac.macCounter(c)), h, `counter ${c}`);
      assert.equal(hex(mac.mac(counterBytes(c))), h, `counter ${c} as bytes`);
    });
  });
});

describe('hmac against node:crypto (fast-check)', () => {
  const key = fc.uint8Array({ minLength: 0, maxLength: 300 });
  const message = fc.uint8Array({ minLength: 0, maxLength: 1000 });
  for (const alg of ALGS) {
    it(`HMAC-${alg}: random keys 0–300 B and messages 0–1000 B`, () => {
      fc.assert(
        fc.property(key, message, (k, m) => {
          const expected = createHmac(nodeName(alg), k).update(m).digest('hex');
          assert.equal(hex(hmac(alg, k, m)), expected);
        }),
        { numRuns: 300 },
      );
    });
    it(`HMAC-${alg}: a prepared key gives the same MACs, message after message, and counters`, () => {
      fc.assert(
        fc.property(
          key,
          fc.array(message, { maxLength: 4 }),
          fc.array(fc.maxSafeNat(), { maxLength: 4 }),
          (k, ms, cs) => {
            const prepared = prepareHmac(alg, k);
            assert.equal(prepared.algorithm, alg);
            assert.equal(prepared.outputLength, createHmac(nodeName(alg), k).digest().length);
            for (const m of ms)
              assert.equal(hex(prepared.mac(m)), createHmac(nodeName(alg), k).update(m).digest('hex'));
            for (const c of cs) {
              assert.equal(
                hex(prepared.macCounter(c)),
                createHmac(nodeName(alg), k).update(counterBytes(c)).digest('hex'),
              );
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  }
  it('interleaving prepared keys of different algorithms does not mix their state', () => {
    const a = prepareHmac('SHA1', text('key a'));
    const b = prepareHmac('SHA512', text('key b'));
    const before = hex(a.macCounter(7));
    hmac('SHA1', text('other'), text('message'));
    b.macCounter(7);
    assert.equal(hex(a.macCounter(7)), before);
    assert.equal(hex(b.mac(text('x'))), createHmac('sha512', 'key b').update('x').digest('hex'));
  });
  it('does not modify its inputs', () => {
    const k = fill(0xaa, 131);
    const m = text(LONG_DATA);
    hmac('SHA256', k, m);
    assert.deepEqual(k, fill(0xaa, 131));
    assert.deepEqual(m, text(LONG_DATA));
  });
  it('accepts a Node Buffer and a subarray view (byteOffset ≠ 0)', () => {
    const big = new Uint8Array(100).map((_, i) => i);
    const k = big.subarray(13, 37);
    const m = big.subarray(50, 99);
    assert.equal(hex(hmac('SHA1', k, m)), createHmac('sha1', k).update(m).digest('hex'));
    assert.equal(
      hex(hmac('SHA1', Buffer.from('k'), Buffer.from('m'))),
      createHmac('sha1', 'k').update('m').digest('hex'),
    );
  });
});

describe('hmac argument checks', () => {
  const k = text('key');
  const bad: unknown[] = [undefined, null, 'key', 42, {}, [1, 2], new ArrayBuffer(4), new Uint16Array(2)];
  it('rejects an unknown or lower-case algorithm with ERR_INVALID_ARG_VALUE', () => {
    for (const alg of ['sha1', 'SHA-1', 'MD5', 'SHA384', '']) {
      assert.throws(() => hmac(alg as HmacAlgorithm, k, k), { name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE' });
      assert.throws(() => prepareHmac(alg as HmacAlgorithm, k), { name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE' });
    }
    assert.throws(() => hmac(1 as unknown as HmacAlgorithm, k, k), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  });
  it('rejects a key or message that is not a Uint8Array with ERR_INVALID_ARG_TYPE', () => {
    for (const v of bad) {
      const u = v as Uint8Array;
      assert.throws(() => hmac('SHA1', u, k), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: /"key"/ });
      assert.throws(() => hmac('SHA1', k, u), {
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_TYPE',
        message: /"message"/,
      });
      assert.throws(() => prepareHmac('SHA1', u), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
      assert.throws(() => prepareHmac('SHA1', k).mac(u), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    }
  });
  it('macCounter rejects non-integers, negatives and unsafe integers', () => {
    const p = prepareHmac('SHA1', k);
    for (const c of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
      assert.throws(() => p.macCounter(c), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
    }
    for (const c of ['1', 1n, null]) {
      assert.throws(() => p.macCounter(c as unknown as number), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    }
    assert.equal(
      hex(p.macCounter(2 ** 53 - 1)),
      createHmac('sha1', k)
        .update(counterBytes(2 ** 53 - 1))
        .digest('hex'),
    );
  });
});
