/**
 * Google Authenticator's "Transfer accounts" QR codes, `otpauth-migration://offline?data=…`: the way millions of
 * people move their 2FA accounts between phones. Its own entry point (`totp-config/migration`), so that the main
 * bundle does not grow.
 *
 * `data` is standard base64 (RFC 4648 §4, `+ / =`), percent-encoded, of a protobuf `MigrationPayload` as Google
 * Authenticator, Aegis and the extraction tools read it (reverse-engineered, proto3):
 *
 * ```text
 * message MigrationPayload {
 *   enum Algorithm  { ALGORITHM_UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
 *   enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
 *   enum OtpType    { OTP_TYPE_UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
 *   message OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 *                           DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 *   repeated OtpParameters otp_parameters = 1;
 *   int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
 * }
 * ```
 *
 * An export of many accounts is cut into batches, one QR code each: `batch_size` is the number of batches (not of
 * accounts), `batch_index` this one's place from 0, and `batch_id` ties the batches of one export together. The
 * format has no period (every exported TOTP runs at 30 s) and cannot say 7 digits or Steam Guard.
 *
 * @module
 */
import { base32Decode, base32Encode } from './base32.js';
import { rangeError, TotpConfigError, typeError } from './errors.js';
import {
  assertInteger,
  assertString,
  describeType,
  optionalBoolean,
  optionalInteger,
  optionsBag,
  own,
} from './internal/assert.js';
import { base64Decode, base64Encode } from './internal/base64.js';
import { resolveNames, type Names, type NameSources } from './internal/names.js';
import { int32, LEN, ProtoWriter, readFields, uint53, VARINT, type ProtoField } from './internal/protobuf.js';
import { tolerate, type ParseWarning, type Tolerance } from './internal/warnings.js';
import type { ParsedHotpUri, ParsedTotpUri } from './parse.js';
import { DEFAULT_PERIOD, MAX_OTP_SECRET_BYTES, type Algorithm, type Digits, type OtpType } from './params.js';
import { randomBytes } from './random.js';
import { readUriOptions, type OtpauthUriOptions, type UriFields } from './uri.js';

export type { ParseWarning, WarningCode } from './internal/warnings.js';
export type { OtpauthUriOptions } from './uri.js';

/** An imported account: in the shape of a parsed otpauth URI (never Steam Guard, which the format cannot hold). */
export type MigratedAccount = ParsedTotpUri | ParsedHotpUri;

/** Options for {@link encodeMigration}. */
export interface EncodeMigrationOptions {
  /** Accounts per batch (per QR code), 1 to 100. Default 10, which fits a QR code that phones scan. */
  batchSize?: number | undefined;
  /** The `batch_id` of the export, an int32. Default: a random one from the CSPRNG. */
  batchId?: number | undefined;
}

/** Options for {@link decodeMigration}. */
export interface DecodeMigrationOptions {
  /**
   * Return the accounts of the batches given even if others of the export are missing (listed in `missing`, with
   * a `MISSING_BATCH` warning). Default `false`: missing batches are an error.
   */
  partial?: boolean | undefined;
}

/** What {@link decodeMigration} returns: the accounts, in batch order, and what the batches say about the export. */
export interface DecodedMigration {
  /** Every account of the batches given, batch by batch in `batch_index` order, each with its own `warnings`. */
  accounts: MigratedAccount[];
  /** The export's `batch_id` (0 when the payload has none). */
  batchId: number;
  /** How many batches (QR codes) the export has: the payload's `batch_size`. */
  batchCount: number;
  /** The `batch_index` (from 0) of each batch of the export that was not given; empty unless `partial`. */
  missing: number[];
  /** What was tolerated in the payloads themselves (a missing version, a missing batch …). */
  warnings: ParseWarning[];
}

/** The longest migration URI accepted, in characters; longer ones are refused before they are read. */
export const MAX_MIGRATION_URI_LENGTH = 1048576;

