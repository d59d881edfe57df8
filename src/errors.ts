/**
 * Error types and stable error codes.
 *
 * Every error this library throws is a `TypeError` (wrong type), a `RangeError` (value out of range) or a
 * {@link TotpConfigError} (malformed text, such as bad base32 or a bad otpauth URI), and every one carries a
 * stable `code` string, as Node's own errors do. Match on `code`, never on the message: messages may be
 * reworded, codes will not change.
 *
 * Messages name the argument and the rule that was broken. They never contain a secret or anything derived
 * from one.
 *
 * @module
 */

/**
 * Every `code` an error from this library can carry. The library's own modules throw with the literal strings
 * (type-checked against this list through {@link ErrorCodeValue}), so that a bundle which never reads this
 * object does not carry it.
 */
export const ErrorCode = {
  /** An argument has the wrong type (`digits: '6'`). Thrown as `TypeError`. */
  INVALID_ARG_TYPE: 'ERR_INVALID_ARG_TYPE',
  /** A number is outside its allowed range or not an integer (`period: 1.5`). Thrown as `RangeError`. */
  OUT_OF_RANGE: 'ERR_OUT_OF_RANGE',
  /** A string option is not one of the allowed values (`algorithm: 'MD5'`). Thrown as `RangeError`. */
  INVALID_ARG_VALUE: 'ERR_INVALID_ARG_VALUE',
  /** A user, account or issuer label breaks a rule (empty, ':', control character, too long …). */
  INVALID_LABEL: 'ERR_INVALID_LABEL',
  /** Text is not valid base32 (RFC 4648 §6). */
  INVALID_BASE32: 'ERR_INVALID_BASE32',
  /** No `globalThis.crypto.getRandomValues` exists in this runtime. There is deliberately no fallback. */
  NO_CSPRNG: 'ERR_NO_CSPRNG',
  /**
   * `crypto.getRandomValues` threw (the original error is the `cause`), or returned 16 or more bytes that are all
   * equal: a no-op, zero-filling or partial polyfill. A real CSPRNG does that with probability 2^-120.
   */
  CSPRNG_FAILED: 'ERR_CSPRNG_FAILED',
  /** An otpauth URI does not start with `otpauth://`. */
  URI_SCHEME: 'ERR_OTPAUTH_SCHEME',
  /** An otpauth URI's type is neither `totp` nor `hotp` (nor, except in strict parsing, Aegis's `steam`). */
  URI_TYPE: 'ERR_OTPAUTH_TYPE',
  /**
   * An otpauth URI's label is missing or malformed (a label part breaks the label rules); in strict parsing also
   * an empty account or issuer, or spaces after the issuer prefix.
   */
  URI_LABEL: 'ERR_OTPAUTH_LABEL',
  /** An otpauth URI has no `secret`, or one that is not valid base32. */
  URI_SECRET: 'ERR_OTPAUTH_SECRET',
  /** An otpauth URI names an algorithm other than SHA1, SHA256 or SHA512. */
  URI_ALGORITHM: 'ERR_OTPAUTH_ALGORITHM',
  /** An otpauth URI's `digits` is not 6, 7 or 8. */
  URI_DIGITS: 'ERR_OTPAUTH_DIGITS',
  /** An otpauth URI's `period` is not a positive integer. */
  URI_PERIOD: 'ERR_OTPAUTH_PERIOD',
  /** An `hotp` URI has no valid `counter`. */
  URI_COUNTER: 'ERR_OTPAUTH_COUNTER',
  /**
   * An otpauth URI has malformed percent-encoding or invalid UTF-8 in it; in strict parsing also a `+` in a
   * parameter that is read, or a character that RFC 3986 requires percent-encoded.
   */
  URI_ENCODING: 'ERR_OTPAUTH_ENCODING',
  /** Strict parsing only: the label's issuer prefix and the `issuer` parameter are both present and differ. */
  URI_ISSUER_MISMATCH: 'ERR_OTPAUTH_ISSUER_MISMATCH',
  /**
   * A known parameter appears more than once, the URI is longer than 4,096 characters, or it is otherwise
   * malformed; in strict parsing also a repeated unknown parameter.
   */
  URI_MALFORMED: 'ERR_OTPAUTH_MALFORMED',
  /** An otpauth URI's `encoder` is not `steam` (or `decimal`), or asks for Steam Guard codes on an `hotp` URI. */
  URI_ENCODER: 'ERR_OTPAUTH_ENCODER',
  /** An `otpauth-migration` URI, its base64 or its protobuf payload is malformed. */
  MIGRATION_MALFORMED: 'ERR_MIGRATION_MALFORMED',
  /** An `otpauth-migration` payload has a version other than 1 or 2. */
  MIGRATION_VERSION: 'ERR_MIGRATION_VERSION',
  /**
   * An account that one side cannot represent: exporting a period other than 30 s, 7 digits or a Steam Guard
   * entry; importing MD5, an unknown algorithm, digit count or type, or a counter beyond 2^53 − 1.
   */
  MIGRATION_UNSUPPORTED: 'ERR_MIGRATION_UNSUPPORTED',
  /** An imported account breaks a rule of otpauth URIs (no secret, a bad name …); the `cause` says which. */
  MIGRATION_ACCOUNT: 'ERR_MIGRATION_ACCOUNT',
  /** Migration batches that do not belong together: another batch id or size, an index twice, or missing ones. */
  MIGRATION_BATCH: 'ERR_MIGRATION_BATCH',
  /** Text is too long for a version 40 QR code at the chosen error-correction level. */
  QR_DATA_TOO_LONG: 'ERR_QR_DATA_TOO_LONG',
  /** `hashRecoveryCode` was given text that is not a recovery code (wrong symbols or length). A `RangeError`. */
  INVALID_RECOVERY_CODE: 'ERR_INVALID_RECOVERY_CODE',
  /** A recovery code under 112 bits was to be stored as a plain hash: it needs a pepper. A `RangeError`. */
  WEAK_RECOVERY_CODE: 'ERR_WEAK_RECOVERY_CODE',
  /** A stored recovery-code hash is not in the `$tcrc$…` format `hashRecoveryCode` writes. */
  INVALID_RECOVERY_HASH: 'ERR_INVALID_RECOVERY_HASH',
  /** An option is not known to work in an app named in `compatibleWith`. A `RangeError`. */
  APP_INCOMPATIBLE: 'ERR_APP_INCOMPATIBLE',
} as const;

