import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base32Encode } from '../src/base32.js';
import { parseOtpauthUri, type ParsedOtpauthUri } from '../src/parse.js';
import { formatOtpauthUri, type OtpauthUriOptions } from '../src/uri.js';
import { assertLabel } from '../src/internal/label.js';
import { MAX_ACCOUNT_BYTES, MAX_ISSUER_BYTES, type Algorithm, type Digits } from '../src/params.js';

const S = 'JBSWY3DPEHPK3PXP';
const totp = (o: Partial<ParsedOtpauthUri>): ParsedOtpauthUri =>
  ({ type: 'totp', account: 'alice', issuer: undefined, secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: undefined, ...o }) as ParsedOtpauthUri;
const hotp = (o: Partial<ParsedOtpauthUri>): ParsedOtpauthUri =>
  ({ type: 'hotp', account: 'alice', issuer: undefined, secret: S, algorithm: 'SHA1', digits: 6, period: undefined, counter: 0, ...o }) as ParsedOtpauthUri;

// [uri, expected]: what must be accepted, and exactly how it reads.
const VALID: [string, ParsedOtpauthUri][] = [
  // Key URI Format wiki examples.
  [
    'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    totp({ account: 'alice@google.com', issuer: 'Example' }),
  ],
  [
    'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    totp({ account: 'john.doe@email.com', issuer: 'ACME Co', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' }),
  ],
  // What formatOtpauthUri writes.
  [
    'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co',
    totp({ account: 'alice@example.com', issuer: 'Example Co' }),
  ],
  ['otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&digits=8&period=60', totp({ account: 'bob', digits: 8, period: 60 })],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=7', hotp({ counter: 7 })],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=9007199254740991', hotp({ counter: 9007199254740991 })],
  // Label separator: ':' or '%3A' (either case); the first one wins; label issuer alone is the issuer.
  ['otpauth://totp/Example%3Aalice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example' })],
  ['otpauth://totp/Example%3aalice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example' })],
  ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example' })],
  // Issuer only as a parameter.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Example', totp({ issuer: 'Example' })],
  // Each label part decoded once: %253A is a literal "%3A" in the account… which is fine (no ':').
  ['otpauth://totp/Ex:al%253Aice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Ex', account: 'al%3Aice' })],
  // UTF-8 labels, encoded and raw.
  ['otpauth://totp/%C3%89cole:%E6%97%A5%E6%9C%AC?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'École', account: '日本' })],
  ['otpauth://totp/%F0%9F%94%91?secret=JBSWY3DPEHPK3PXP', totp({ account: '🔑' })],
  // Spaces are kept, never trimmed.
  ['otpauth://totp/Example:%20alice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example', account: ' alice' })],
  // '+' is literal.
  ['otpauth://totp/Big+Corp:alice?secret=JBSWY3DPEHPK3PXP&issuer=Big+Corp', totp({ issuer: 'Big+Corp' })],
  // Algorithm in any case, returned upper case.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=sha256', totp({ algorithm: 'SHA256' })],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=Sha512', totp({ algorithm: 'SHA512' })],
  // Secret canonicalised: case, spaces (encoded), padding.
  ['otpauth://totp/alice?secret=jbswy3dpehpk3pxp', totp({})],
  ['otpauth://totp/alice?secret=JBSW%20Y3DP%20EHPK%203PXP', totp({})],
  ['otpauth://totp/alice?secret=MZXW6%3D%3D%3D', totp({ secret: 'MZXW6' })],
  ['otpauth://totp/alice?secret=MZXW6===', totp({ secret: 'MZXW6' })],
  // Unknown parameters ignored, empty pieces ignored, parameter order free.
  ['otpauth://totp/alice?image=https%3A%2F%2Fexample.com%2Flogo.png&secret=JBSWY3DPEHPK3PXP&color=red&&', totp({})],
  ['otpauth://totp/alice?Secret=X&secret=JBSWY3DPEHPK3PXP', totp({})],
  // Scheme and type case-insensitive.
  ['OTPAUTH://TOTP/alice?secret=JBSWY3DPEHPK3PXP', totp({})],
  ['otpauth://Hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=0', hotp({})],
  // Known parameters that do not apply to the type are checked but not returned.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&counter=5', totp({})],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=5&period=60', hotp({ counter: 5 })],
  // Leading zeros in numbers.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=08&period=060', totp({ digits: 8, period: 60 })],
  // A raw '/' in the label (pyotp leaves it unencoded).
  ['otpauth://totp/team/alice?secret=JBSWY3DPEHPK3PXP', totp({ account: 'team/alice' })],
];

