/**
 * Parsing otpauth URIs (Google Authenticator's Key URI Format), tolerant of what real producers write.
 *
 * `otpauth://TYPE/LABEL?PARAMETERS` is parsed by hand, not with WHATWG `URL`: for a non-special scheme such as
 * `otpauth:` the URL parser keeps the "host" and path opaque and differs between runtimes, and it silently
 * repairs what should be rejected. {@link parseOtpauthUri} is a composition of named steps: split, label, query,
 * type, names (issuer), secret and the code parameters, with one reader for every decimal parameter.
 *
 * Two modes:
 * - **Tolerant** (the default) accepts the forms that services, libraries and apps write every day and that have
 *   one sensible reading, and lists each deviation in `warnings` (see `WarningCode`): `+` for a space in the
 *   query (`issuer=Example+Co`, as `URLSearchParams` and Go's `url.Values` write it), a label issuer that differs
 *   from the `issuer` parameter (Microsoft 365), spaces after the label separator, a repeated parameter that is
 *   not read (andOTP's `tags`), an empty account or issuer, Aegis's `otpauth://steam/`.
 * - **Strict** (`{ strict: true }`) refuses each of those with the error code the input had before.
 * What is refused in both modes: anything whose meaning would be a guess (a repeated known parameter, an unknown
 * algorithm, digits outside 6–8, a secret that is not base32), a label part that breaks the label rules (so a
 * spoofed name is refused, never shown), a fragment, and a URI over {@link MAX_OTPAUTH_URI_LENGTH} characters.
 *
 * Choices where the Key URI Format is silent or loose (each is tested):
 * - The scheme and type are matched case-insensitively (RFC 3986 §3.1, §6.2.2.1); the type is returned in lower case.
 * - The label separator is the first `:` or `%3A`; each label part is then percent-decoded once, so an encoded
 *   `%253A` stays a literal `%3A`. In the label a `+` is a plus sign (RFC 3986): `foo+bar@example.com`.
 * - Parameter names are case-sensitive, as in the Key URI Format (`Secret=` is an unknown parameter). Unknown
 *   parameters (`image`, `color`, …) and empty `&&` pieces are ignored.
 * - `algorithm` and `encoder` are accepted in any case. `digits` must be 6–8, `period` 1–3600 and `counter`
 *   0–2^53 − 1, written as plain decimal digits.
 * - `encoder=steam` (KeePassXC, Aegis) makes a Steam Guard entry: `encoder: 'steam'`, 5 characters, HMAC-SHA1.
 * - The secret is returned canonical: upper case, no padding, no spaces; at most 1,024 bytes.
 *
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 * @module
 */
import { base32Decode, base32Encode } from './base32.js';
import { TotpConfigError, type ErrorCodeValue } from './errors.js';
import { assertString, optionalBoolean, optionsBag, own } from './internal/assert.js';
import { codePoint } from './internal/label.js';
import { resolveNames, type NameSources } from './internal/names.js';
import { tolerate, type ParseWarning, type Tolerance } from './internal/warnings.js';
import {
  ALGORITHMS,
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  MAX_COUNTER,
  MAX_DIGITS,
  MAX_OTP_SECRET_BYTES,
  MAX_URI_PERIOD,
  MIN_DIGITS,
  MIN_URI_PERIOD,
  type Algorithm,
  type Digits,
  type OtpType,
} from './params.js';

export type { ParseWarning, WarningCode } from './internal/warnings.js';

/** What every parsed otpauth URI has. */
interface ParsedBase {
  /** The account name, decoded (empty only with an `EMPTY_ACCOUNT` warning). */
  account: string;
  /** The issuer: the `issuer` parameter, else the label's prefix; `undefined` if neither has one. */
  issuer: string | undefined;
  /** The secret in canonical base32: upper case, no padding, no spaces. */
  secret: string;
  /** Every deviation that was tolerated; empty for a clean URI, and always empty in strict mode. */
  warnings: ParseWarning[];
}

