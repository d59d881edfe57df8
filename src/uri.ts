/**
 * otpauth URIs in Google Authenticator's Key URI Format:
 * `otpauth://TYPE/LABEL?PARAMETERS`, with `LABEL = issuer ":" account` (or the account alone).
 *
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 * @module
 */
import { rangeError, TotpConfigError } from './errors.js';
import { assertInteger, assertOptions, assertString, optionalInteger, optionalOneOf } from './internal/assert.js';

/** The HMAC algorithms of RFC 6238 §1.2 that authenticator apps support. */
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';
/** Every {@link Algorithm}, in order. */
export const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];
/** The two OTP kinds of the Key URI Format. */
export type OtpType = 'totp' | 'hotp';
/** Every {@link OtpType}. */
export const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp'];

/** Key URI Format defaults: a parameter equal to its default is left out, which keeps the QR code small. */
export const DEFAULT_ALGORITHM: Algorithm = 'SHA1';
export const DEFAULT_DIGITS = 6;
export const DEFAULT_PERIOD = 30;
/** Digits an authenticator app can show (RFC 4226 §5.3 asks for at least 6; apps stop at 8). */
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
/** Periods accepted when making a URI: one second to one hour. */
export const MIN_PERIOD = 1;
export const MAX_PERIOD = 3600;
/** Largest HOTP counter we write: the largest integer a JavaScript number holds exactly. */
export const MAX_COUNTER = 9007199254740991; // Number.MAX_SAFE_INTEGER, as a literal so that bundlers can drop it

/**
 * Longest account name (the `user`), in UTF-8 bytes. Together with {@link MAX_ISSUER_BYTES} and the longest
 * secret, even a label of 4-byte characters (each percent-encoded to 12 characters) keeps the URI under
 * 1,000 characters, within a QR code of version 27 at level M; ordinary ASCII labels give versions 5 to 10.
 */
export const MAX_ACCOUNT_BYTES = 128;
/** Longest issuer, in UTF-8 bytes. The issuer appears twice in the URI: in the label and as a parameter. */
export const MAX_ISSUER_BYTES = 64;

/** Options for {@link formatOtpauthUri}. */
export interface OtpauthUriOptions {
  /** `'totp'` (default) or `'hotp'`. */
  type?: OtpType;
  /** The shared secret in canonical base32: upper case `A–Z2–7`, no padding, no spaces. */
  secret: string;
  /** The account name, e.g. the user's e-mail address. See {@link assertLabel} for the rules. */
  account: string;
  /** The provider or service, e.g. `'Example Co'`. Optional; recommended by the Key URI Format. */
  issuer?: string;
  /** Default `'SHA1'`; written only when different. */
  algorithm?: Algorithm;
  /** 6, 7 or 8. Default 6; written only when different. */
  digits?: number;
  /** TOTP time step in seconds, 1 to 3600. Default 30; written only when different. Not written for HOTP. */
  period?: number;
  /** HOTP only, and required there: the initial counter, an integer from 0 to 2^53 − 1. */
  counter?: number;
}

/**
 * Checks a label part (account or issuer) against the rules of the Key URI Format, and a few of our own so that
 * every app shows the same name:
 * - a non-empty string;
 * - well-formed Unicode: no lone surrogate, which has no UTF-8 form;
 * - no control character (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F);
 * - no `:`, which separates issuer from account (the Key URI Format says neither may contain one);
 * - at most `maxBytes` bytes in UTF-8.
 * Nothing is trimmed or normalised: a value that breaks a rule is refused, never changed.
 *
 * @param value - the label part.
 * @param name - the argument name for the error message.
 * @param maxBytes - the longest UTF-8 length allowed.
 * @returns `value`, unchanged.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `value` is not a string.
 * @throws {RangeError} `ERR_INVALID_LABEL` naming the rule and the index where it is broken.
 * @example
 * ```ts
 * assertLabel('alice@example.com', 'user', MAX_ACCOUNT_BYTES); // => 'alice@example.com'
 * assertLabel('Example:Co', 'issuer', MAX_ISSUER_BYTES); // throws: "issuer" must not contain ':' (found at index 7)
 * ```
 */
export function assertLabel(value: unknown, name: string, maxBytes: number): string {
  encodeLabel(value, name, maxBytes);
  return value as string;
}

/** `%XX` for every ASCII character, upper-case hex as RFC 3986 §2.1 recommends. */
const ESCAPES = /* @__PURE__ */ Array.from({ length: 128 }, (_, c) => '%' + (c + 256).toString(16).slice(1).toUpperCase());

/**
 * Checks a label part with the rules of {@link assertLabel} and percent-encodes it as UTF-8 per RFC 3986 §2.1,
 * in one pass: everything but the unreserved characters (`A–Z a–z 0–9 - . _ ~`, §2.3) becomes `%XX`. Space is
 * `%20`, never `+`, and `& + # / ? = % @ ! ' ( ) *` are always encoded. Runs of unreserved characters are copied
 * as slices, so an ASCII label costs one scan and a few concatenations.
 *
 * @param value - the label part.
 * @param name - the argument name for error messages.
 * @param maxBytes - the longest UTF-8 length allowed.
 * @returns the encoded text.
 * @throws the errors of {@link assertLabel}.
 * @example
 * ```ts
 * encodeLabel('Example Co', 'issuer', MAX_ISSUER_BYTES);      // => 'Example%20Co'
 * encodeLabel('alice@example.com', 'user', MAX_ACCOUNT_BYTES); // => 'alice%40example.com'
 * ```
 */