/** The union of all error code strings. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The library's own error class, for malformed text (bad base32, a bad otpauth URI …) and for a missing CSPRNG.
 *
 * @example
 * ```ts
 * try { base32Decode('MZ!W6') } catch (e) {
 *   if (e instanceof TotpConfigError) e.code; // => 'ERR_INVALID_BASE32'
 * }
 * ```
 */
export class TotpConfigError extends Error {
  /** Stable machine-readable code, such as `'ERR_INVALID_BASE32'`. */
  readonly code: ErrorCodeValue;

  /**
   * @param code - the stable code.
   * @param message - names the argument and the rule; never a secret.
   * @param options - `cause`: the error this one wraps, when it is a re-throw; an undefined `cause` is left out.
   */
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : options);
    this.name = 'TotpConfigError';
    this.code = code;
  }
}

/** A `TypeError` with a stable `code` property. */
export interface CodedTypeError extends TypeError {
  /** Stable machine-readable code, such as `'ERR_INVALID_ARG_TYPE'`. */
  readonly code: ErrorCodeValue;
}

/** A `RangeError` with a stable `code` property. */
export interface CodedRangeError extends RangeError {
  /** Stable machine-readable code, such as `'ERR_OUT_OF_RANGE'`. */
  readonly code: ErrorCodeValue;
}

/** @internal Builds a `TypeError` carrying `code`. */
export function typeError(code: ErrorCodeValue, message: string): CodedTypeError {
  const error = new TypeError(message) as TypeError & { code: ErrorCodeValue };
  error.code = code;
  return error;
}

/** @internal Builds a `RangeError` carrying `code`. */
export function rangeError(code: ErrorCodeValue, message: string): CodedRangeError {
  const error = new RangeError(message) as RangeError & { code: ErrorCodeValue };
  error.code = code;
  return error;
}
