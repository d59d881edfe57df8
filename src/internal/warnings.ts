/**
 * Tolerance: what reading otpauth URIs (`parse.ts`) and migration payloads (`migration.ts`) do with a deviation
 * that real producers write and that has one sensible reading. By default it is accepted and reported as a
 * warning; in strict parsing it is refused with the error code that the same input had before tolerance existed.
 *
 * @module
 */
import { TotpConfigError, type ErrorCodeValue } from '../errors.js';

/**
 * The stable codes of {@link ParseWarning}s (the README's tolerant parsing table lists each with its reason):
 * - `ISSUER_MISMATCH`: the label's issuer prefix and the `issuer` parameter differ; the parameter is used.
 * - `PLUS_AS_SPACE`: a `+` in a parameter that is read, read as a space (form encoding).
 * - `ACCOUNT_PADDING`: spaces at the start of the account after an issuer, dropped.
 * - `EMPTY_ACCOUNT`: an issuer with an empty account name.
 * - `EMPTY_ISSUER`: an empty issuer prefix or `issuer` parameter, ignored.
 * - `REPEATED_PARAMETER`: a parameter that is not read appears more than once.
 * - `IGNORED_PARAMETER`: a known parameter in another case (`Secret=`), or a `digits` other than 5 on Steam Guard,
 *   ignored. (A `period` on HOTP or a `counter` on TOTP is ignored without a warning: exports write them.)
 * - `STEAM_TYPE`: the type `steam` (Aegis's export form), read as `totp` with `encoder=steam`.
 * - `RAW_CHARACTERS`: a character that RFC 3986 requires percent-encoded (a space, non-ASCII text …).
 * - `UNSPECIFIED_FIELD`: a migration payload leaves out a field (version, batch size, algorithm, digits, type);
 *   its default is used.
 * - `MISSING_BATCH`: migration batches are missing (only when partial imports are allowed).
 * - `SPACE_AS_PLUS`: migration data with a space, read as the `+` that a form decoder turned into it.
 */
export type WarningCode =
  | 'ISSUER_MISMATCH'
  | 'PLUS_AS_SPACE'
  | 'ACCOUNT_PADDING'
  | 'EMPTY_ACCOUNT'
  | 'EMPTY_ISSUER'
  | 'REPEATED_PARAMETER'
  | 'IGNORED_PARAMETER'
  | 'STEAM_TYPE'
  | 'RAW_CHARACTERS'
  | 'UNSPECIFIED_FIELD'
  | 'MISSING_BATCH'
  | 'SPACE_AS_PLUS';

/** A deviation that was tolerated: a stable code and a message that never contains the secret. */
export interface ParseWarning {
  /** Match on the code, never on the message (see {@link WarningCode}). */
  code: WarningCode;
  /** What deviated and how it was read, e.g. `'the "issuer" parameter has "+": read as a space (form encoding)'`. */
  message: string;
}

/**
 * Where tolerated deviations go while one input is read: the warnings so far, or, when `strict`, nowhere: the
 * first deviation is thrown.
 *
 * @internal
 */
export interface Tolerance {
  readonly strict: boolean;
  readonly warnings: ParseWarning[];
}

/**
 * Tolerates one deviation: records a warning, or in strict mode throws `strictCode`, the code the input was
 * refused with before it was tolerated.
 *
 * @param t - the tolerance of the input being read.
 * @param code - the warning code.
 * @param strictCode - the error code strict parsing refuses it with.
 * @param deviation - what is wrong, e.g. `'the "issuer" parameter is empty'`; never a secret.
 * @param reading - how it is read instead, e.g. `'ignored'`.
 * @throws {TotpConfigError} `strictCode` in strict mode.
 * @internal
 * @example
 * ```ts
 * const t = { strict: false, warnings: [] };
 * tolerate(t, 'EMPTY_ISSUER', 'ERR_OTPAUTH_LABEL', 'the "issuer" parameter is empty', 'ignored');
 * t.warnings; // => [{ code: 'EMPTY_ISSUER', message: 'the "issuer" parameter is empty: ignored' }]
 * ```
 */
export function tolerate(
  t: Tolerance,
  code: WarningCode,
  strictCode: ErrorCodeValue,
  deviation: string,
  reading: string,
): void {
  if (t.strict) throw new TotpConfigError(strictCode, `Strict parsing: ${deviation}`);
  t.warnings.push({ code, message: `${deviation}: ${reading}` });
}
