/**
 * The account and issuer of an entry that is read, from its two sources: the label (`Issuer:account`, or the
 * account alone) and the issuer given beside it (an otpauth URI's `issuer` parameter, a migration payload's
 * `issuer` field). Shared by `parse.ts` and `migration.ts`, so that an imported account obeys the same rules as a
 * scanned one, and both obey the rules of formatting (`label.ts`): what reads without warnings can be written.
 *
 * @module
 */
import { TotpConfigError } from '../errors.js';
import { MAX_ACCOUNT_BYTES, MAX_ISSUER_BYTES } from '../params.js';
import { assertLabel, isDotSegment } from './label.js';
import { tolerate, type Tolerance } from './warnings.js';

/** How messages call the two sources of an issuer, e.g. `"the label's issuer prefix"`, `'the "issuer" parameter'`. */
export interface NameSources {
  prefix: string;
  parameter: string;
}

/** The names of an entry as they are returned. */
export interface Names {
  account: string;
  issuer: string | undefined;
}

/**
 * Resolves the account and issuer of an entry, as Google Authenticator and most apps do:
 * - an empty issuer (prefix or parameter) counts as none (`EMPTY_ISSUER`);
 * - when prefix and parameter differ, the parameter wins (`ISSUER_MISMATCH`): Microsoft 365 writes the tenant
 *   in the label and `issuer=Microsoft`;
 * - spaces at the start of the account after an issuer are padding (the Key URI Format's
 *   `issuer (":" / "%3A") *"%20" accountname`) and are dropped (`ACCOUNT_PADDING`);
 * - an empty account is accepted when there is an issuer to show (`EMPTY_ACCOUNT`), refused otherwise;
 * - each part follows the label rules of formatting (`assertLabel`: no control, bidirectional or invisible
 *   character, no `:`, length limits), and an account of `.` or `..` needs an issuer (URL parsers drop those
 *   path segments), so a spoofed name is refused rather than shown.
 *
 * @param prefix - the decoded issuer prefix of the label; `undefined` when the label has no separator.
 * @param account - the decoded account part of the label.
 * @param parameter - the decoded issuer given beside the label; `undefined` when there is none.
 * @param t - where deviations go.
 * @param sources - how messages call the prefix and the parameter.
 * @returns the account and issuer (`undefined` when there is none).
 * @throws {TotpConfigError} `ERR_OTPAUTH_LABEL` for a part that breaks a rule (its `cause` says which), or an
 *   entry with neither account nor issuer; in strict mode the code of the first deviation.
 * @internal
 * @example
 * ```ts
 * const t = { strict: false, warnings: [] };
 * resolveNames('Contoso', ' alice', 'Microsoft', t, { prefix: 'the prefix', parameter: 'the parameter' });
 * // => { account: 'alice', issuer: 'Microsoft' } (t.warnings: ISSUER_MISMATCH, ACCOUNT_PADDING)
 * ```
 */
export function resolveNames(
  prefix: string | undefined,
  account: string,
  parameter: string | undefined,
  t: Tolerance,
  sources: NameSources,
): Names {
  const fromPrefix = issuerPart(prefix, sources.prefix, t);
  // Equal to the prefix, as the Key URI Format asks: the same text passed the same check already.
  const fromParameter =
    fromPrefix !== undefined && parameter === fromPrefix ? fromPrefix : issuerPart(parameter, sources.parameter, t);
  if (fromPrefix !== undefined && fromParameter !== undefined && fromPrefix !== fromParameter) {
    tolerate(
      t,
      'ISSUER_MISMATCH',
      'ERR_OTPAUTH_ISSUER_MISMATCH',
      `${sources.prefix} and ${sources.parameter} differ`,
      `${sources.parameter} is used`,
    );
  }
  const issuer = fromParameter ?? fromPrefix;
  return { account: accountPart(account, prefix !== undefined || issuer !== undefined, issuer, t), issuer };
}

/** One source of the issuer: `undefined` if absent or empty (tolerated), else the checked text. */
function issuerPart(value: string | undefined, where: string, t: Tolerance): string | undefined {
  if (value === undefined) return undefined;
  if (value === '') {
    tolerate(t, 'EMPTY_ISSUER', 'ERR_OTPAUTH_LABEL', `${where} is empty`, 'ignored');
    return undefined;
  }
  return checkedLabel(value, 'issuer', MAX_ISSUER_BYTES);
}

/** The account: padding dropped when it follows an issuer, then checked (see {@link resolveNames}). */
function accountPart(value: string, afterIssuer: boolean, issuer: string | undefined, t: Tolerance): string {
  let account = value;
  if (afterIssuer && account.charCodeAt(0) === 0x20) {
    account = account.replace(/^ +/, '');
    tolerate(
      t,
      'ACCOUNT_PADDING',
      'ERR_OTPAUTH_LABEL',
      'the account name starts with spaces after the issuer',
      'dropped (the Key URI Format reads them as padding)',
    );
  }
  if (account === '') {
    if (issuer === undefined) throw labelError('The entry has neither an account name nor an issuer');
    tolerate(t, 'EMPTY_ACCOUNT', 'ERR_OTPAUTH_LABEL', 'the account name is empty', 'accepted, the issuer names it');
    return account;
  }
  checkedLabel(account, 'account', MAX_ACCOUNT_BYTES);
  if (issuer === undefined && isDotSegment(account)) {
    throw labelError(`The account name must not be '.' or '..' without an issuer (URL parsers drop it)`);
  }
  return account;
}

/** A label part checked with the rules of formatting; a broken rule is `ERR_OTPAUTH_LABEL` with it as the cause. */
function checkedLabel(value: string, name: string, maxBytes: number): string {
  try {
    return assertLabel(value, name, maxBytes);
  } catch (cause) {
    throw labelError(`Invalid label: ${(cause as Error).message}`, cause);
  }
}

function labelError(message: string, cause?: unknown): TotpConfigError {
  return new TotpConfigError('ERR_OTPAUTH_LABEL', message, { cause });
}
