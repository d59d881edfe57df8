/**
 * otpauth URIs in Google Authenticator's Key URI Format:
 * `otpauth://TYPE/LABEL?PARAMETERS`, with `LABEL = issuer ":" account` (or the account alone).
 *
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 * @module
 */
import { rangeError, TotpConfigError } from './errors.js';
import { assertInteger, assertString, optionalInteger, optionalOneOf, optionsBag, own } from './internal/assert.js';
import { base32SpareBitsZero, base32TailBytes } from './base32.js';
import { assertAccountFits, encodeLabel } from './internal/label.js';
import {
  ALGORITHMS,
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  ENCODERS,
  MAX_ACCOUNT_BYTES,
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_ISSUER_BYTES,
  MAX_OTP_SECRET_BYTES,
  MAX_URI_PERIOD,
  MIN_DIGITS,
  MIN_URI_PERIOD,
  OTP_TYPES,
  type Algorithm,
  type Digits,
  type OtpType,
} from './params.js';

/** What every otpauth URI has: the key, the names, and how codes are computed. */
interface UriBase {
  /** The shared secret in canonical base32: upper case `A–Z2–7`, no padding, no spaces. */
  secret: string;
  /** The account name, e.g. the user's e-mail address (label rules: see the README's validation table). */
  account: string;
  /** The provider or service, e.g. `'Example Co'`. Optional; recommended by the Key URI Format. */
  issuer?: string | undefined;
}

/** Options for a TOTP URI (the default type). */
export interface TotpUriOptions extends UriBase {
  /** `'totp'`, the default. */
  type?: 'totp' | undefined;
  /** Default `'SHA1'`; written only when different. */
  algorithm?: Algorithm | undefined;
  /** 6, 7 or 8. Default 6; written only when different. */
  digits?: Digits | undefined;
  /** Time step in seconds, 1 to 3600. Default 30; written only when different. */
  period?: number | undefined;
  /** `'decimal'` (the default) codes. */
  encoder?: 'decimal' | undefined;
  /** Not for TOTP: a counter is refused (no app would read it). */
  counter?: undefined;
}

/** Options for an HOTP URI: `counter` is required. */
export interface HotpUriOptions extends UriBase {
  /** `'hotp'`. */
  type: 'hotp';
  /** Default `'SHA1'`; written only when different. */
  algorithm?: Algorithm | undefined;
  /** 6, 7 or 8. Default 6; written only when different. */
  digits?: Digits | undefined;
  /** The initial counter, an integer from 0 to 2^53 − 1. Required by the Key URI Format for HOTP. */
  counter: number;
  /** `'decimal'`: HOTP has no other encoder. */
  encoder?: 'decimal' | undefined;
  /** Not for HOTP: a period is not written. */
  period?: undefined;
}

/** Options for a Steam Guard entry: TOTP, HMAC-SHA1, 5 characters, written as `encoder=steam` (KeePassXC). */
export interface SteamUriOptions extends UriBase {
  /** `'totp'`: Steam Guard codes are time-based. */
  type?: 'totp' | undefined;
  /** `'steam'`: codes are 5 characters of `23456789BCDFGHJKMNPQRTVWXY`. */
  encoder: 'steam';
  /** `'SHA1'`, the only one Steam uses. */
  algorithm?: 'SHA1' | undefined;
  /** 5, the only length Steam uses; not written (the encoder implies it). */
  digits?: 5 | undefined;
  /** Time step in seconds, 1 to 3600. Default 30 (Steam's); written only when different. */
  period?: number | undefined;
  /** Not for TOTP. */
  counter?: undefined;
}

/** Options for {@link formatOtpauthUri}: a TOTP, HOTP or Steam Guard entry. */
export type OtpauthUriOptions = TotpUriOptions | HotpUriOptions | SteamUriOptions;

/** Canonical base32: upper case alphabet only; the length check for whole bytes is done separately. */
const CANONICAL_BASE32 = /^[A-Z2-7]+$/;
/** Longest canonical secret: {@link MAX_OTP_SECRET_BYTES} (1,024) bytes, 8 characters per 5 bytes. */
const MAX_SECRET_CHARS = 1639;

/**
 * Checks that a secret is canonical base32 (upper case, no padding, no spaces, whole bytes, spare bits zero, at
 * most {@link MAX_OTP_SECRET_BYTES} bytes). The message never contains the secret, only its length and the index
 * of the first bad character.
 *
 * @internal
 */
