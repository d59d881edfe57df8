/**
 * Parsing otpauth URIs (Google Authenticator's Key URI Format): the exact inverse of `formatOtpauthUri`.
 *
 * `otpauth://TYPE/LABEL?PARAMETERS` is parsed by hand, not with WHATWG `URL`: for a non-special scheme such as
 * `otpauth:` the URL parser keeps the "host" and path opaque and differs between runtimes, and it silently
 * repairs what should be rejected.
 *
 * Choices where the Key URI Format is silent or loose (each is tested):
 * - The scheme and type are matched case-insensitively (RFC 3986 §3.1, §6.2.2.1); the type is returned in lower case.
 * - The label separator is the first `:` or `%3A`; each label part is then percent-decoded once, so an encoded
 *   `%253A` stays a literal `%3A`. A label without an issuer prefix is an account alone. Label parts follow the
 *   same rules as when formatting (non-empty, no `:`, no control character, well-formed UTF-8, length limits),
 *   so every parsed result can be formatted again. Spaces are kept as they are, never trimmed.
 * - `+` is a literal plus sign, not a space (RFC 3986; the Key URI Format, pyotp and Google encode space as
 *   `%20`). `issuer=Big+Corp` is the issuer `Big+Corp`.
 * - A parameter that appears twice is rejected (`ERR_OTPAUTH_MALFORMED`): which one an app uses is anyone's
 *   guess. Unknown parameters (`image`, `color`, …) are ignored. Empty `&&` pieces are ignored.
 * - Parameter names are case-sensitive, as in the Key URI Format (`Secret=` is an unknown parameter).
 * - `algorithm` is accepted in any case and returned upper case. `digits` must be 6–8, `period` 1–3600 and
 *   `counter` 0–2^53 − 1, written as plain decimal digits.
 * - Known parameters are checked whatever the type, but `counter` is returned only for `hotp` and `period`
 *   only for `totp` (the other is `undefined`).
 * - `issuer` is `undefined` when neither the label nor the parameter has one.
 * - The secret is returned canonical: upper case, no padding, no spaces.
 *
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 * @module
 */
import { base32Decode, base32Encode } from './base32.js';
import { TotpConfigError, type ErrorCodeValue } from './errors.js';
import { assertString } from './internal/assert.js';
import { assertLabel } from './internal/label.js';
import {
  ALGORITHMS,
  type Algorithm,
  type Digits,
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  MAX_ACCOUNT_BYTES,
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_ISSUER_BYTES,
  MAX_URI_PERIOD as MAX_PERIOD,
  MIN_DIGITS,
  MIN_URI_PERIOD as MIN_PERIOD,
} from './params.js';

/** What {@link parseOtpauthUri} returns for a `totp` URI. */
export interface ParsedTotpUri {
  type: 'totp';
  /** The account name, decoded. */
  account: string;
  /** The issuer, from the label prefix or the `issuer` parameter (equal if both); `undefined` if neither. */
  issuer: string | undefined;
  /** The secret in canonical base32: upper case, no padding, no spaces. */
  secret: string;
  algorithm: Algorithm;
  digits: Digits;
  /** Time step in seconds; 30 when the URI has no `period`. */
  period: number;
  counter: undefined;
}

/** What {@link parseOtpauthUri} returns for an `hotp` URI. */
export interface ParsedHotpUri {
  type: 'hotp';
  account: string;
  issuer: string | undefined;
  secret: string;
  algorithm: Algorithm;
  digits: Digits;
  period: undefined;
  /** The initial counter (required for HOTP). */
  counter: number;
}

/** A parsed otpauth URI; `type` tells which fields are set. */
export type ParsedOtpauthUri = ParsedTotpUri | ParsedHotpUri;

const SCHEME = 'otpauth://';
const DECIMAL = /^[0-9]+$/;

function uriError(code: ErrorCodeValue, message: string): TotpConfigError {
  return new TotpConfigError(code, message);
}

/** Percent-decodes once (RFC 3986 §2.1) as UTF-8; malformed `%` or invalid UTF-8 is `ERR_OTPAUTH_ENCODING`. */
function decode(text: string, what: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    throw uriError('ERR_OTPAUTH_ENCODING', `The ${what} has malformed percent-encoding or invalid UTF-8`);
  }
}