const PREFIX = 'otpauth-migration://offline?';
const DEFAULT_BATCH_SIZE = 10;
const MAX_BATCH_SIZE = 100;
/** The most batches an export may have: far more than anyone scans, few enough to list the missing ones. */
const MAX_BATCHES = 1000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The payload's enums: the value of each of ours, and ours of each value (index; `undefined` = unknown). */
const ALGORITHM_VALUES: Readonly<Record<Algorithm, number>> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const ALGORITHMS_BY_VALUE: readonly (Algorithm | undefined)[] = [undefined, 'SHA1', 'SHA256', 'SHA512'];
const DIGITS_BY_VALUE: readonly (Digits | undefined)[] = [undefined, 6, 8];
const TYPES_BY_VALUE: readonly (OtpType | undefined)[] = [undefined, 'hotp', 'totp'];
/** Base64's own characters, percent-encoded in `data` as Google Authenticator does (so `+` cannot become a space). */
const BASE64_ESCAPES: Readonly<Record<string, string>> = { '+': '%2B', '/': '%2F', '=': '%3D' };
const NAME_SOURCES: NameSources = { prefix: 'the issuer prefix of the name', parameter: 'the issuer field' };

/**
 * Encodes accounts as Google Authenticator's "Transfer accounts" URIs, one `otpauth-migration://offline?data=…`
 * per batch of `batchSize` accounts. Each account is given as to `formatOtpauthUri` (a parsed otpauth URI will do)
 * and is checked with the same rules, all before anything is encoded. An account that the format cannot represent
 * is refused, never exported silently wrong: a period other than 30 s, 7 digits, or Steam Guard.
 *
 * The `name` written is the account alone (the issuer has its own field), as Google Authenticator shows it.
 *
 * @param accounts - the accounts, at least one, at most 1,000 batches' worth.
 * @param options - `batchSize` (accounts per QR code, 1–100, default 10) and `batchId` (an int32; default random).
 * @returns one URI per batch, in order.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `accounts` is not an array, or for an option or account field of
 *   the wrong type.
 * @throws {RangeError} `ERR_MIGRATION_UNSUPPORTED` naming the account's index for what the format cannot hold;
 *   the errors of `formatOtpauthUri` (`ERR_INVALID_LABEL`, `ERR_OUT_OF_RANGE`, `ERR_INVALID_ARG_VALUE`) for a bad
 *   field, named `accounts[i].field`; `ERR_OUT_OF_RANGE` for no accounts, too many, or a bad option.
 * @throws {TotpConfigError} `ERR_INVALID_BASE32` for a secret that is not canonical base32.
 * @example
 * ```ts
 * encodeMigration([{ secret: 'JBSWY3DPEHPK3PXP', account: 'alice', issuer: 'Example' }], { batchId: 1 });
 * // => ['otpauth-migration://offline?data=CiIKCkhlbGxvId6tvu8SBWFsaWNlGgdFeGFtcGxlIAEoATACEAEYASAAKAE%3D']
 * ```
 */
export function encodeMigration(accounts: readonly OtpauthUriOptions[], options?: EncodeMigrationOptions): string[] {
  if (!Array.isArray(accounts)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `"accounts" must be an array (received ${describeType(accounts)})`);
  }
  const o = optionsBag(options, 'options');
  const size = own(o, 'batchSize', o.batchSize);
  const batchSize = optionalInteger(size, 'options.batchSize', 1, MAX_BATCH_SIZE, DEFAULT_BATCH_SIZE);
  const rawId = own(o, 'batchId', o.batchId);
  const batchId = rawId === undefined ? randomBatchId() : assertInteger(rawId, 'options.batchId', INT32_MIN, INT32_MAX);
  const total = accounts.length;
  if (total < 1 || total > MAX_BATCHES * batchSize) {
    const most = MAX_BATCHES * batchSize;
    throw rangeError('ERR_OUT_OF_RANGE', `"accounts" must hold 1 to ${most} accounts (received ${total})`);
  }
  // Every account is read (once) and checked before anything is encoded: nothing half-exported is returned.
  const entries: UriFields[] = [];
  for (let i = 0; i < total; i++) entries.push(readAccount(accounts[i], i));
  const count = Math.ceil(total / batchSize);
  const uris: string[] = [];
  for (let index = 0; index < count; index++) {
    uris.push(encodeBatch(entries.slice(index * batchSize, (index + 1) * batchSize), count, index, batchId));
  }
  return uris;
}

/** One account to export: `formatOtpauthUri`'s rules, then what the migration format can hold. */
function readAccount(account: OtpauthUriOptions, i: number): UriFields {
  const name = `accounts[${i}]`;
  const fields = readUriOptions(account, name);
  if (fields.steam) throw unsupported(name, 'encoder', "'steam' cannot be exported: the format has no Steam Guard");
  if (fields.digits === 7) throw unsupported(name, 'digits', 'must be 6 or 8: the format cannot say 7');
  if (fields.type === 'totp' && fields.period !== DEFAULT_PERIOD) {
    throw unsupported(name, 'period', `must be 30: the format has no period (received ${fields.period})`);
  }
  return fields;
}