/** What {@link parseOtpauthUri} returns for a `totp` URI with RFC 6238 decimal codes. */
export interface ParsedTotpUri extends ParsedBase {
  /** `'totp'`: time-based codes (RFC 6238). */
  type: 'totp';
  /** The HMAC hash function; `'SHA1'` when the URI has no `algorithm`. */
  algorithm: Algorithm;
  /** Code length, 6 to 8; 6 when the URI has no `digits`. */
  digits: Digits;
  /** Time step in seconds; 30 when the URI has no `period`. */
  period: number;
  /** Always `undefined`: a TOTP entry has no counter (a `counter` parameter is checked, then ignored). */
  counter: undefined;
  /** `'decimal'`: codes are `digits` decimal digits. */
  encoder: 'decimal';
}

/** What {@link parseOtpauthUri} returns for a Steam Guard entry (`encoder=steam`, or Aegis's `otpauth://steam/`). */
export interface ParsedSteamUri extends ParsedBase {
  /** `'totp'`: Steam Guard codes are time-based. */
  type: 'totp';
  /** Always `'SHA1'`: Steam Guard's HMAC (another `algorithm` is refused). */
  algorithm: 'SHA1';
  /** Steam Guard codes have 5 characters of `23456789BCDFGHJKMNPQRTVWXY`. */
  digits: 5;
  /** Time step in seconds; 30 when the URI has no `period`. */
  period: number;
  /** Always `undefined`: a TOTP entry has no counter. */
  counter: undefined;
  /** `'steam'`: pass the result to `generateTotp`/`verifyTotp` as options, and they compute Steam Guard codes. */
  encoder: 'steam';
}

/** What {@link parseOtpauthUri} returns for an `hotp` URI. */
export interface ParsedHotpUri extends ParsedBase {
  /** `'hotp'`: counter-based codes (RFC 4226). */
  type: 'hotp';
  /** The HMAC hash function; `'SHA1'` when the URI has no `algorithm`. */
  algorithm: Algorithm;
  /** Code length, 6 to 8; 6 when the URI has no `digits`. */
  digits: Digits;
  /** Always `undefined`: an HOTP entry has no period (a `period` parameter is checked, then ignored). */
  period: undefined;
  /** The initial counter (required for HOTP). */
  counter: number;
  /** `'decimal'`: codes are `digits` decimal digits. */
  encoder: 'decimal';
}

/**
 * A parsed otpauth URI; `type` and `encoder` tell which fields are set. Each member can be passed as it is to
 * `formatOtpauthUri`, and a TOTP one to `generateTotp`/`verifyTotp` as options (an HOTP one to `verifyHotp`).
 */
export type ParsedOtpauthUri = ParsedTotpUri | ParsedSteamUri | ParsedHotpUri;

/** Options for {@link parseOtpauthUri}. */
export interface ParseOptions {
  /** Refuse every deviation that tolerant parsing would report as a warning. Default `false`. */
  strict?: boolean | undefined;
}

/**
 * The longest otpauth URI accepted, in characters (UTF-16 code units): the longest that `formatOtpauthUri`
 * writes is 2,490, and a version 40 QR code holds at most 2,953 bytes; the rest leaves room for unknown
 * parameters. A longer URI is refused before it is read, in constant time.
 */
export const MAX_OTPAUTH_URI_LENGTH = 4096;

const SCHEME = 'otpauth://';
const DECIMAL = /^[0-9]+$/;
/** Any character RFC 3986 §2 does not allow in a URI unencoded (its unreserved and reserved sets, and `%`). */
const NOT_URI = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
/** Parameters that are read: a repeated one is refused, because which of its values an app uses is a guess. */
const READ_PARAMETERS = ['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder'];
const URI_SOURCES: NameSources = { prefix: "the label's issuer prefix", parameter: 'the "issuer" parameter' };