export function encodeLabel(value: unknown, name: string, maxBytes: number): string {
  const text = assertString(value, name);
  let out = '';
  let run = 0; // start of the current run of unreserved characters
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ||
      c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e
    ) {
      bytes++;
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      throw labelError(`"${name}" must not contain a control character (${codePoint(c)} at index ${i})`);
    }
    if (c === 0x3a) throw labelError(`"${name}" must not contain ':' (found at index ${i})`);
    if (run < i) out += text.slice(run, i);
    if (c < 0x80) {
      out += ESCAPES[c];
      bytes++;
    } else {
      // UTF-8 (RFC 3629) by the runtime: encodeURIComponent encodes one character, or a surrogate pair, and
      // throws on a lone surrogate, which has no UTF-8 form.
      const size = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      let escaped: string;
      try {
        escaped = encodeURIComponent(text.slice(i, i + size));
      } catch {
        throw labelError(`"${name}" must be well-formed Unicode (lone surrogate ${codePoint(c)} at index ${i})`);
      }
      out += escaped;
      bytes += escaped.length / 3;
      i += size - 1;
    }
    run = i + 1;
  }
  if (bytes === 0 || bytes > maxBytes) {
    throw labelError(bytes === 0 ? `"${name}" must not be empty` : `"${name}" must be at most ${maxBytes} bytes in UTF-8 (received ${bytes})`);
  }
  return run === 0 ? text : out + text.slice(run);
}

function codePoint(c: number): string {
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}

function labelError(message: string): RangeError {
  return rangeError('ERR_INVALID_LABEL', message);
}

/** Canonical base32: upper case alphabet only; the length check for whole bytes is done separately. */
const CANONICAL_BASE32 = /^[A-Z2-7]+$/;
/** 1, 3 or 6 characters in the last group of 8 cannot encode whole bytes (RFC 4648 §6). */
const IMPOSSIBLE_TAIL = [false, true, false, true, false, false, true, false];

/**
 * Checks that a secret is canonical base32 (upper case, no padding, no spaces, whole bytes). The message never
 * contains the secret, only its length and the index of the first bad character.
 *
 * @internal
 */
export function assertCanonicalSecret(value: unknown, name: string): string {
  const secret = assertString(value, name);
  if (!CANONICAL_BASE32.test(secret)) {
    const index = secret.search(/[^A-Z2-7]/);
    throw new TotpConfigError(
      'ERR_INVALID_BASE32',
      secret.length === 0
        ? `"${name}" must not be empty`
        : `"${name}" must be canonical base32 (upper case A-Z and 2-7, no padding or spaces); bad character at index ${index}`,
    );
  }
  if (IMPOSSIBLE_TAIL[secret.length % 8]) {
    throw new TotpConfigError(
      'ERR_INVALID_BASE32',
      `"${name}" has an impossible base32 length (${secret.length} characters: the last group has ${secret.length % 8})`,
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
 * URIs make smaller QR codes, and some apps ignore them anyway. Nothing is normalised: a value that breaks a
 * rule is refused.
 *
 * @param options - see {@link OtpauthUriOptions}.
 * @returns the URI.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a value of the wrong type.
 * @throws {RangeError} `ERR_INVALID_LABEL` for a bad account or issuer (see {@link assertLabel}), or an account of
 *   `.` or `..` without an issuer (URL parsers would drop it as a dot segment);
 *   `ERR_OUT_OF_RANGE` for digits, period or counter out of range; `ERR_INVALID_ARG_VALUE` for an unknown type
 *   or algorithm, a counter on a TOTP URI, or a missing counter on an HOTP URI.
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
  const o = assertOptions<OtpauthUriOptions>(options, 'options');
  const type = optionalOneOf(o.type, 'options.type', OTP_TYPES, 'totp');
  const secret = assertCanonicalSecret(o.secret, 'options.secret');
  const account = encodeLabel(o.account, 'options.account', MAX_ACCOUNT_BYTES);
  const issuer = o.issuer === undefined ? undefined : encodeLabel(o.issuer, 'options.issuer', MAX_ISSUER_BYTES);
  const algorithm = optionalOneOf(o.algorithm, 'options.algorithm', ALGORITHMS, DEFAULT_ALGORITHM);
  const digits = optionalInteger(o.digits, 'options.digits', MIN_DIGITS, MAX_DIGITS, DEFAULT_DIGITS);
  const period = optionalInteger(o.period, 'options.period', MIN_PERIOD, MAX_PERIOD, DEFAULT_PERIOD);
  let counter: number | undefined;
  if (type === 'hotp') {
    if (o.counter === undefined) {
      throw rangeError('ERR_INVALID_ARG_VALUE', '"options.counter" is required when "options.type" is \'hotp\'');
    }
    counter = assertInteger(o.counter, 'options.counter', 0, MAX_COUNTER);
  } else if (o.counter !== undefined) {
    throw rangeError('ERR_INVALID_ARG_VALUE', '"options.counter" is only allowed when "options.type" is \'hotp\'');
  }
  if (issuer === undefined && (o.account === '.' || o.account === '..')) {
    // The label would be the whole path segment, and URL parsers drop '.' and '..' segments (RFC 3986 §5.2.4,
    // WHATWG URL even as %2E): the account would be lost.
    throw labelError(`"options.account" must not be '.' or '..' when there is no issuer`);
  }
  return composeUri(uriFrame(type, issuer), account, secret, algorithm, digits, period, counter);
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