function unsupported(name: string, field: string, rule: string): RangeError {
  return rangeError('ERR_MIGRATION_UNSUPPORTED', `"${name}.${field}" ${rule}`);
}

/** A random int32 from the CSPRNG: an export's `batch_id`, as Google Authenticator draws one. */
function randomBatchId(): number {
  const b = randomBytes(4);
  return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
}

/** One batch's URI. The payload, which holds the secrets, is wiped once it is base64. */
function encodeBatch(entries: UriFields[], count: number, index: number, batchId: number): string {
  const payload = new ProtoWriter();
  for (const entry of entries) {
    const parameters = encodeParameters(entry);
    payload.bytesField(1, parameters);
    parameters.fill(0);
  }
  // version 1, as Google Authenticator writes; batch_index 0 is written too, as it does.
  payload.varintField(2, 1).varintField(3, count).varintField(4, index).varintField(5, batchId);
  const bytes = payload.finish();
  try {
    return PREFIX + 'data=' + base64Encode(bytes).replace(/[+/=]/g, (c) => BASE64_ESCAPES[c]);
  } finally {
    bytes.fill(0);
  }
}

/** One account's `OtpParameters`; the decoded secret is wiped once copied in. */
function encodeParameters(entry: UriFields): Uint8Array {
  const message = new ProtoWriter();
  const secret = base32Decode(entry.secret);
  message.bytesField(1, secret);
  secret.fill(0);
  message.stringField(2, entry.account);
  if (entry.issuer !== undefined) message.stringField(3, entry.issuer);
  message.varintField(4, ALGORITHM_VALUES[entry.algorithm]);
  message.varintField(5, entry.digits === 8 ? 2 : 1);
  message.varintField(6, entry.type === 'hotp' ? 1 : 2);
  if (entry.counter) message.varintField(7, entry.counter); // proto3 leaves out a zero
  return message.finish();
}

/** One batch as read. */
interface Batch {
  id: number;
  count: number;
  index: number;
  accounts: MigratedAccount[];
}

/**
 * Decodes Google Authenticator's "Transfer accounts" URIs (`otpauth-migration://offline?data=…`) into accounts in
 * the shape of parsed otpauth URIs, and checks that the batches belong together: one `batch_id` and `batch_size`,
 * each `batch_index` from 0 to `batch_size − 1` exactly once, none missing (unless `partial`). The URIs may come
 * in any order. Payload versions 1 and 2 are read.
 *
 * Read as the apps read them: a `name` of `Issuer:account` is the label of an otpauth URI (the issuer prefix,
 * padding and mismatches as `parseOtpauthUri` tolerates them, with warnings), unspecified enums are SHA1, 6 digits
 * and TOTP (`UNSPECIFIED_FIELD`), and a `+` in `data` stays a `+` (a space, which a form decoder made of it, is read
 * as one: `SPACE_AS_PLUS`). Names follow the label rules, so a spoofed name is refused.
 *
 * @param uris - one URI, or every URI of the export.
 * @param options - `partial: true` returns the accounts of the batches given when others are missing.
 * @returns `{ accounts, batchId, batchCount, missing, warnings }`; see {@link DecodedMigration}.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a URI that is not a string, or `uris` neither a string nor an array.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for no URIs, or more than 1,000.
 * @throws {TotpConfigError} `ERR_MIGRATION_MALFORMED` (not `otpauth-migration://offline?data=`, bad base64 or
 *   protobuf, over {@link MAX_MIGRATION_URI_LENGTH} characters), `ERR_MIGRATION_VERSION` (not 1 or 2),
 *   `ERR_MIGRATION_UNSUPPORTED` (MD5, an unknown algorithm, digit count or type, a counter beyond 2^53 − 1),
 *   `ERR_MIGRATION_ACCOUNT` (no secret, a bad name …; the `cause` says which rule), `ERR_MIGRATION_BATCH` (another
 *   `batch_id` or `batch_size`, an index twice or out of range, missing batches). Messages name the URI and account
 *   by index, never a secret.
 * @example
 * ```ts
 * const alice = 'otpauth-migration://offline?data=CiIKCkhlbGxvId6tvu8SBWFsaWNlGgdFeGFtcGxlIAEoATACEAEYASAAKAE%3D';
 * decodeMigration(alice);
 * // => { accounts: [{ type: 'totp', account: 'alice', issuer: 'Example', secret: 'JBSWY3DPEHPK3PXP',
 * //      algorithm: 'SHA1', digits: 6, period: 30, counter: undefined, encoder: 'decimal', warnings: [] }],
 * //      batchId: 1, batchCount: 1, missing: [], warnings: [] }
 * // dim13/otpauth's README example: made by hand, without version, batch, algorithm or digits fields.
 * const uri = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
 * decodeMigration(uri).accounts;
 * // => [{ type: 'totp', account: 'alice@google.com', issuer: 'Example', secret: 'JBSWY3DPEHPK3PXP',
 * //       algorithm: 'SHA1', digits: 6, period: 30, counter: undefined, encoder: 'decimal', warnings: [
 * //       { code: 'UNSPECIFIED_FIELD', message: 'algorithm is unspecified: read as SHA1' },
 * //       { code: 'UNSPECIFIED_FIELD', message: 'digits is unspecified: read as 6' }] }]
 * ```
 */
