import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as lib from '../src/index.js';
import { formatOtpauthUri, MAX_ACCOUNT_BYTES, MAX_ISSUER_BYTES, TotpConfigError } from '../src/index.js';
import type { Digits, OtpauthUriOptions } from '../src/index.js';
import { assertLabel, encodeLabel } from '../src/internal/label.js';
import { isValidLabel } from './helpers/labels.js';

const percentEncode = (value: string) => encodeLabel(value, 'x', 1000);

const SECRET = 'JBSWY3DPEHPK3PXP';

// [options, expected URI]
const EXAMPLES: Array<[Parameters<typeof formatOtpauthUri>[0], string]> = [
  [
    { secret: SECRET, account: 'alice@example.com', issuer: 'Example Co' },
    'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co',
  ],
  [{ secret: SECRET, account: 'bob' }, 'otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP'],
  [
    { secret: SECRET, account: 'bob', issuer: 'ACME', algorithm: 'SHA256', digits: 8, period: 60 },
    'otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME&algorithm=SHA256&digits=8&period=60',
  ],
  [
    { secret: SECRET, account: 'bob', algorithm: 'SHA1', digits: 6, period: 30 },
    'otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP',
  ],
  [
    { type: 'hotp', secret: SECRET, account: 'bob', counter: 0 },
    'otpauth://hotp/bob?secret=JBSWY3DPEHPK3PXP&counter=0',
  ],
  [
    // A period on an HOTP URI is checked but not written (no app reads it); the type refuses it at compile time.
    {
      type: 'hotp',
      secret: SECRET,
      account: 'bob',
      issuer: 'X',
      digits: 7,
      counter: 2 ** 40,
      period: 60,
    } as unknown as OtpauthUriOptions,
    'otpauth://hotp/X:bob?secret=JBSWY3DPEHPK3PXP&issuer=X&digits=7&counter=1099511627776',
  ],
  [
    { secret: SECRET, account: "a&b+c#d/e?f=g%h@i j!k'l(m)n*o~p.q_r-s", issuer: 'Ünïcödé 😀' },
    'otpauth://totp/%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20%F0%9F%98%80:a%26b%2Bc%23d%2Fe%3Ff%3Dg%25h%40i%20j%21k%27l%28m%29n%2Ao~p.q_r-s' +
      '?secret=JBSWY3DPEHPK3PXP&issuer=%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20%F0%9F%98%80',
  ],
];

test('Key URI Format examples, with defaults left out', () => {
  for (const [options, expected] of EXAMPLES) assert.equal(formatOtpauthUri(options), expected);
});

test("percent-encoding: space is %20 never +, and & + # / ? = % @ ! ' ( ) * are always encoded", () => {
  assert.equal(percentEncode('a b'), 'a%20b');
  for (const ch of "&+#/?=%@ !'()*")
    assert.equal(percentEncode(`x${ch}y`), `x%${ch.charCodeAt(0).toString(16).toUpperCase()}y`, ch);
  assert.equal(percentEncode('é日🔑\u00a0'), encodeURIComponent('é日🔑\u00a0'));
  assert.equal(percentEncode('AZaz09-._~'), 'AZaz09-._~');
});

/** Labels that pass the rules (well-formed Unicode, no controls, no ':', no hidden formatting, within the limit). */
const label = (maxBytes: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((s) => isValidLabel(s, maxBytes));

test('property: the URI decodes back with WHATWG URL and decodeURIComponent (not our code)', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  // Canonical (RFC 4648 §3.5): a possible length, and the bits of the last character that no byte uses are zero.
  const spareBits = [0, 0, 2, 0, 4, 1, 0, 3];
  const canonicalSecret = fc
    .array(fc.constantFrom(...alphabet), { minLength: 2, maxLength: 103 })
    .filter((a) => ![1, 3, 6].includes(a.length % 8))
    .map((a) => {
      const last = alphabet.indexOf(a[a.length - 1]) & ~((1 << spareBits[a.length % 8]) - 1);
      return a.slice(0, -1).join('') + alphabet[last];
    });
  fc.assert(
    fc.property(
      label(MAX_ACCOUNT_BYTES),
      fc.option(label(MAX_ISSUER_BYTES), { nil: undefined }),
      canonicalSecret,
      fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
      fc.constantFrom<Digits>(6, 7, 8),
      fc.integer({ min: 1, max: 3600 }),
      (account, issuer, secret, algorithm, digits, period) => {
        if (issuer === undefined && (account === '.' || account === '..')) {
          assert.throws(() => formatOtpauthUri({ secret, account }), {
            code: 'ERR_INVALID_LABEL',
            message: /'\.' or '\.\.'/,
          });
          return;
        }
        if (issuer !== undefined && account.startsWith(' ')) {
          // Spaces after the ':' are padding in the Key URI Format: such an account cannot be written with an issuer.
          assert.throws(() => formatOtpauthUri({ secret, account, issuer }), {
            code: 'ERR_INVALID_LABEL',
            message: /padding/,
          });
          return;
        }
        const uri = formatOtpauthUri({ secret, account, issuer, algorithm, digits, period });
        assert.match(uri, /^otpauth:\/\/totp\/[A-Za-z0-9\-._~%:]+\?[A-Za-z0-9\-._~%=&]+$/);
        const url = new URL(uri);
        assert.equal(url.protocol, 'otpauth:');
        assert.equal(url.host, 'totp');
        const labelText = url.pathname.slice(1);
        const parts = labelText.split(':');
        assert.equal(parts.length, issuer === undefined ? 1 : 2, 'exactly one separator when there is an issuer');
        assert.equal(decodeURIComponent(parts[parts.length - 1]), account);
        if (issuer !== undefined) assert.equal(decodeURIComponent(parts[0]), issuer);
        assert.equal(url.searchParams.get('secret'), secret);
        assert.equal(url.searchParams.get('issuer'), issuer ?? null);
        assert.equal(url.searchParams.get('algorithm'), algorithm === 'SHA1' ? null : algorithm);
        assert.equal(url.searchParams.get('digits'), digits === 6 ? null : String(digits));
        assert.equal(url.searchParams.get('period'), period === 30 ? null : String(period));
        assert.ok(!uri.includes('+'), 'space is never +');
      },
    ),
    { numRuns: 1500 },
  );
});