/**
 * Parses an otpauth URI in the Key URI Format. By default it is tolerant: the deviations that real producers
 * write are accepted and listed in `warnings`; `{ strict: true }` refuses them. For every URI that parses
 * without warnings, `formatOtpauthUri(parseOtpauthUri(uri))` is defined and parses back to the same result; for
 * every valid `o`, `parseOtpauthUri(formatOtpauthUri(o))` gives `o` back, defaults filled in, with no warnings.
 *
 * See the module documentation and the README's tolerant parsing table for what is tolerated and why.
 *
 * @param uri - The URI, e.g. scanned from a QR code.
 * @param options - `strict: true` refuses every deviation; see {@link ParseOptions}.
 * @returns `{ type, account, issuer, secret, algorithm, digits, period, counter, encoder, warnings }`.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `uri` is not a string or `options.strict` not a boolean.
 * @throws {TotpConfigError} with a stable code: `ERR_OTPAUTH_SCHEME` (not `otpauth://`), `ERR_OTPAUTH_TYPE`
 *   (not `totp`/`hotp`), `ERR_OTPAUTH_LABEL` (missing label, a label part that breaks the label rules),
 *   `ERR_OTPAUTH_SECRET` (missing, empty, not base32, over 1,024 bytes), `ERR_OTPAUTH_ALGORITHM`,
 *   `ERR_OTPAUTH_DIGITS` (not 6–8), `ERR_OTPAUTH_PERIOD` (not an integer 1–3600), `ERR_OTPAUTH_COUNTER` (hotp
 *   without a valid counter, or an invalid one), `ERR_OTPAUTH_ENCODER` (an encoder other than `steam`, or Steam
 *   on hotp), `ERR_OTPAUTH_ENCODING` (bad percent-encoding or UTF-8), `ERR_OTPAUTH_MALFORMED` (a known parameter
 *   twice, a `#` fragment, a parameter without `=`, over {@link MAX_OTPAUTH_URI_LENGTH} characters); in strict
 *   mode also `ERR_OTPAUTH_ISSUER_MISMATCH` and the codes listed in the README for each deviation. Messages never
 *   contain the secret.
 * @example
 * ```ts
 * parseOtpauthUri('otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co');
 * // => { type: 'totp', account: 'alice@example.com', issuer: 'Example Co', secret: 'JBSWY3DPEHPK3PXP',
 * //      algorithm: 'SHA1', digits: 6, period: 30, counter: undefined, encoder: 'decimal', warnings: [] }
 * parseOtpauthUri('otpauth://totp/Contoso:bob?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft').warnings;
 * // => [{ code: 'ISSUER_MISMATCH',
 * //       message: 'the label\'s issuer prefix and the "issuer" parameter differ: the "issuer" parameter is used' }]
 * parseOtpauthUri('otpauth://totp/Contoso:bob?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft', { strict: true });
 * // throws ERR_OTPAUTH_ISSUER_MISMATCH
 * ```
 */
export function parseOtpauthUri(uri: string, options?: ParseOptions): ParsedOtpauthUri {
  assertString(uri, 'uri');
  const o = optionsBag(options, 'options');
  const t: Tolerance = { strict: optionalBoolean(own(o, 'strict', o.strict), 'options.strict', false), warnings: [] };
  const parts = splitUri(uri, t);
  const label = splitLabel(parts.label);
  const params = readQuery(parts.query, t);
  const { type, steam } = readType(parts.type, params, t);
  const issuerParameter = queryValue(params, 'issuer', t);
  const { account, issuer } = resolveNames(label.prefix, label.account, issuerParameter, t, URI_SOURCES);
  const secret = readSecret(params, t);
  const warnings = t.warnings;
  const steps = readSteps(params, t);
  const period = steps.period ?? DEFAULT_PERIOD;
  if (steam) {
    readAlgorithm(params, true, t); // SHA1, or refused
    readSteamDigits(params, t);
    const [algorithm, digits, encoder] = ['SHA1', 5, 'steam'] as const;
    return { type: 'totp', account, issuer, secret, algorithm, digits, period, counter: undefined, encoder, warnings };
  }
  const algorithm = readAlgorithm(params, false, t);
  const digits = (readDecimal(params, 'digits', MIN_DIGITS, MAX_DIGITS, t) ?? DEFAULT_DIGITS) as Digits;
  const encoder = 'decimal';
  if (type === 'totp') {
    return { type, account, issuer, secret, algorithm, digits, period, counter: undefined, encoder, warnings };
  }
  const counter = steps.counter;
  if (counter === undefined) throw uriError('ERR_OTPAUTH_COUNTER', 'An hotp otpauth URI must have a "counter"');
  return { type, account, issuer, secret, algorithm, digits, period: undefined, counter, encoder, warnings };
}

