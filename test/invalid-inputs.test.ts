// The shared table of bad inputs (test/helpers/invalid-inputs.ts) run against every public function of the main
// entry, one argument at a time, the others valid. Every bad value must give a typed error with a stable code
// (never a result, never a crash of another kind) and the message must not contain the secret.
// totp-config/qr runs the same table in test/qr.test.ts; totp-config/migration's functions are in this one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as lib from '../src/index.js';
import { checkAppCompatibility } from '../src/compat.js';
import * as migration from '../src/migration.js';
import { BAD_INPUTS, isTypedError, type Kind } from './helpers/invalid-inputs.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KEY = new Uint8Array(20).fill(7);
const RECOVERY_CODE = '7KQ3-M9XD-2T0B-WZ4N-HC8R-5VJE';
const MIGRATION_URI = 'otpauth-migration://offline?data=CiIKCkhlbGxvId6tvu8SBWFsaWNlGgdFeGFtcGxlIAEoATACEAEYASAAKAE%3D';

/** For each public function: its arguments as [kind, valid value, how to place a bad value]. */
interface Slot {
  name: string;
  kind: Kind;
  call: (bad: unknown) => unknown;
}

const slots: Slot[] = [
  { name: 'base32Encode(bytes)', kind: 'bytes', call: (v) => lib.base32Encode(v as never) },
  { name: 'base32Encode(_, options)', kind: 'options', call: (v) => lib.base32Encode(KEY, v as never) },
  { name: 'base32Encode(_, {padding})', kind: 'boolean', call: (v) => lib.base32Encode(KEY, { padding: v as never }) },
  { name: 'base32Decode(text)', kind: 'string', call: (v) => lib.base32Decode(v as never) },
  { name: 'randomBytes(length)', kind: 'integer', call: (v) => lib.randomBytes(v as never) },
  { name: 'setEntropyCache(enabled)', kind: 'boolean', call: (v) => lib.setEntropyCache(v as never) },
  { name: 'generateSecret(options)', kind: 'options', call: (v) => lib.generateSecret(v as never) },
  { name: 'generateSecret({size})', kind: 'integer', call: (v) => lib.generateSecret({ size: v as never }) },
  { name: 'generateSecret({algorithm})', kind: 'string', call: (v) => lib.generateSecret({ algorithm: v as never }) },
  {
    name: 'generateUserConfiguration(user)',
    kind: 'label',
    call: (v) => lib.generateUserConfiguration(v as never, 'ACME'),
  },
  {
    name: 'generateUserConfiguration(_, issuer)',
    kind: 'label',
    call: (v) => lib.generateUserConfiguration('bob', v as never),
  },
  {
    name: 'generateUserConfiguration(_, _, options)',
    kind: 'options',
    call: (v) => lib.generateUserConfiguration('bob', 'ACME', v as never),
  },
  {
    name: 'generateUserConfiguration({digits})',
    kind: 'integer',
    call: (v) => lib.generateUserConfiguration('bob', 'ACME', { digits: v as never }),
  },
  {
    name: 'generateUserConfiguration({period})',
    kind: 'integer',
    call: (v) => lib.generateUserConfiguration('bob', 'ACME', { period: v as never }),
  },
  {
    name: 'generateUserConfiguration({secretSize})',
    kind: 'integer',
    call: (v) => lib.generateUserConfiguration('bob', 'ACME', { secretSize: v as never }),
  },
  {
    name: 'generateUserConfiguration({algorithm})',
    kind: 'string',
    call: (v) => lib.generateUserConfiguration('bob', 'ACME', { algorithm: v as never }),
  },
  { name: 'formatOtpauthUri(options)', kind: 'options', call: (v) => lib.formatOtpauthUri(v as never) },
  {
    name: 'formatOtpauthUri({account})',
    kind: 'label',
    call: (v) => lib.formatOtpauthUri({ secret: SECRET, account: v as never }),
  },
  {
    name: 'formatOtpauthUri({issuer})',
    kind: 'label',
    call: (v) => lib.formatOtpauthUri({ secret: SECRET, account: 'bob', issuer: v as never }),
  },
  {
    name: 'formatOtpauthUri({secret})',
    kind: 'string',
    call: (v) => lib.formatOtpauthUri({ secret: v as never, account: 'bob' }),
  },
  {
    name: 'formatOtpauthUri({digits})',
    kind: 'integer',
    call: (v) => lib.formatOtpauthUri({ secret: SECRET, account: 'bob', digits: v as never }),
  },
  {
    name: 'formatOtpauthUri({counter})',
    kind: 'integer',
    call: (v) => lib.formatOtpauthUri({ type: 'hotp', secret: SECRET, account: 'bob', counter: v as never }),
  },
  { name: 'parseOtpauthUri(uri)', kind: 'string', call: (v) => lib.parseOtpauthUri(v as never) },
  {
    name: 'parseOtpauthUri(_, options)',
    kind: 'options',
    call: (v) => lib.parseOtpauthUri(`otpauth://totp/a?secret=${SECRET}`, v as never),
  },
  {
    name: 'parseOtpauthUri({strict})',
    kind: 'boolean',
    call: (v) => lib.parseOtpauthUri(`otpauth://totp/a?secret=${SECRET}`, { strict: v as never }),
  },
  // totp-config/migration: the same table.
  {
    name: 'encodeMigration([{account}])',
    kind: 'label',
    call: (v) => migration.encodeMigration([{ secret: SECRET, account: v as never }]),
  },
  {
    name: 'encodeMigration([{issuer}])',
    kind: 'label',
    call: (v) => migration.encodeMigration([{ secret: SECRET, account: 'bob', issuer: v as never }]),
  },
  {
    name: 'encodeMigration([{secret}])',
    kind: 'string',
    call: (v) => migration.encodeMigration([{ secret: v as never, account: 'bob' }]),
  },
  { name: 'encodeMigration([options])', kind: 'options', call: (v) => migration.encodeMigration([v as never]) },
  {
    name: 'encodeMigration(_, options)',
    kind: 'options',
    call: (v) => migration.encodeMigration([{ secret: SECRET, account: 'bob' }], v as never),
  },
  {
    name: 'encodeMigration({batchSize})',
    kind: 'integer',
    call: (v) => migration.encodeMigration([{ secret: SECRET, account: 'bob' }], { batchSize: v as never }),
  },
  { name: 'decodeMigration(uri)', kind: 'string', call: (v) => migration.decodeMigration(v as never) },
  { name: 'decodeMigration([uri])', kind: 'string', call: (v) => migration.decodeMigration([v as never]) },
  {
    name: 'decodeMigration(_, options)',
    kind: 'options',
    call: (v) => migration.decodeMigration(MIGRATION_URI, v as never),
  },
  {
    name: 'decodeMigration({partial})',
    kind: 'boolean',
    call: (v) => migration.decodeMigration(MIGRATION_URI, { partial: v as never }),
  },
  { name: 'generateHotp(secret)', kind: 'string', call: (v) => lib.generateHotp(v as never, 0) },
  { name: 'generateHotp(_, counter)', kind: 'integer', call: (v) => lib.generateHotp(SECRET, v as never) },
  { name: 'generateHotp(_, _, options)', kind: 'options', call: (v) => lib.generateHotp(SECRET, 0, v as never) },
  { name: 'generateHotp({digits})', kind: 'integer', call: (v) => lib.generateHotp(SECRET, 0, { digits: v as never }) },
  { name: 'generateTotp(secret)', kind: 'string', call: (v) => lib.generateTotp(v as never) },
  { name: 'generateTotp(_, options)', kind: 'options', call: (v) => lib.generateTotp(SECRET, v as never) },
  { name: 'generateTotp({period})', kind: 'integer', call: (v) => lib.generateTotp(SECRET, { period: v as never }) },
  {
    name: 'generateTotp({algorithm})',
    kind: 'string',
    call: (v) => lib.generateTotp(SECRET, { algorithm: v as never }),
  },
  { name: 'verifyTotp(_, secret)', kind: 'string', call: (v) => lib.verifyTotp('123456', v as never) },
  { name: 'verifyTotp(_, _, options)', kind: 'options', call: (v) => lib.verifyTotp('123456', SECRET, v as never) },
  {
    name: 'verifyTotp({window})',
    kind: 'integer',
    call: (v) => lib.verifyTotp('123456', SECRET, { window: v as never }),
  },
  { name: 'verifyHotp(_, secret)', kind: 'string', call: (v) => lib.verifyHotp('123456', v as never, { counter: 0 }) },
  {
    name: 'verifyHotp({counter})',
    kind: 'integer',
    call: (v) => lib.verifyHotp('123456', SECRET, { counter: v as never }),
  },
  { name: 'hmac(key)', kind: 'bytes', call: (v) => lib.hmac('SHA1', v as never, KEY) },
  { name: 'hmac(_, _, message)', kind: 'bytes', call: (v) => lib.hmac('SHA1', KEY, v as never) },
  { name: 'hmac(algorithm)', kind: 'string', call: (v) => lib.hmac(v as never, KEY, KEY) },
  { name: 'prepareHmac(_, key)', kind: 'bytes', call: (v) => lib.prepareHmac('SHA256', v as never) },
  // Issue 12. User input to verifyRecoveryCode never throws: it is tested in recovery.test.ts, not here.
  {
    name: 'generateUserConfiguration({compatibleWith})',
    kind: 'bytes',
    call: (v) => lib.generateUserConfiguration('bob', 'ACME', { compatibleWith: v as never }),
  },
  { name: 'generateRecoveryCodes(options)', kind: 'options', call: (v) => lib.generateRecoveryCodes(v as never) },
  {
    name: 'generateRecoveryCodes({count})',
    kind: 'integer',
    call: (v) => lib.generateRecoveryCodes({ count: v as never }),
  },
  {
    name: 'generateRecoveryCodes({length})',
    kind: 'integer',
    call: (v) => lib.generateRecoveryCodes({ length: v as never }),
  },
  { name: 'hashRecoveryCode(code)', kind: 'string', call: (v) => lib.hashRecoveryCode(v as never) },
  {
    name: 'hashRecoveryCode(_, options)',
    kind: 'options',
    call: (v) => lib.hashRecoveryCode(RECOVERY_CODE, v as never),
  },
  {
    name: 'hashRecoveryCode({pepper})',
    kind: 'bytes',
    call: (v) => lib.hashRecoveryCode(RECOVERY_CODE, { pepper: v as never }),
  },
  {
    name: 'verifyRecoveryCode(_, storedHashes)',
    kind: 'bytes',
    call: (v) => lib.verifyRecoveryCode(RECOVERY_CODE, v as never),
  },
  {
    name: 'verifyRecoveryCode(_, _, options)',
    kind: 'options',
    call: (v) => lib.verifyRecoveryCode(RECOVERY_CODE, [], v as never),
  },
  { name: 'throttle(_, policy)', kind: 'options', call: (v) => lib.throttle(null, v as never, 0) },
  { name: 'throttle({maxFailures})', kind: 'integer', call: (v) => lib.throttle(null, { maxFailures: v as never }, 0) },
  { name: 'throttle({windowMs})', kind: 'integer', call: (v) => lib.throttle(null, { windowMs: v as never }, 0) },
  { name: 'throttle({backoff})', kind: 'string', call: (v) => lib.throttle(null, { backoff: v as never }, 0) },
  { name: 'throttle(_, _, now)', kind: 'integer', call: (v) => lib.throttle(null, undefined, v as never) },
  { name: 'recordFailure(_, _, now)', kind: 'integer', call: (v) => lib.recordFailure(null, undefined, v as never) },
  { name: 'recordSuccess(_, _, now)', kind: 'integer', call: (v) => lib.recordSuccess(null, undefined, v as never) },
  { name: 'bruteForceOdds(options)', kind: 'options', call: (v) => lib.bruteForceOdds(v as never) },
  {
    name: 'bruteForceOdds({attempts})',
    kind: 'integer',
    call: (v) => lib.bruteForceOdds({ digits: 6, window: 1, attempts: v as never }),
  },
  {
    name: 'bruteForceOdds({window})',
    kind: 'integer',
    call: (v) => lib.bruteForceOdds({ digits: 6, window: v as never, attempts: 1 }),
  },
  {
    name: 'checkAppCompatibility({digits})',
    kind: 'integer',
    call: (v) => checkAppCompatibility({ digits: v as never }),
  },
  {
    name: 'checkAppCompatibility({period})',
    kind: 'integer',
    call: (v) => checkAppCompatibility({ period: v as never }),
  },
  {
    name: 'checkAppCompatibility({algorithm})',
    kind: 'string',
    call: (v) => checkAppCompatibility({ algorithm: v as never }),
  },
];