export function assertCanonicalSecret(value: unknown, name: string): string {
  const secret = assertString(value, name);
  if (secret.length > MAX_SECRET_CHARS) {
    throw new TotpConfigError(
      'ERR_INVALID_BASE32',
      `"${name}" must be at most ${MAX_SECRET_CHARS} characters (received ${secret.length})`,
    );
  }
  if (!CANONICAL_BASE32.test(secret)) {
    const index = secret.search(/[^A-Z2-7]/);
    throw new TotpConfigError(
      'ERR_INVALID_BASE32',
      secret.length === 0
        ? `"${name}" must not be empty`
        : `"${name}" must be canonical base32 (upper case A-Z and 2-7, no padding or spaces); ` +
            `bad character at index ${index}`,
    );
  }
  if (base32TailBytes(secret.length) < 0) {
    throw new TotpConfigError(
      'ERR_INVALID_BASE32',
      `"${name}" has an impossible base32 length (${secret.length} characters: the last group has ` +
        `${secret.length % 8})`,
    );
  }
  if (!base32SpareBitsZero(secret)) {
    // Otherwise parseOtpauthUri would return another text for the same key: the URI would not read back as written.
    throw new TotpConfigError(
      'ERR_INVALID_BASE32',
      `"${name}" must be canonical base32: the bits of its last character that no byte uses must be zero ` +
        `(RFC 4648 §3.5)`,
    );
  }
  return secret;
}

/**
 * Builds an otpauth URI in the Key URI Format:
 * `otpauth://totp/<issuer>:<account>?secret=<secret>&issuer=<issuer>`.
 *
 * The label parts and the issuer parameter are percent-encoded as UTF-8 (RFC 3986). `algorithm`, `digits` and
 * `period` are written only when they differ from SHA1, 6 and 30, as pyotp, otplib and totp-rs do: shorter
 * URIs make smaller QR codes, and some apps ignore them anyway. A Steam Guard entry (`encoder: 'steam'`) gets
 * `encoder=steam`, as KeePassXC writes it. Nothing is normalised: a value that breaks a rule is refused. Each
 * option is read once, as an own property.
 *
 * @param options - see {@link OtpauthUriOptions}.
 * @returns the URI.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a value of the wrong type.
 * @throws {RangeError} `ERR_INVALID_LABEL` for a bad account or issuer (see the README's validation table), or an
 *   account of `.` or `..` without an issuer (URL parsers would drop it as a dot segment), or an account that
 *   starts with a space after an issuer (the Key URI Format reads it as padding);
 *   `ERR_OUT_OF_RANGE` for digits, period or counter out of range; `ERR_INVALID_ARG_VALUE` for an unknown type,
 *   algorithm or encoder, a counter on a TOTP URI, a missing counter on an HOTP URI, or a Steam entry that is not
 *   TOTP with SHA1.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` if the secret is not canonical base32.
 * @example
 * ```ts
 * formatOtpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'alice@example.com', issuer: 'Example Co' });
 * // => 'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co'
 * formatOtpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'bob', digits: 8, period: 60 });
 * // => 'otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&digits=8&period=60'
 * ```
 */
export function formatOtpauthUri(options: OtpauthUriOptions): string {
  const o = readUriOptions(options, 'options');
  const digits = o.steam ? DEFAULT_DIGITS : o.digits; // a Steam Guard entry's 5 characters go unsaid
  const frame = uriFrame(o.type, o.encodedIssuer);
  const uri = composeUri(frame, o.encodedAccount, o.secret, o.algorithm, digits, o.period, o.counter);
  return o.steam ? uri + '&encoder=steam' : uri;
}

/** An otpauth entry's options as {@link readUriOptions} returns them: read once, checked, defaults filled in. */
export interface UriFields {
  type: OtpType;
  secret: string;
  account: string;
  /** `account` percent-encoded for the label. */
  encodedAccount: string;
  issuer: string | undefined;
  encodedIssuer: string | undefined;
  algorithm: Algorithm;
  /** Steam Guard (`encoder: 'steam'`): TOTP, SHA1, 5 characters. */
  steam: boolean;
  /** 6–8, or 5 for Steam Guard. */
  digits: number;
  period: number;
  counter: number | undefined;
}

/**
 * Reads the options of one otpauth entry with the rules of {@link formatOtpauthUri}, each option once and as an own
 * property, naming them `<name>.<option>` in messages. Shared with `encodeMigration`, so that an exported account
 * obeys exactly the rules of a formatted one.
 *
 * @internal
 */
