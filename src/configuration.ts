/**
 * `generateUserConfiguration`: the library form of cPanel's UAPI call
 * `TwoFactorAuth::generate_user_configuration`, which returns `{ otpauth_str, secret }`.
 *
 * @module
 */
import { assertCompatible } from './internal/app-support.js';
import { optionalInteger, optionalOneOf, optionsBag, own } from './internal/assert.js';
import { assertAccountFits, encodeLabel } from './internal/label.js';
import {
  ALGORITHMS,
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  DEFAULT_SECRET_SIZE,
  MAX_ACCOUNT_BYTES,
  MAX_DIGITS,
  MAX_ISSUER_BYTES,
  MAX_SECRET_SIZE,
  MAX_URI_PERIOD,
  MIN_DIGITS,
  MIN_SECRET_SIZE,
  MIN_URI_PERIOD,
  type Algorithm,
  type Digits,
} from './params.js';
import { randomSecret } from './secret.js';
import { composeUri, uriFrame, type UriFrame } from './uri.js';

/** Options for {@link generateUserConfiguration}. Each one left out takes the Key URI Format's default. */
export interface UserConfigurationOptions {
  /** HMAC algorithm: `'SHA1'` (default, what every app supports), `'SHA256'` or `'SHA512'`. */
  algorithm?: Algorithm;
  /** Code length: 6 (default), 7 or 8. */
  digits?: Digits;
  /** Time step in seconds, an integer from 1 to 3600. Default 30. */
  period?: number;
  /** Secret size in bytes, 16 to 64. Default 20, 32 or 64 for SHA1, SHA256 or SHA512 (RFC 6238's keys). */
  secretSize?: number;
  /**
   * Apps the configuration must work in, e.g. `['google-authenticator', 'microsoft-authenticator']`: an option
   * that one of them is not known to compute correctly is refused (`ERR_APP_INCOMPATIBLE`). The app names and
   * the sourced rules are those of `checkAppCompatibility` in `totp-config/compat`.
   */
  compatibleWith?: readonly string[];
}

/** What {@link generateUserConfiguration} returns: the two fields of cPanel's answer, with cPanel's names. */
export interface UserConfiguration {
  /** The `otpauth://totp/...` URI to show as a QR code. */
  otpauth_str: string;
  /** The same secret in base32, for typing in by hand. */
  secret: string;
}

/**
 * Creates a TOTP enrollment configuration for one user: a fresh random secret and the otpauth URI an
 * authenticator app scans.
 *
 * @param user - the account name shown in the app, e.g. an e-mail address: non-empty, well-formed Unicode, no
 *   control characters, no ':', at most 128 UTF-8 bytes.
 * @param issuer - the service name, e.g. `'Example Co'`: the same rules, at most 64 UTF-8 bytes.
 * @param options - algorithm, digits, period and secretSize; see {@link UserConfigurationOptions}.
 * @returns `{ otpauth_str, secret }`: exactly these two own properties.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for an argument or option of the wrong type.
 * @throws {RangeError} `ERR_INVALID_LABEL` for a bad user or issuer; `ERR_OUT_OF_RANGE` or
 *   `ERR_INVALID_ARG_VALUE` for a bad option; `ERR_APP_INCOMPATIBLE` for an option an app in `compatibleWith`
 *   is not known to handle.
 * @throws {TotpConfigError} `ERR_NO_CSPRNG` if the runtime has no `crypto.getRandomValues`.
 * @example
 * ```ts
 * const { otpauth_str, secret } = generateUserConfiguration('alice@example.com', 'Example Co');
 * // otpauth_str => 'otpauth://totp/Example%20Co:alice%40example.com?secret=S3I4WUY7…&issuer=Example%20Co'
 * // secret      => 'S3I4WUY7MTHRMMWNHY4G6KZTQMNH2KQY' (32 characters, 160 bits)
 * // Google Authenticator for Android ignores the period, so a 60 s one is refused:
 * generateUserConfiguration('bob', 'Example Co', { period: 60, compatibleWith: ['google-authenticator-android'] });
 * // throws: ERR_APP_INCOMPATIBLE
 * ```
 */
export function generateUserConfiguration(
  user: string,
  issuer: string,
  options?: UserConfigurationOptions,
): UserConfiguration {
  if (typeof user !== 'string' || user !== lastUser) {
    const encoded = encodeLabel(user, 'user', MAX_ACCOUNT_BYTES);
    // After the issuer, leading spaces are the Key URI Format's padding: apps would show another account.
    assertAccountFits(encoded, 'user', true);
    lastEncodedUser = encoded;
    lastUser = user;
  }
  if (typeof issuer !== 'string' || issuer !== lastIssuer) {
    lastFrame = uriFrame('totp', encodeLabel(issuer, 'issuer', MAX_ISSUER_BYTES));
    lastIssuer = issuer;
  }
  const { algorithm, digits, period, size } = readSettings(options);
  const secret = randomSecret(size);
  const otpauth_str = composeUri(lastFrame, lastEncodedUser, secret, algorithm, digits, period, undefined);
  return { otpauth_str, secret };
}

/** What the options decide, checked. */
interface Settings {
  readonly algorithm: Algorithm;
  readonly digits: number;
  readonly period: number;
  readonly size: number;
}

/** Reads and checks the options, each once, as own properties, and applies `compatibleWith`. */
function readSettings(options: UserConfigurationOptions | undefined): Settings {
  const o = optionsBag(options, 'options');
  const algorithm = optionalOneOf(own(o, 'algorithm', o.algorithm), 'options.algorithm', ALGORITHMS, DEFAULT_ALGORITHM);
  const digits = optionalInteger(own(o, 'digits', o.digits), 'options.digits', MIN_DIGITS, MAX_DIGITS, DEFAULT_DIGITS);
  const step = own(o, 'period', o.period);
  const period = optionalInteger(step, 'options.period', MIN_URI_PERIOD, MAX_URI_PERIOD, DEFAULT_PERIOD);
  const apps = own(o, 'compatibleWith', o.compatibleWith);
  if (apps !== undefined) assertCompatible(apps, algorithm, digits, period);
  const secretSize = own(o, 'secretSize', o.secretSize);
  const fallbackSize = DEFAULT_SECRET_SIZE[algorithm];
  const size = optionalInteger(secretSize, 'options.secretSize', MIN_SECRET_SIZE, MAX_SECRET_SIZE, fallbackSize);
  return { algorithm, digits, period, size };
}

/**
 * The last user and issuer seen, checked, and the URI parts made from them: an application has one issuer, so it
 * is checked and encoded once, and a user enrolled twice in a row (a page reloaded) costs no second check. They
 * are public names, never secrets; a different name is checked as usual.
 */
let lastUser: string | undefined;
let lastEncodedUser: string;
let lastIssuer: string | undefined;
let lastFrame: UriFrame;