test('label rules: each broken rule gives ERR_INVALID_LABEL naming the argument and the index', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /"issuer" must not be empty/],
    ['Example:Co', /"issuer" must not contain ':' \(found at index 7\)/],
    ['a\u0007b', /control character \(U\+0007 at index 1\)/],
    ['a\u007f', /control character \(U\+007F at index 1\)/],
    ['a\u009f', /control character \(U\+009F at index 1\)/],
    ['ab\ud800', /well-formed Unicode \(lone surrogate U\+D800 at index 2\)/],
    ['\udc00x', /lone surrogate U\+DC00 at index 0/],
    ['\ud800\ud800', /lone surrogate U\+D800 at index 0/],
    // Longer in UTF-16 than the byte limit: refused before it is scanned, so the count is a lower bound.
    ['x'.repeat(MAX_ISSUER_BYTES + 1), /at most 64 bytes in UTF-8 \(received at least 65\)/],
    ['é'.repeat(33), /at most 64 bytes in UTF-8 \(received 66\)/],
    ['€'.repeat(22), /received 66/],
    ['😀'.repeat(17), /received 68/],
  ];
  for (const [value, message] of cases) {
    assert.throws(
      () => assertLabel(value, 'issuer', MAX_ISSUER_BYTES),
      { name: 'RangeError', code: 'ERR_INVALID_LABEL', message },
      JSON.stringify(value),
    );
  }
  // Limits are inclusive and counted in UTF-8 bytes.
  assert.equal(assertLabel('x'.repeat(64), 'issuer', MAX_ISSUER_BYTES).length, 64);
  assert.equal(assertLabel('😀'.repeat(16), 'issuer', MAX_ISSUER_BYTES).length, 32);
  assert.equal(assertLabel('é'.repeat(64), 'user', MAX_ACCOUNT_BYTES).length, 64);
  assert.equal(assertLabel(' padded ', 'user', MAX_ACCOUNT_BYTES), ' padded ', 'never trimmed');
});