export function readUriOptions(options: OtpauthUriOptions, name: string): UriFields {
  const o = optionsBag(options, name);
  const type = optionalOneOf(own(o, 'type', o.type), `${name}.type`, OTP_TYPES, 'totp');
  const secret = assertCanonicalSecret(own(o, 'secret', o.secret), `${name}.secret`);
  const account = own(o, 'account', o.account) as string;
  const encodedAccount = encodeLabel(account, `${name}.account`, MAX_ACCOUNT_BYTES);
  const issuer = own(o, 'issuer', o.issuer);
  const encodedIssuer = issuer === undefined ? undefined : encodeLabel(issuer, `${name}.issuer`, MAX_ISSUER_BYTES);
  const algorithm = optionalOneOf(own(o, 'algorithm', o.algorithm), `${name}.algorithm`, ALGORITHMS, DEFAULT_ALGORITHM);
  const steam = optionalOneOf(own(o, 'encoder', o.encoder), `${name}.encoder`, ENCODERS, 'decimal') === 'steam';
  const rawDigits = own(o, 'digits', o.digits);
  const digits = steam ? steamDigits(rawDigits, type, algorithm, name) : readUriDigits(rawDigits, name);
  const rawPeriod = own(o, 'period', o.period);
  const period = optionalInteger(rawPeriod, `${name}.period`, MIN_URI_PERIOD, MAX_URI_PERIOD, DEFAULT_PERIOD);
  const counter = readUriCounter(type, own(o, 'counter', o.counter), name);
  // `encodedAccount` is the value checked above, not a re-read: a getter cannot pass with one value and use another.
  assertAccountFits(encodedAccount, `${name}.account`, encodedIssuer !== undefined);
  return { type, secret, account, encodedAccount, issuer, encodedIssuer, algorithm, steam, digits, period, counter };
}

function readUriDigits(value: unknown, name: string): number {
  return optionalInteger(value, `${name}.digits`, MIN_DIGITS, MAX_DIGITS, DEFAULT_DIGITS);
}

/** A Steam Guard entry is TOTP with HMAC-SHA1 and 5 characters. */
function steamDigits(value: unknown, type: OtpType, algorithm: Algorithm, name: string): number {
  if (type !== 'totp' || algorithm !== 'SHA1') {
    throw rangeError('ERR_INVALID_ARG_VALUE', `"${name}.encoder" 'steam' needs type 'totp' and algorithm 'SHA1'`);
  }
  return optionalInteger(value, `${name}.digits`, 5, 5, 5);
}

/** `counter` is required for HOTP (Key URI Format) and refused for TOTP, where no app would read it. */
function readUriCounter(type: OtpType, value: unknown, name: string): number | undefined {
  if (type === 'hotp') {
    if (value === undefined) {
      throw rangeError('ERR_INVALID_ARG_VALUE', `"${name}.counter" is required when "${name}.type" is 'hotp'`);
    }
    return assertInteger(value, `${name}.counter`, 0, MAX_COUNTER);
  }
  if (value !== undefined) {
    throw rangeError('ERR_INVALID_ARG_VALUE', `"${name}.counter" is only allowed when "${name}.type" is 'hotp'`);
  }
  return undefined;
}

/**
 * Joins checked, already-encoded parts into a URI. Parameter order follows the Key URI Format's examples:
 * secret, issuer, algorithm, digits, then counter or period. The parts that depend only on the type and the
 * issuer come prepared ({@link uriFrame}), so that a URI costs four concatenations in the common case.
 *
 * @internal
 */
export function composeUri(
  frame: UriFrame,
  encodedAccount: string,
  secret: string,
  algorithm: Algorithm,
  digits: number,
  period: number,
  counter: number | undefined,
): string {
  let uri = frame.prefix + encodedAccount + '?secret=' + secret + frame.issuerParameter;
  if (algorithm !== DEFAULT_ALGORITHM) uri += '&algorithm=' + algorithm;
  if (digits !== DEFAULT_DIGITS) uri += '&digits=' + digits;
  if (counter !== undefined) uri += '&counter=' + counter;
  else if (period !== DEFAULT_PERIOD) uri += '&period=' + period;
  return uri;
}

/** What comes before the account (`otpauth://totp/Example%20Co:`) and the issuer parameter (`&issuer=…`). */
export interface UriFrame {
  prefix: string;
  issuerParameter: string;
}

/** @internal The {@link UriFrame} for a type and an already-encoded issuer (or none). */
export function uriFrame(type: OtpType, encodedIssuer: string | undefined): UriFrame {
  return encodedIssuer === undefined
    ? { prefix: `otpauth://${type}/`, issuerParameter: '' }
    : { prefix: `otpauth://${type}/${encodedIssuer}:`, issuerParameter: '&issuer=' + encodedIssuer };
}