export function decodeMigration(uris: string | readonly string[], options?: DecodeMigrationOptions): DecodedMigration {
  const list = readUriList(uris);
  const o = optionsBag(options, 'options');
  const partial = optionalBoolean(own(o, 'partial', o.partial), 'options.partial', false);
  const t: Tolerance = { strict: false, warnings: [] };
  const batches = list.map((uri, u) => readBatch(uri, `uris[${u}]`, t));
  const { id, count } = batches[0];
  const missing = checkBatches(batches, partial, t);
  batches.sort((a, b) => a.index - b.index);
  const accounts = batches.flatMap((b) => b.accounts);
  return { accounts, batchId: id, batchCount: count, missing, warnings: t.warnings };
}

/** `uris` as a list: one string, or an array of 1 to 1,000 (each checked when it is read). */
function readUriList(uris: string | readonly string[]): readonly unknown[] {
  if (typeof uris === 'string') return [uris];
  if (!Array.isArray(uris)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `"uris" must be a string or an array (received ${describeType(uris)})`);
  }
  if (uris.length < 1 || uris.length > MAX_BATCHES) {
    throw rangeError('ERR_OUT_OF_RANGE', `"uris" must hold 1 to ${MAX_BATCHES} URIs (received ${uris.length})`);
  }
  return uris;
}

/** One URI: its payload read, then wiped (it holds the secrets). */
function readBatch(uri: unknown, name: string, t: Tolerance): Batch {
  const bytes = payloadBytes(assertString(uri, name), name, t);
  try {
    return readPayload(bytes, name, t);
  } finally {
    bytes.fill(0);
  }
}

/** The payload of `otpauth-migration://offline?data=…`: percent-decoded (a `+` stays one), then base64. */
function payloadBytes(uri: string, name: string, t: Tolerance): Uint8Array {
  if (uri.length > MAX_MIGRATION_URI_LENGTH) {
    throw malformed(`"${name}" must be at most ${MAX_MIGRATION_URI_LENGTH} characters (received ${uri.length})`);
  }
  if (uri.slice(0, PREFIX.length).toLowerCase() !== PREFIX) {
    throw malformed(`"${name}" must start with "otpauth-migration://offline?"`);
  }
  const data = uri
    .slice(PREFIX.length)
    .split('&')
    .filter((p) => p.startsWith('data='));
  if (data.length !== 1) throw malformed(`"${name}" must have one "data" parameter`);
  let text: string;
  try {
    text = decodeURIComponent(data[0].slice(5));
  } catch (cause) {
    throw malformed(`"${name}" has malformed percent-encoding`, cause);
  }
  if (text.includes(' ')) {
    // Base64 has no space: it can only be a '+' that a form decoder (Python's parse_qs …) turned into one.
    tolerate(t, 'SPACE_AS_PLUS', 'ERR_MIGRATION_MALFORMED', `"${name}" has a space in its data`, 'read as "+"');
    text = text.replace(/ /g, '+');
  }
  const bytes = base64Decode(text);
  if (bytes === undefined) throw malformed(`"${name}" has data that is not base64`);
  return bytes;
}