// [uri, code]: what must be rejected, and with which code.
const INVALID: [string, string][] = [
  ['http://totp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_SCHEME'],
  ['otpauth:/totp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_SCHEME'],
  ['otpauth:', 'ERR_OTPAUTH_SCHEME'],
  ['', 'ERR_OTPAUTH_SCHEME'],
  [' otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_SCHEME'],
  ['otpauth://motp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_TYPE'],
  ['otpauth://?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_TYPE'],
  ['otpauth://totp', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/Example:?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/:alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/a:b:c?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/a%3Ab%3Ac?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/al%0Aice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=', 'ERR_OTPAUTH_LABEL'],
  [`otpauth://totp/${'a'.repeat(MAX_ACCOUNT_BYTES + 1)}?secret=JBSWY3DPEHPK3PXP`, 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/alice', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?issuer=Example', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=%20%20', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PX1', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXPJ', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=MZ=XW6==', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'ERR_OTPAUTH_ALGORITHM'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA-1', 'ERR_OTPAUTH_ALGORITHM'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=', 'ERR_OTPAUTH_ALGORITHM'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=5', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=9', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=6.0', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=%2B6', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=0', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=-30', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=30.5', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=1e2', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=3601', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=%20', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=-1', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=9007199254740992', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=0x10', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&counter=abc', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://totp/al%ZZice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice%?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice%C3?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/Ex%FF:alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/%ED%A0%80?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PX%', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=%E2%82', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA%', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?sec%ret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Other', 'ERR_OTPAUTH_ISSUER_MISMATCH'],
  ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=example', 'ERR_OTPAUTH_ISSUER_MISMATCH'],
  ['otpauth://totp/Big%20Corp:alice?secret=JBSWY3DPEHPK3PXP&issuer=Big+Corp', 'ERR_OTPAUTH_ISSUER_MISMATCH'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=6&digits=6', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&s%65cret=AAAA', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&image=a&image=b', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP#frag', 'ERR_OTPAUTH_MALFORMED'],
];

describe('parseOtpauthUri: accepted URIs', () => {
  for (const [uri, expected] of VALID) {
    it(uri.length > 90 ? uri.slice(0, 90) + '…' : uri, () => {
      assert.deepEqual(parseOtpauthUri(uri), expected);
    });
  }
});

describe('parseOtpauthUri: rejected URIs', () => {
  for (const [uri, code] of INVALID) {
    it(`${code}: ${uri.length > 80 ? uri.slice(0, 80) + '…' : uri}`, () => {
      assert.throws(
        () => parseOtpauthUri(uri),
        (e: Error & { code?: string }) => {
          assert.equal(e.name, 'TotpConfigError');
          assert.equal(e.code, code, e.message);
          // The secret (or any 8-character run of it) never appears in a message.
          assert.ok(!e.message.includes('JBSWY3DP') && !e.message.includes('jbswy3dp'), e.message);
          return true;
        },
      );
    });
  }
  it('rejects a non-string with ERR_INVALID_ARG_TYPE', () => {
    for (const value of [undefined, null, 42, {}, new URL('otpauth://totp/a?secret=AAAA')]) {
      assert.throws(() => parseOtpauthUri(value as string), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    }
  });
});

// Arbitraries for formatOtpauthUri's inputs: every value it accepts.
const labelPart = (maxBytes: number) =>
  fc
    .string({ unit: fc.oneof(fc.constantFrom('a', 'Z', '0', ' ', '@', '%', '+', '&', '=', '?', '#', '/', '.', '~', '!', '*', "'"), fc.constantFrom('é', '日', '🔑', '\u00a0'), fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp))), minLength: 1, maxLength: 40 })
    .filter((s) => {
      try {
        assertLabel(s, 'x', maxBytes);
        return true;
      } catch {
        return false;
      }
    });
const options: fc.Arbitrary<OtpauthUriOptions> = fc
  .record({
    type: fc.constantFrom<'totp' | 'hotp'>('totp', 'hotp'),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => base32Encode(b)),
    account: labelPart(MAX_ACCOUNT_BYTES),
    issuer: fc.option(labelPart(MAX_ISSUER_BYTES), { nil: undefined }),
    algorithm: fc.constantFrom<Algorithm>('SHA1', 'SHA256', 'SHA512'),
    digits: fc.constantFrom<Digits>(6, 7, 8),
    period: fc.integer({ min: 1, max: 3600 }),
    counter: fc.maxSafeNat(),
  })
  .map((o): OtpauthUriOptions =>
    o.type === 'totp' ? { ...o, type: 'totp', counter: undefined } : { ...o, type: 'hotp', period: undefined },
  )
  // formatOtpauthUri refuses an account of '.' or '..' without issuer (a dot segment URL parsers would drop).
  .filter((o) => o.issuer !== undefined || (o.account !== '.' && o.account !== '..'));

describe('parseOtpauthUri is the inverse of formatOtpauthUri (fast-check)', () => {
  it('parse(format(o)) gives o back, defaults filled in', () => {
    fc.assert(
      fc.property(options, (o) => {
        const parsed = parseOtpauthUri(formatOtpauthUri(o));
        assert.deepEqual(parsed, {
          type: o.type,
          account: o.account,
          issuer: o.issuer,
          secret: o.secret,
          algorithm: o.algorithm,
          digits: o.digits,
          period: o.type === 'totp' ? o.period : undefined,
          counter: o.type === 'hotp' ? o.counter : undefined,
        });
      }),
      { numRuns: 1000 },
    );
  });
  it('format(parse(uri)) gives uri back for every URI the formatter writes', () => {
    fc.assert(
      fc.property(options, (o) => {
        const uri = formatOtpauthUri(o);
        assert.equal(formatOtpauthUri(parseOtpauthUri(uri)), uri);
      }),
      { numRuns: 500 },
    );
  });
  it('the %3A separator and a lower-case algorithm read the same as ":" and upper case', () => {
    fc.assert(
      fc.property(options, (o) => {
        const uri = formatOtpauthUri(o);
        const variant = uri.replace(/^(otpauth:\/\/[a-z]+\/[^:?]*):/, '$1%3A').replace(/algorithm=(SHA\d+)/, (_, a: string) => `algorithm=${a.toLowerCase()}`);
        assert.deepEqual(parseOtpauthUri(variant), parseOtpauthUri(uri));
      }),
      { numRuns: 300 },
    );
  });
  it('unknown parameters are ignored', () => {
    fc.assert(
      fc.property(options, fc.constantFrom('image', 'color', 'lock', 'foo'), fc.webSegment(), (o, name, value) => {
        const uri = formatOtpauthUri(o);
        assert.deepEqual(parseOtpauthUri(`${uri}&${name}=${encodeURIComponent(value)}`), parseOtpauthUri(uri));
      }),
      { numRuns: 200 },
    );
  });
});
