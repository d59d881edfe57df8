// Accounts that otpauth-migration can hold, for property tests (test/migration*.test.ts): formatOtpauthUri's inputs
// with period 30, 6 or 8 digits and no Steam Guard; labels from characters that stress the encodings ('+', '/', '=',
// '%', ':' inside an issuer-less account is refused by the label rules and filtered out, non-ASCII text).
import fc from 'fast-check';
import { base32Encode } from '../../src/base32.js';
import type { MigratedAccount } from '../../src/migration.js';
import { MAX_ACCOUNT_BYTES, MAX_ISSUER_BYTES, type Algorithm } from '../../src/params.js';
import { parseOtpauthUri } from '../../src/parse.js';
import { formatOtpauthUri, type OtpauthUriOptions } from '../../src/uri.js';
import { isValidLabel } from './labels.js';

const label = (maxBytes: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('a', 'Z', '0', ' ', '@', '+', '/', '=', '%', ':', '"', '\\'),
        fc.constantFrom('é', '日', '🔑'),
      ),
      minLength: 1,
      maxLength: 20,
    })
    .filter((s) => isValidLabel(s, maxBytes));

export const migrationAccount: fc.Arbitrary<OtpauthUriOptions> = fc
  .record({
    hotp: fc.boolean(),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => base32Encode(b)),
    account: label(MAX_ACCOUNT_BYTES),
    issuer: fc.option(label(MAX_ISSUER_BYTES), { nil: undefined }),
    algorithm: fc.constantFrom<Algorithm>('SHA1', 'SHA256', 'SHA512'),
    digits: fc.constantFrom<6 | 8>(6, 8),
    counter: fc.maxSafeNat(),
  })
  .map(({ hotp, counter, ...o }): OtpauthUriOptions => (hotp ? { ...o, type: 'hotp', counter } : o))
  // formatOtpauthUri's rules between account and issuer.
  .filter((o) => (o.issuer === undefined ? o.account !== '.' && o.account !== '..' : !o.account.startsWith(' ')));

/** An account as decodeMigration (and parseOtpauthUri) returns it. */
export const asParsed = (o: OtpauthUriOptions): MigratedAccount =>
  parseOtpauthUri(formatOtpauthUri(o)) as MigratedAccount;