function uriError(code: ErrorCodeValue, message: string, cause?: unknown): TotpConfigError {
  return new TotpConfigError(code, message, { cause });
}

/** The raw (still encoded) parts of a URI: its type as written but lower case, its label and its query. */
interface UriParts {
  type: string;
  label: string;
  query: string;
}

/**
 * Step 1, split: checks the scheme and the length (before anything else, so that an oversized input costs no
 * more than the limit), refuses a fragment, notes characters that RFC 3986 requires encoded, and splits
 * `otpauth://TYPE/LABEL?QUERY`.
 */
function splitUri(uri: string, t: Tolerance): UriParts {
  if (uri.length < SCHEME.length || uri.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    throw uriError('ERR_OTPAUTH_SCHEME', 'The URI must start with "otpauth://"');
  }
  if (uri.length > MAX_OTPAUTH_URI_LENGTH) {
    throw uriError(
      'ERR_OTPAUTH_MALFORMED',
      `The otpauth URI must be at most ${MAX_OTPAUTH_URI_LENGTH} characters (received ${uri.length})`,
    );
  }
  if (uri.includes('#')) throw uriError('ERR_OTPAUTH_MALFORMED', 'The otpauth URI must not contain "#" (a fragment)');
  const raw = NOT_URI.exec(uri);
  if (raw !== null) {
    // Only the code point and index are named: base32 characters are all URI characters, so this is never the secret.
    const c = codePoint(raw[0].charCodeAt(0));
    tolerate(
      t,
      'RAW_CHARACTERS',
      'ERR_OTPAUTH_ENCODING',
      `the URI has a character that RFC 3986 requires percent-encoded (${c} at index ${raw.index})`,
      'read as itself',
    );
  }
  const rest = uri.slice(SCHEME.length);
  const queryStart = rest.indexOf('?');
  const path = queryStart < 0 ? rest : rest.slice(0, queryStart);
  const slash = path.indexOf('/');
  const type = (slash < 0 ? path : path.slice(0, slash)).toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw uriError('ERR_OTPAUTH_TYPE', 'The otpauth URI type must be "totp" or "hotp"');
  }
  const label = slash < 0 ? '' : path.slice(slash + 1);
  if (label === '') throw uriError('ERR_OTPAUTH_LABEL', 'The otpauth URI has no label (account name)');
  return { type, label, query: queryStart < 0 ? '' : rest.slice(queryStart + 1) };
}

/** Percent-decodes once (RFC 3986 §2.1) as UTF-8; malformed `%` or invalid UTF-8 is `ERR_OTPAUTH_ENCODING`. */
function percentDecode(text: string, what: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw uriError('ERR_OTPAUTH_ENCODING', `The ${what} has malformed percent-encoding or invalid UTF-8`, cause);
  }
}

/**
 * Step 2, label: splits at the first `:` or `%3A` (the Key URI Format: "a literal or url-encoded colon") and
 * decodes each part once. The names step ({@link resolveNames}) checks them.
 */
function splitLabel(label: string): { prefix: string | undefined; account: string } {
  const separator = /:|%3A/i.exec(label);
  if (separator === null) return { prefix: undefined, account: percentDecode(label, 'label') };
  return {
    prefix: percentDecode(label.slice(0, separator.index), 'label'),
    account: percentDecode(label.slice(separator.index + separator[0].length), 'label'),
  };
}