/** A `MigrationPayload`: its batch fields checked, its accounts read. */
function readPayload(bytes: Uint8Array, name: string, t: Tolerance): Batch {
  let [version, count, index, id] = [0, 0, 0, 0];
  const parameters: Uint8Array[] = [];
  for (const f of fieldsOf(bytes, name)) {
    if (f.field === 1) parameters.push(lengthDelimited(f, name, 'otp_parameters'));
    else if (f.field === 2) version = int32(varint(f, name, 'version'));
    else if (f.field === 3) count = int32(varint(f, name, 'batch_size'));
    else if (f.field === 4) index = int32(varint(f, name, 'batch_index'));
    else if (f.field === 5) id = int32(varint(f, name, 'batch_id'));
  }
  if (version === 0) tolerate(t, 'UNSPECIFIED_FIELD', 'ERR_MIGRATION_VERSION', `"${name}" has no version`, 'read as 1');
  else if (version !== 1 && version !== 2) {
    throw new TotpConfigError('ERR_MIGRATION_VERSION', `"${name}" has payload version ${version}; 1 and 2 are read`);
  }
  if (count === 0) tolerate(t, 'UNSPECIFIED_FIELD', 'ERR_MIGRATION_BATCH', `"${name}" has no batch_size`, 'read as 1');
  count ||= 1;
  if (count < 0 || count > MAX_BATCHES || index < 0 || index >= count) {
    throw batchError(`"${name}" has batch_index ${index} of batch_size ${count} (1 to ${MAX_BATCHES} batches)`);
  }
  const accounts = parameters.map((p, i) => readAccountParameters(p, `${name} account ${i}`));
  return { id, count, index, accounts };
}

/** The fields of a message, a failure naming where it is. */
function fieldsOf(bytes: Uint8Array, where: string): ProtoField[] {
  try {
    return readFields(bytes);
  } catch (cause) {
    throw malformed(`${where}: ${(cause as Error).message}`, cause);
  }
}

function varint(f: ProtoField, where: string, name: string): ProtoField {
  if (f.wire !== VARINT) throw malformed(`${where}: ${name} (field ${f.field}) must be a varint`);
  return f;
}

function lengthDelimited(f: ProtoField, where: string, name: string): Uint8Array {
  if (f.wire !== LEN) throw malformed(`${where}: ${name} (field ${f.field}) must be length-delimited`);
  return f.bytes!;
}

let utf8: TextDecoder | undefined;

/** A string field: well-formed UTF-8, a byte order mark kept (the label rules then refuse it as invisible). */
function text(f: ProtoField, where: string, name: string): string {
  const bytes = lengthDelimited(f, where, name);
  try {
    utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return utf8.decode(bytes);
  } catch (cause) {
    throw malformed(`${where}: ${name} is not UTF-8`, cause);
  }
}

/** An `OtpParameters` message's fields as written; the secret is a view into the payload (wiped with it). */
interface RawParameters {
  secret: Uint8Array | undefined;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: ProtoField | undefined;
}

/** What proto3 means by a field left out: an empty string, a zero. */
const NO_PARAMETERS: RawParameters = {
  secret: undefined,
  name: '',
  issuer: '',
  algorithm: 0,
  digits: 0,
  type: 0,
  counter: undefined,
};

function readRawParameters(bytes: Uint8Array, where: string): RawParameters {
  const raw: RawParameters = { ...NO_PARAMETERS };
  for (const f of fieldsOf(bytes, where)) {
    if (f.field === 1) raw.secret = lengthDelimited(f, where, 'secret');
    else if (f.field === 2) raw.name = text(f, where, 'name');
    else if (f.field === 3) raw.issuer = text(f, where, 'issuer');
    else if (f.field === 4) raw.algorithm = int32(varint(f, where, 'algorithm'));
    else if (f.field === 5) raw.digits = int32(varint(f, where, 'digits'));
    else if (f.field === 6) raw.type = int32(varint(f, where, 'type'));
    else if (f.field === 7) raw.counter = varint(f, where, 'counter');
  }
  return raw;
}

/** One account, in the shape of a parsed otpauth URI. */
function readAccountParameters(bytes: Uint8Array, where: string): MigratedAccount {
  const raw = readRawParameters(bytes, where);
  const t: Tolerance = { strict: false, warnings: [] };
  const type = enumValue(TYPES_BY_VALUE, raw.type, 'type', 'totp', where, t);
  const algorithm = enumValue(ALGORITHMS_BY_VALUE, raw.algorithm, 'algorithm', 'SHA1', where, t);
  const digits = enumValue(DIGITS_BY_VALUE, raw.digits, 'digits', 6, where, t);
  const secret = readSecret(raw.secret, where);
  const { account, issuer } = readNames(raw.name, raw.issuer, where, t);
  const [encoder, warnings, period] = ['decimal', t.warnings, DEFAULT_PERIOD] as const;
  if (type === 'totp') {
    return { type, account, issuer, secret, algorithm, digits, period, counter: undefined, encoder, warnings };
  }
  const counter = raw.counter === undefined ? 0 : uint53(raw.counter);
  if (counter === undefined) throw importUnsupported(`${where}: the counter is beyond 2^53 - 1`);
  return { type, account, issuer, secret, algorithm, digits, period: undefined, counter, encoder, warnings };
}