test('formatOtpauthUri refuses bad options with typed, coded errors that never echo the secret', () => {
  const base = { secret: SECRET, account: 'bob' };
  const cases: Array<[object, string, string]> = [
    [{ ...base, secret: 'jbswy3dpehpk3pxp' }, 'TotpConfigError', 'ERR_INVALID_BASE32'],
    [{ ...base, secret: 'JBSW Y3DP' }, 'TotpConfigError', 'ERR_INVALID_BASE32'],
    [{ ...base, secret: 'JBSWY3DP====' }, 'TotpConfigError', 'ERR_INVALID_BASE32'],
    [{ ...base, secret: 'JBSWY3' }, 'TotpConfigError', 'ERR_INVALID_BASE32'],
    [{ ...base, secret: '' }, 'TotpConfigError', 'ERR_INVALID_BASE32'],
    [{ ...base, secret: 42 }, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
    [{ ...base, account: 'a:b' }, 'RangeError', 'ERR_INVALID_LABEL'],
    [{ ...base, issuer: '' }, 'RangeError', 'ERR_INVALID_LABEL'],
    [{ ...base, digits: '6' }, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
    [{ ...base, digits: 9 }, 'RangeError', 'ERR_OUT_OF_RANGE'],
    [{ ...base, period: 1.5 }, 'RangeError', 'ERR_OUT_OF_RANGE'],
    [{ ...base, period: 0 }, 'RangeError', 'ERR_OUT_OF_RANGE'],
    [{ ...base, period: 3601 }, 'RangeError', 'ERR_OUT_OF_RANGE'],
    [{ ...base, algorithm: 'MD5' }, 'RangeError', 'ERR_INVALID_ARG_VALUE'],
    [{ ...base, algorithm: 'sha256' }, 'RangeError', 'ERR_INVALID_ARG_VALUE'],
    [{ ...base, type: 'motp' }, 'RangeError', 'ERR_INVALID_ARG_VALUE'],
    [{ ...base, type: 'hotp' }, 'RangeError', 'ERR_INVALID_ARG_VALUE'],
    [{ ...base, type: 'hotp', counter: -1 }, 'RangeError', 'ERR_OUT_OF_RANGE'],
    [{ ...base, type: 'hotp', counter: 2 ** 53 }, 'RangeError', 'ERR_OUT_OF_RANGE'],
    [{ ...base, counter: 1 }, 'RangeError', 'ERR_INVALID_ARG_VALUE'],
  ];
  for (const [options, name, code] of cases) {
    assert.throws(
      () => formatOtpauthUri(options as never),
      (e: unknown) =>
        e instanceof Error &&
        e.name === name &&
        (e as { code?: string }).code === code &&
        !e.message.toUpperCase().includes('JBSWY3'),
      JSON.stringify(options),
    );
  }
  assert.throws(() => formatOtpauthUri(undefined as never), { code: 'ERR_INVALID_ARG_TYPE' });
  // An account after an issuer must not start with a space (padding in the Key URI Format); alone it may.
  assert.throws(() => formatOtpauthUri({ ...base, account: ' bob', issuer: 'X' }), {
    name: 'RangeError',
    code: 'ERR_INVALID_LABEL',
  });
  assert.equal(formatOtpauthUri({ ...base, account: ' bob' }), 'otpauth://totp/%20bob?secret=JBSWY3DPEHPK3PXP');
  // A lone '.' or '..' label is a dot segment that URL parsers remove; with an issuer it is an ordinary account.
  for (const account of ['.', '..']) {
    assert.throws(() => formatOtpauthUri({ ...base, account }), { name: 'RangeError', code: 'ERR_INVALID_LABEL' });
    assert.equal(new URL(formatOtpauthUri({ ...base, account, issuer: 'X' })).pathname, `/X:${account}`);
  }
  const error = (() => {
    try {
      formatOtpauthUri({ ...base, secret: 'JBSWY3DPEHPK3PX!' });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof TotpConfigError);
  assert.match(error.message, /bad character at index 15/);
});

test('labels: joiners inside emoji and words, and subdivision flags, are accepted; hidden formatting is refused', () => {
  const accepted = [
    '👩‍💻 dev', // ZWJ emoji sequence
    '👨‍👩‍👧',
    'می‌خواهم', // Persian: ZWNJ between two letters
    'क्‍ष', // Devanagari half form: ZWJ after a virama
    '🏴󠁧󠁢󠁥󠁮󠁧󠁿 fan', // England's flag: U+1F3F4, tag characters, cancel tag
    'Ünïcödé 😀',
  ];
  for (const label of accepted) assert.equal(assertLabel(label, 'user', 128), label, label);
  const refused: Array<[string, RegExp]> = [
    ['abc\u202Edef', /U\+202E \(at index 3\)/],
    ['\u200Dbob', /U\+200D \(at index 0\)/],
    ['bob\u200C', /U\+200C \(at index 3\)/],
    ['👩\u200Db', /U\+200D \(at index 2\)/], // a joiner next to an ASCII letter
    ['x\u{E0041}', /U\+E0041 \(at index 1\)/], // a tag character outside a flag
    ['🏴\u{E0001}', /U\+E0001/], // LANGUAGE TAG, never part of a flag
    ['a\u2029b', /U\+2029/],
    ['\u061Cx', /U\+061C/],
  ];
  for (const [label, message] of refused) {
    assert.throws(
      () => assertLabel(label, 'user', 128),
      { name: 'RangeError', code: 'ERR_INVALID_LABEL', message },
      label,
    );
  }
});

test('an over-long label, secret or token is refused at the cost of the limit, not of the input', () => {
  const huge = 'a'.repeat(10_000_000);
  const upper = huge.toUpperCase();
  const cases: Array<[string, () => unknown]> = [
    ['generateUserConfiguration(user)', () => lib.generateUserConfiguration(huge, 'ACME')],
    ['generateUserConfiguration(_, issuer)', () => lib.generateUserConfiguration('bob', huge)],
    ['formatOtpauthUri({account})', () => formatOtpauthUri({ secret: SECRET, account: huge })],
    ['formatOtpauthUri({secret})', () => formatOtpauthUri({ secret: upper, account: 'bob' })],
    ['generateTotp(secret)', () => lib.generateTotp(huge)],
    ['verifyTotp(_, secret)', () => lib.verifyTotp('123456', huge)],
    ['verifyTotp(token)', () => lib.verifyTotp(huge, SECRET)],
  ];
  for (const [name, call] of cases) {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      try {
        call();
      } catch {
        // refused: what is timed is how fast
      }
      best = Math.min(best, performance.now() - start);
    }
    assert.ok(best < 1, `${name}: ${best.toFixed(3)} ms for a 10^7-character input`);
  }
});
