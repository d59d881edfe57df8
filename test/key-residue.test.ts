// Issue 10, item 2: after every public call that touches a key, no module-level scratch buffer holds a word
// derived from it. The SHA-2 message schedule is the dangerous one: after HMAC key preparation it held the
// expansion of K xor opad (w[16..63], w[32..159] for SHA-512), from which K can be recovered exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateHotp, generateTotp, hmac, prepareHmac, verifyHotp, verifyTotp } from '../src/index.js';
import { hashEngine } from '../src/internal/hash.js';
import { OTP_SCRATCH } from '../src/otp.js';
import { ALGORITHMS, type Algorithm } from '../src/params.js';

const KEY = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff);
const LONG_KEY = Uint8Array.from({ length: 300 }, (_, i) => (i * 13 + 5) & 0xff); // longer than every block
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DP';

/** Every module-level buffer that key material passes through. */
function scratch(algorithm: Algorithm): Array<[string, Int32Array | Uint8Array]> {
  const engine = hashEngine(algorithm);
  return [
    [`${algorithm} schedule`, engine.schedule],
    [`${algorithm} tail`, engine.tail],
    ...OTP_SCRATCH.map((buffer, i): [string, Int32Array | Uint8Array] => [`otp scratch #${i}`, buffer]),
  ];
}

function assertWiped(what: string, algorithm: Algorithm): void {
  for (const [name, buffer] of scratch(algorithm)) {
    const dirty = buffer.findIndex((word) => word !== 0);
    assert.equal(dirty, -1, `after ${what}: ${name} still holds a non-zero word at index ${dirty}`);
  }
}

const CALLS: Array<[string, (algorithm: Algorithm) => unknown]> = [
  ['prepareHmac', (a) => prepareHmac(a, KEY)],
  ['prepareHmac with a long key', (a) => prepareHmac(a, LONG_KEY)],
  ['prepareHmac().mac', (a) => prepareHmac(a, KEY).mac(KEY)],
  ['prepareHmac().macCounter', (a) => prepareHmac(a, KEY).macCounter(7)],
  ['hmac', (a) => hmac(a, KEY, KEY)],
  ['hmac with a long key', (a) => hmac(a, LONG_KEY, LONG_KEY)],
  ['generateHotp', (a) => generateHotp(SECRET, 5, { algorithm: a })],
  ['generateTotp', (a) => generateTotp(KEY, { algorithm: a, time: 1e12 })],
  [
    'verifyTotp with a valid token',
    (a) => verifyTotp(generateTotp(SECRET, { algorithm: a, time: 1e12 }), SECRET, { algorithm: a, time: 1e12 }),
  ],
  ['verifyTotp with a malformed token', (a) => verifyTotp('12x', SECRET, { algorithm: a, time: 1e12 })],
  [
    'verifyTotp with a wrong token and drift',
    (a) => verifyTotp('000000', SECRET, { algorithm: a, time: 1e12, drift: 5 }),
  ],
  ['verifyHotp with a malformed token', (a) => verifyHotp('', SECRET, { algorithm: a, counter: 3 })],
  ['verifyHotp with a wrong token', (a) => verifyHotp('000000', LONG_KEY, { algorithm: a, counter: 3, window: 5 })],
  ['generateTotp with bad base32 (throws half-way)', (a) => generateTotp(SECRET + '!', { algorithm: a })],
];

for (const [what, call] of CALLS) {
  test(`no key-derived word stays in any scratch buffer after ${what}`, () => {
    for (const algorithm of ALGORITHMS) {
      try {
        call(algorithm);
      } catch {
        // a throwing call must wipe too
      }
      assertWiped(`${what} (${algorithm})`, algorithm);
    }
  });
}