/** An enum field: 0 (unspecified) is read as the default, as Aegis reads it; MD5 and unknown values are refused. */
function enumValue<T extends string | number>(
  table: readonly (T | undefined)[],
  value: number,
  field: string,
  fallback: T,
  where: string,
  t: Tolerance,
): T {
  if (value === 0) {
    tolerate(t, 'UNSPECIFIED_FIELD', 'ERR_MIGRATION_UNSUPPORTED', `${field} is unspecified`, `read as ${fallback}`);
    return fallback;
  }
  const known = value > 0 ? table[value] : undefined;
  if (known !== undefined) return known;
  const md5 = field === 'algorithm' && value === 4;
  const why = md5 ? 'algorithm MD5 is not supported (only SHA1, SHA256 and SHA512)' : `unknown ${field} ${value}`;
  throw importUnsupported(`${where}: ${why}`);
}

/** The secret, canonical base32: present, and at most 1,024 bytes as for any otpauth URI. */
function readSecret(bytes: Uint8Array | undefined, where: string): string {
  if (bytes === undefined || bytes.length === 0) throw accountError(`${where} has no secret`);
  if (bytes.length > MAX_OTP_SECRET_BYTES) throw accountError(`${where}: the secret is over ${MAX_OTP_SECRET_BYTES} B`);
  return base32Encode(bytes);
}

/**
 * The names: `name` read as an otpauth label (`Issuer:account` or the account alone) and `issuer` as the `issuer`
 * parameter (proto3 cannot tell an empty one from none), with the rules and tolerances of `parseOtpauthUri`.
 */
function readNames(name: string, issuer: string, where: string, t: Tolerance): Names {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? undefined : name.slice(0, colon);
  try {
    return resolveNames(prefix, name.slice(colon + 1), issuer === '' ? undefined : issuer, t, NAME_SOURCES);
  } catch (cause) {
    throw accountError(`${where}: ${(cause as Error).message}`, cause);
  }
}

/** Checks that the batches are one export, and returns the `batch_index` of each missing one. */
function checkBatches(batches: Batch[], partial: boolean, t: Tolerance): number[] {
  const { id, count } = batches[0];
  const given = new Map<number, number>();
  batches.forEach((b, u) => {
    if (b.id !== id) throw batchError(`uris[${u}] has batch_id ${b.id} and uris[0] ${id}: they are not one export`);
    if (b.count !== count) throw batchError(`uris[${u}] says ${b.count} batches and uris[0] ${count}`);
    const other = given.get(b.index);
    if (other !== undefined) throw batchError(`uris[${other}] and uris[${u}] are both batch_index ${b.index}`);
    given.set(b.index, u);
  });
  const missing: number[] = [];
  for (let index = 0; index < count; index++) if (!given.has(index)) missing.push(index);
  if (missing.length > 0) {
    const first = missing.slice(0, 10).join(', ');
    const list = missing.length > 10 ? `${first} … (${missing.length} in all)` : first;
    const what = `batch_index ${list} of the ${count} batches ${missing.length === 1 ? 'is' : 'are'} missing`;
    if (!partial) throw batchError(`${what} (pass { partial: true } to read the others)`);
    tolerate(t, 'MISSING_BATCH', 'ERR_MIGRATION_BATCH', what, 'the accounts of the others are returned');
  }
  return missing;
}

function malformed(message: string, cause?: unknown): TotpConfigError {
  return new TotpConfigError('ERR_MIGRATION_MALFORMED', message, { cause });
}

function importUnsupported(message: string): TotpConfigError {
  return new TotpConfigError('ERR_MIGRATION_UNSUPPORTED', message);
}

function accountError(message: string, cause?: unknown): TotpConfigError {
  return new TotpConfigError('ERR_MIGRATION_ACCOUNT', message, { cause });
}

function batchError(message: string): TotpConfigError {
  return new TotpConfigError('ERR_MIGRATION_BATCH', message);
}