/** Strings that are valid for a `string` slot in one function may be bad in another: for 'string' slots we
 * only require "typed error or a valid result", and check the non-string values strictly. */
test('every public function answers every bad input of its kind with a typed, coded error', () => {
  let checked = 0;
  for (const slot of slots) {
    for (const bad of BAD_INPUTS) {
      if (!bad.badFor.includes(slot.kind)) continue;
      // An option property set to undefined means "not given": the default applies, which is right.
      if (bad.value === undefined && slot.name.includes('{')) continue;
      let result: unknown;
      let error: unknown;
      try {
        result = slot.call(bad.value);
      } catch (e) {
        error = e;
      }
      const isString = typeof bad.value === 'string';
      if (slot.kind === 'string' && isString && error === undefined) continue; // a string may be a valid one here
      assert.ok(error !== undefined, `${slot.name} with ${bad.name} returned ${String(result)} instead of throwing`);
      assert.ok(
        isTypedError(error),
        `${slot.name} with ${bad.name} threw ${String(error)} (${(error as Error)?.name})`,
      );
      assert.ok(!(error as Error).message.includes(SECRET.slice(0, 16)), `${slot.name}: the message leaks the secret`);
      checked++;
    }
  }
  assert.ok(checked > 300, `${checked} checks`);
});

test('bad tokens are "not valid" (null), never an exception', () => {
  const tokens: unknown[] = [
    undefined,
    null,
    123456,
    123456n,
    NaN,
    {},
    [],
    '',
    '12345',
    '1234567',
    '12 3456',
    '12345a',
    '１２３４５６',
    '\u0000123456',
    '+12345',
    '-12345',
    '1e5000',
    ' 123456\n'.repeat(2),
    'x'.repeat(1 << 20),
  ];
  for (const token of tokens) {
    assert.equal(lib.verifyTotp(token as never, SECRET), null, String(token).slice(0, 20));
    assert.equal(lib.verifyHotp(token as never, SECRET, { counter: 0 }), null);
  }
});