/**
 * Step 3, query: the parameters by decoded name, values still encoded. A repeated parameter that is read is
 * refused; one that is not read is ignored (andOTP writes one `tags=` per tag), with a warning.
 */
function readQuery(query: string, t: Tolerance): Map<string, string> {
  const params = new Map<string, string>();
  const repeated = new Set<string>();
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq < 0) throw uriError('ERR_OTPAUTH_MALFORMED', 'Every otpauth URI parameter must have the form name=value');
    const name = percentDecode(piece.slice(0, eq), 'parameter name');
    if (!params.has(name)) {
      params.set(name, piece.slice(eq + 1));
      if (!READ_PARAMETERS.includes(name) && READ_PARAMETERS.includes(name.toLowerCase())) {
        tolerate(
          t,
          'IGNORED_PARAMETER',
          'ERR_OTPAUTH_MALFORMED',
          `the parameter "${name}" is not read`,
          'ignored (parameter names are case-sensitive, as apps read them)',
        );
      }
    } else if (READ_PARAMETERS.includes(name)) {
      throw uriError('ERR_OTPAUTH_MALFORMED', `The otpauth URI parameter "${name}" appears more than once`);
    } else if (!repeated.has(name)) {
      repeated.add(name);
      tolerate(
        t,
        'REPEATED_PARAMETER',
        'ERR_OTPAUTH_MALFORMED',
        `the parameter ${quoteName(name)} appears more than once`,
        'ignored (it is not read)',
      );
    }
  }
  return params;
}

/** A parameter name for a message: quoted when short and plain (it is then no secret), else only its length. */
function quoteName(name: string): string {
  return /^[A-Za-z0-9_.-]{1,15}$/.test(name) ? `"${name}"` : `of ${name.length} characters`;
}

/**
 * A parameter's value, decoded: `+` is a space, as every form decoder reads a query (WHATWG `URLSearchParams`,
 * Go's `url.Values`, Python's `parse_qsl`), with a warning; then percent-decoding. `undefined` if absent.
 */
function queryValue(params: Map<string, string>, name: string, t: Tolerance): string | undefined {
  let value = params.get(name);
  if (value === undefined) return undefined;
  if (value.includes('+')) {
    tolerate(
      t,
      'PLUS_AS_SPACE',
      'ERR_OTPAUTH_ENCODING',
      `the "${name}" parameter has "+"`,
      'read as a space (form encoding)',
    );
    value = value.replace(/\+/g, ' ');
  }
  return percentDecode(value, `"${name}" parameter`);
}

/**
 * Step 4, type: `totp` or `hotp`, and whether the codes are Steam Guard's: `encoder=steam` (KeePassXC, Aegis),
 * or Aegis's `otpauth://steam/` (tolerated: it is no type of the Key URI Format).
 */
function readType(rawType: string, params: Map<string, string>, t: Tolerance): { type: OtpType; steam: boolean } {
  const encoder = queryValue(params, 'encoder', t)?.toLowerCase();
  if (encoder !== undefined && encoder !== 'steam' && encoder !== 'decimal') {
    throw uriError('ERR_OTPAUTH_ENCODER', 'The otpauth URI "encoder" must be "steam" (or left out)');
  }
  if (rawType === 'steam') {
    tolerate(t, 'STEAM_TYPE', 'ERR_OTPAUTH_TYPE', 'the URI type is "steam" (Aegis)', 'read as totp with encoder=steam');
    if (encoder === 'decimal') {
      throw uriError('ERR_OTPAUTH_ENCODER', 'An otpauth://steam/ URI must not say encoder=decimal');
    }
    return { type: 'totp', steam: true };
  }
  if (encoder === 'steam' && rawType === 'hotp') {
    throw uriError('ERR_OTPAUTH_ENCODER', 'Steam Guard codes are time-based: encoder=steam needs type "totp"');
  }
  return { type: rawType as OtpType, steam: encoder === 'steam' };
}

