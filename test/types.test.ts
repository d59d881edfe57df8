// Issue 10, item 11: types that catch mistakes. This file is checked by `npm run typecheck` (tsconfig.json
// includes test/): each `@ts-expect-error` line must be a compile error, or the type check fails. At run time
// the calls are not made (they would throw); the test only says that the file was compiled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatOtpauthUri,
  generateTotp,
  generateUserConfiguration,
  parseOtpauthUri,
  verifyHotp,
  verifyTotp,
  type Digits,
  type OtpauthUriOptions,
} from '../src/index.js';

function compileOnly(): void {
  // digits is 6 | 7 | 8 in every option type, not number.
  // @ts-expect-error 5 digits is not a decimal code length
  generateUserConfiguration('bob', 'ACME', { digits: 5 });
  // @ts-expect-error 9 digits
  generateTotp('JBSWY3DP', { digits: 9 });
  const n: number = 6;
  // @ts-expect-error a plain number is not known to be 6, 7 or 8
  verifyHotp('123456', 'JBSWY3DP', { counter: 0, digits: n });
  const digits: Digits = 8;
  verifyTotp('12345678', 'JBSWY3DP', { digits });

  // formatOtpauthUri's options are a discriminated union: HOTP needs a counter, TOTP refuses one.
  // @ts-expect-error an hotp URI without counter
  formatOtpauthUri({ type: 'hotp', secret: 'JBSWY3DP', account: 'bob' });
  // @ts-expect-error a counter on a totp URI
  formatOtpauthUri({ type: 'totp', secret: 'JBSWY3DP', account: 'bob', counter: 1 });
  // @ts-expect-error a period on an hotp URI
  formatOtpauthUri({ type: 'hotp', secret: 'JBSWY3DP', account: 'bob', counter: 1, period: 60 });
  formatOtpauthUri({ type: 'hotp', secret: 'JBSWY3DP', account: 'bob', counter: 1 });

  // Steam Guard entries are SHA1 with 5 characters.
  // @ts-expect-error Steam with SHA256
  generateTotp('JBSWY3DP', { encoder: 'steam', algorithm: 'SHA256' });
  // @ts-expect-error 5 characters without the steam encoder
  generateTotp('JBSWY3DP', { digits: 5 });
  const steam: OtpauthUriOptions = { encoder: 'steam', secret: 'JBSWY3DP', account: 'bob', digits: 5 };
  formatOtpauthUri(steam);

  // A parsed URI is options as it is (issue 10, item 11): formatted again, or a TOTP one passed to the verifier.
  const parsed = parseOtpauthUri('otpauth://totp/bob?secret=JBSWY3DP');
  formatOtpauthUri(parsed);
  if (parsed.type === 'totp') verifyTotp('123456', parsed.secret, parsed);
  else verifyHotp('123456', parsed.secret, parsed);
  if (parsed.encoder === 'steam') {
    const five: 5 = parsed.digits;
    // @ts-expect-error a Steam Guard entry is SHA1
    const sha256: 'SHA256' = parsed.algorithm;
    void [five, sha256];
  }
}

test('the type-level checks in this file compiled (npm run typecheck)', () => {
  assert.equal(typeof compileOnly, 'function');
});