/** Checks a decoded label part with the formatter's rules, reporting a failure as `ERR_OTPAUTH_LABEL`. */
function label(value: string, name: string, maxBytes: number): string {
  try {
    return assertLabel(value, name, maxBytes);
  } catch (error) {
    throw uriError('ERR_OTPAUTH_LABEL', `Invalid label in otpauth URI: ${(error as Error).message}`);
  }
}

/** A non-negative decimal integer in `[min, max]`, or `undefined`. */
function decimal(value: string, min: number, max: number): number | undefined {
  if (!DECIMAL.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Parses an otpauth URI in the Key URI Format into its parts; `formatOtpauthUri(parseOtpauthUri(uri))`
 * rebuilds a URI for the same key, and `parseOtpauthUri(formatOtpauthUri(o))` gives back `o` (with defaults
 * filled in).
 *
 * See the module documentation for how duplicates, unknown parameters, `+`, case and missing values are handled.
 *
 * @param uri - The URI, e.g. scanned from a QR code.
 * @returns `{ type, account, issuer, secret, algorithm, digits, period, counter }`.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `uri` is not a string.
 * @throws {TotpConfigError} with a stable code: `ERR_OTPAUTH_SCHEME` (not `otpauth://`), `ERR_OTPAUTH_TYPE`
 *   (not `totp`/`hotp`), `ERR_OTPAUTH_LABEL` (missing or invalid label, or empty `issuer`),
 *   `ERR_OTPAUTH_SECRET` (missing, empty or not base32), `ERR_OTPAUTH_ALGORITHM`, `ERR_OTPAUTH_DIGITS` (not
 *   6–8), `ERR_OTPAUTH_PERIOD` (not an integer 1–3600), `ERR_OTPAUTH_COUNTER` (hotp without a valid counter, or
 *   an invalid one), `ERR_OTPAUTH_ENCODING` (bad percent-encoding or UTF-8), `ERR_OTPAUTH_ISSUER_MISMATCH`
 *   (label issuer ≠ `issuer` parameter), `ERR_OTPAUTH_MALFORMED` (a parameter twice, a `#` fragment, a
 *   parameter without `=`). Messages never contain the secret.
 * @example
 * ```ts
 * parseOtpauthUri('otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co');
 * // => { type: 'totp', account: 'alice@example.com', issuer: 'Example Co', secret: 'JBSWY3DPEHPK3PXP',
 * //      algorithm: 'SHA1', digits: 6, period: 30, counter: undefined }
 * parseOtpauthUri('otpauth://hotp/bob?secret=jbsw%20y3dp%20ehpk%203pxp&counter=7&algorithm=sha256');
 * // => { type: 'hotp', account: 'bob', issuer: undefined, secret: 'JBSWY3DPEHPK3PXP',
 * //      algorithm: 'SHA256', digits: 6, period: undefined, counter: 7 }
 * ```
 */
export function parseOtpauthUri(uri: string): ParsedOtpauthUri {
  assertString(uri, 'uri');
  if (uri.length < SCHEME.length || uri.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    throw uriError('ERR_OTPAUTH_SCHEME', 'The URI must start with "otpauth://"');
  }
  if (uri.includes('#')) {
    throw uriError('ERR_OTPAUTH_MALFORMED', 'The otpauth URI must not contain "#" (a fragment)');
  }
  const rest = uri.slice(SCHEME.length);
  const queryStart = rest.indexOf('?');
  const path = queryStart < 0 ? rest : rest.slice(0, queryStart);
  const query = queryStart < 0 ? '' : rest.slice(queryStart + 1);
  const slash = path.indexOf('/');
  const rawType = (slash < 0 ? path : path.slice(0, slash)).toLowerCase();
  if (rawType !== 'totp' && rawType !== 'hotp') {
    throw uriError('ERR_OTPAUTH_TYPE', 'The otpauth URI type must be "totp" or "hotp"');
  }
  const type = rawType;
  const rawLabel = slash < 0 ? '' : path.slice(slash + 1);
  if (rawLabel === '') throw uriError('ERR_OTPAUTH_LABEL', 'The otpauth URI has no label (account name)');

  // The first ':' or '%3A' separates issuer from account (Key URI Format: "a literal or url-encoded colon").
  const separator = /:|%3A/i.exec(rawLabel);
  let labelIssuer: string | undefined;
  let account: string;
  if (separator === null) {
    account = label(decode(rawLabel, 'label'), 'account', MAX_ACCOUNT_BYTES);
  } else {
    labelIssuer = label(decode(rawLabel.slice(0, separator.index), 'label'), 'issuer', MAX_ISSUER_BYTES);
    account = label(decode(rawLabel.slice(separator.index + separator[0].length), 'label'), 'account', MAX_ACCOUNT_BYTES);
  }

  const params = new Map<string, string>();
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq < 0) throw uriError('ERR_OTPAUTH_MALFORMED', 'Every otpauth URI parameter must have the form name=value');
    const name = decode(piece.slice(0, eq), 'parameter name');
    if (params.has(name)) {
      // The name is a parameter name, never the secret's value, so it may be quoted.
      throw uriError('ERR_OTPAUTH_MALFORMED', `The otpauth URI parameter "${name.slice(0, 32)}" appears more than once`);
    }
    params.set(name, piece.slice(eq + 1));
  }

  const rawSecret = params.get('secret');
  if (rawSecret === undefined) throw uriError('ERR_OTPAUTH_SECRET', 'The otpauth URI has no "secret" parameter');
  let secretBytes: Uint8Array;
  try {
    secretBytes = base32Decode(decode(rawSecret, 'secret'));
  } catch (error) {
    if ((error as TotpConfigError).code === 'ERR_OTPAUTH_ENCODING') throw error;
    throw uriError('ERR_OTPAUTH_SECRET', 'The otpauth URI "secret" is not valid base32');
  }
  if (secretBytes.length === 0) throw uriError('ERR_OTPAUTH_SECRET', 'The otpauth URI "secret" is empty');
  const secret = base32Encode(secretBytes);
  secretBytes.fill(0);

  let issuer = labelIssuer;
  const rawIssuer = params.get('issuer');
  if (rawIssuer !== undefined) {
    const paramIssuer = label(decode(rawIssuer, 'issuer parameter'), 'issuer', MAX_ISSUER_BYTES);
    if (labelIssuer !== undefined && labelIssuer !== paramIssuer) {
      throw uriError(
        'ERR_OTPAUTH_ISSUER_MISMATCH',
        'The otpauth URI label issuer and "issuer" parameter differ (the Key URI Format requires them equal)',
      );
    }
    issuer = paramIssuer;
  }

  let algorithm: Algorithm = DEFAULT_ALGORITHM;
  const rawAlgorithm = params.get('algorithm');
  if (rawAlgorithm !== undefined) {
    const upper = decode(rawAlgorithm, 'algorithm').toUpperCase();
    if (!(ALGORITHMS as readonly string[]).includes(upper)) {
      throw uriError('ERR_OTPAUTH_ALGORITHM', 'The otpauth URI "algorithm" must be SHA1, SHA256 or SHA512');
    }
    algorithm = upper as Algorithm;
  }

  let digits: Digits = DEFAULT_DIGITS;
  const rawDigits = params.get('digits');
  if (rawDigits !== undefined) {
    const n = decimal(rawDigits, MIN_DIGITS, MAX_DIGITS);
    if (n === undefined) throw uriError('ERR_OTPAUTH_DIGITS', `The otpauth URI "digits" must be ${MIN_DIGITS}, 7 or ${MAX_DIGITS}`);
    digits = n as Digits;
  }

  let period = DEFAULT_PERIOD;
  const rawPeriod = params.get('period');
  if (rawPeriod !== undefined) {
    const n = decimal(rawPeriod, MIN_PERIOD, MAX_PERIOD);
    if (n === undefined) {
      throw uriError('ERR_OTPAUTH_PERIOD', `The otpauth URI "period" must be an integer from ${MIN_PERIOD} to ${MAX_PERIOD}`);
    }
    period = n;
  }

  let counter: number | undefined;
  const rawCounter = params.get('counter');
  if (rawCounter !== undefined) {
    counter = decimal(rawCounter, 0, MAX_COUNTER);
    if (counter === undefined) {
      throw uriError('ERR_OTPAUTH_COUNTER', 'The otpauth URI "counter" must be an integer from 0 to 2^53 - 1');
    }
  }

  if (type === 'hotp') {
    if (counter === undefined) throw uriError('ERR_OTPAUTH_COUNTER', 'An hotp otpauth URI must have a "counter"');
    return { type, account, issuer, secret, algorithm, digits, period: undefined, counter };
  }
  return { type, account, issuer, secret, algorithm, digits, period, counter: undefined };
}