/** Step 5, secret: base32 in any case, with spaces or padding; returned canonical. The decoded key is wiped. */
function readSecret(params: Map<string, string>, t: Tolerance): string {
  const text = queryValue(params, 'secret', t);
  if (text === undefined) throw uriError('ERR_OTPAUTH_SECRET', 'The otpauth URI has no "secret" parameter');
  let bytes: Uint8Array;
  try {
    bytes = base32Decode(text);
  } catch (cause) {
    throw uriError('ERR_OTPAUTH_SECRET', 'The otpauth URI "secret" is not valid base32', cause);
  }
  try {
    if (bytes.length === 0) throw uriError('ERR_OTPAUTH_SECRET', 'The otpauth URI "secret" is empty');
    if (bytes.length > MAX_OTP_SECRET_BYTES) {
      throw uriError('ERR_OTPAUTH_SECRET', `The otpauth URI "secret" must be at most ${MAX_OTP_SECRET_BYTES} bytes`);
    }
    return base32Encode(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** `algorithm`, in any case, returned upper case; a Steam Guard entry can only be SHA1. */
function readAlgorithm(params: Map<string, string>, steam: boolean, t: Tolerance): Algorithm {
  const text = queryValue(params, 'algorithm', t);
  if (text === undefined) return DEFAULT_ALGORITHM;
  const algorithm = text.toUpperCase() as Algorithm;
  if (!ALGORITHMS.includes(algorithm)) {
    throw uriError('ERR_OTPAUTH_ALGORITHM', 'The otpauth URI "algorithm" must be SHA1, SHA256 or SHA512');
  }
  if (steam && algorithm !== 'SHA1') {
    throw uriError('ERR_OTPAUTH_ALGORITHM', 'A Steam Guard entry\'s "algorithm" must be SHA1');
  }
  return algorithm;
}

/** A Steam Guard code always has 5 characters: `digits=5` (KeePassXC writes it) is fine, another value ignored. */
function readSteamDigits(params: Map<string, string>, t: Tolerance): void {
  const text = queryValue(params, 'digits', t);
  if (text !== undefined && text !== '5') {
    tolerate(
      t,
      'IGNORED_PARAMETER',
      'ERR_OTPAUTH_DIGITS',
      'a Steam Guard entry has "digits" other than 5',
      'ignored (Steam Guard codes have 5 characters)',
    );
  }
}

/**
 * `period` and `counter`: each is checked whatever the type (a malformed one is refused), but only TOTP reads
 * `period` and only HOTP `counter` (required by the Key URI Format). The other one is ignored without a warning:
 * it cannot change a code, and exports write it (Ente Auth writes `period=30` on HOTP entries).
 */
function readSteps(params: Map<string, string>, t: Tolerance): Record<'period' | 'counter', number | undefined> {
  const period = readDecimal(params, 'period', MIN_URI_PERIOD, MAX_URI_PERIOD, t);
  return { period, counter: readDecimal(params, 'counter', 0, MAX_COUNTER, t) };
}

/** The code of each decimal parameter, and the rule its message states. */
const DECIMALS = {
  digits: ['ERR_OTPAUTH_DIGITS', `${MIN_DIGITS}, 7 or ${MAX_DIGITS} (a Steam Guard entry says encoder=steam)`],
  period: ['ERR_OTPAUTH_PERIOD', `an integer from ${MIN_URI_PERIOD} to ${MAX_URI_PERIOD}`],
  counter: ['ERR_OTPAUTH_COUNTER', 'an integer from 0 to 2^53 - 1'],
} as const;

/**
 * The one reader of decimal parameters (`digits`, `period`, `counter`): plain decimal digits (leading zeros
 * allowed, no sign, point or exponent) in `[min, max]`; `undefined` if absent.
 */
function readDecimal(
  params: Map<string, string>,
  name: keyof typeof DECIMALS,
  min: number,
  max: number,
  t: Tolerance,
): number | undefined {
  const text = queryValue(params, name, t);
  if (text === undefined) return undefined;
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) {
    const [code, rule] = DECIMALS[name];
    throw uriError(code, `The otpauth URI "${name}" must be ${rule}`);
  }
  return n;
}
