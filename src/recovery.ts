/**
 * Recovery codes: one-time codes a user writes down at enrollment and types when the authenticator is lost
 * (NIST SP 800-63B rev. 3 §5.1.2, "look-up secrets").
 *
 * - **Format.** Symbols of Crockford's base32 (`0-9 A-Z` without `I L O U`, https://www.crockford.com/base32.html),
 *   drawn uniformly from the CSPRNG, shown in dash-separated groups of four: `7KQ3-M9XD-…`. 32 symbols are 5 bits
 *   each, so the default 24 symbols carry 120 bits.
 * - **Typing.** What people type is read as Crockford reads it: any case, spaces and dashes ignored, `O` read as
 *   `0`, `I` and `L` as `1`.
 * - **Storage.** Codes of at least 112 bits are stored as a plain SHA-256 of the normalised code, which NIST
 *   SP 800-63B §5.1.2.2 accepts for look-up secrets of that strength. Shorter codes (down to 65 bits, never under
 *   64) are only stored with a pepper: HMAC-SHA-256 under an application key kept outside the database, over a
 *   random 16-byte salt and the code. The stored string names its format, so a server in another language can
 *   verify it (see the README).
 * - **Checking.** {@link verifyRecoveryCode} computes and compares against every stored hash, in constant time,
 *   and returns the index of the one that matched so that the application can delete it.
 *
 * @module
 */
import { TotpConfigError, rangeError, typeError } from './errors.js';
import { assertBytes, assertString, describeType, optionalInteger, optionsBag, own } from './internal/assert.js';
import { constantTimeEqual, select } from './internal/constant-time.js';
import { digest } from './internal/hash.js';
import { type KeyedMac, withHmacKey } from './hmac.js';
import { drawSymbols, withRandomBytes } from './random.js';

/** Crockford's base32 symbols: the digits and the 22 letters left after `I`, `L`, `O` and `U`. */
export const RECOVERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Bits carried by one symbol: log2(32). */
const BITS_PER_SYMBOL = 5;
/** Symbols in a default code: 24 × 5 = 120 bits, above the 112 that make a plain hash sound (NIST §5.1.2.2). */
export const DEFAULT_RECOVERY_CODE_LENGTH = 24;
/** Fewest symbols: 13 × 5 = 65 bits, above NIST's 64-bit floor for look-up secrets. */
export const MIN_RECOVERY_CODE_LENGTH = 13;
/** Fewest symbols stored as a plain SHA-256: 23 × 5 = 115 bits, the first length of at least 112 bits. */
export const MIN_PLAIN_RECOVERY_CODE_LENGTH = 23;
/** Most symbols in a code (320 bits). */
export const MAX_RECOVERY_CODE_LENGTH = 64;
/** Symbols between two dashes in the displayed form. */
const GROUP = 4;
/** Codes per set: 10 by default (as Google and GitLab issue), at most 100. */
const DEFAULT_COUNT = 10;
const MAX_COUNT = 100;
/** Typed input longer than this is not read: no display form of a 64-symbol code is longer. */
const MAX_INPUT_LENGTH = 256;
/** Salt per peppered hash: 128 bits, so that no two stored hashes share one (NIST asks for at least 32 bits). */
const SALT_BYTES = 16;
/** A pepper is an HMAC-SHA-256 key: at least 128 bits, and no longer than SHA-256's 64-byte block. */
const MIN_PEPPER_BYTES = 16;
const MAX_PEPPER_BYTES = 64;

const PLAIN_PREFIX = '$tcrc$sha256$';
const PEPPERED_PREFIX = '$tcrc$hmac-sha256$';
const PLAIN_HASH = /^\$tcrc\$sha256\$[0-9a-f]{64}$/;
const PEPPERED_HASH = /^\$tcrc\$hmac-sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$/;

/** Options for {@link generateRecoveryCodes}. */
export interface RecoveryCodeOptions {
  /** How many codes, 1 to 100. Default 10. */
  count?: number | undefined;
  /**
   * Symbols per code, 13 to 64 (5 bits each). Default 24 (120 bits). Codes under 23 symbols (112 bits) can only
   * be stored with a pepper ({@link hashRecoveryCode}).
   */
  length?: number | undefined;
}

/** Options for {@link hashRecoveryCode} and {@link verifyRecoveryCode}. */
export interface RecoveryHashOptions {
  /**
   * An application key of 16 to 64 bytes kept outside the database (an environment secret, a KMS): codes are then
   * stored as salted HMAC-SHA-256 under it. Required for codes under 112 bits; accepted for any code.
   */
  pepper?: Uint8Array | undefined;
}

/**
 * Makes a set of recovery codes from the CSPRNG: uniformly drawn Crockford base32 symbols (rejection sampling
 * is not even needed, 32 divides 256), in groups of four, all different.
 *
 * @param options - `count` (1–100, default 10) and `length` in symbols (13–64, default 24: 120 bits).
 * @returns The codes to show the user once, e.g. `'7KQ3-M9XD-2T0B-WZ4N-HC8R-5VJE'`. Store only their
 *   {@link hashRecoveryCode} hashes.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for options of the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for a `count` or `length` out of range.
 * @throws {TotpConfigError} `ERR_NO_CSPRNG` / `ERR_CSPRNG_FAILED` if the runtime's CSPRNG is missing or broken.
 * @example
 * ```ts
 * generateRecoveryCodes(); // => e.g. ['7KQ3-M9XD-2T0B-WZ4N-HC8R-5VJE', …] (10 codes, 120 bits each)
 * generateRecoveryCodes({ count: 8, length: 16 })[0].length; // => 19 ('XXXX-XXXX-XXXX-XXXX', 80 bits)
 * ```
 */
export function generateRecoveryCodes(options?: RecoveryCodeOptions): string[] {
  const o = optionsBag(options, 'options');
  const count = optionalInteger(own(o, 'count', o.count), 'options.count', 1, MAX_COUNT, DEFAULT_COUNT);
  const length = optionalInteger(
    own(o, 'length', o.length),
    'options.length',
    MIN_RECOVERY_CODE_LENGTH,
    MAX_RECOVERY_CODE_LENGTH,
    DEFAULT_RECOVERY_CODE_LENGTH,
  );
  const codes = new Set<string>();
  // A repeat has probability under 100² / 2^66 even at the shortest length; drawing again keeps the promise.
  while (codes.size < count) codes.add(group(drawSymbols(RECOVERY_CODE_ALPHABET, length)));
  return [...codes];
}

/** `'ABCDEFGHJ'` → `'ABCD-EFGH-J'`. */
function group(symbols: string): string {
  let text = symbols.slice(0, GROUP);
  for (let i = GROUP; i < symbols.length; i += GROUP) text += '-' + symbols.slice(i, i + GROUP);
  return text;
}

/**
 * Reads what a person typed as Crockford base32: upper case, separators dropped, `O`→`0`, `I`/`L`→`1`; full-width
 * forms (as Japanese and Chinese input methods type them) read as their ASCII letters. Returns the canonical
 * symbols, or `null` if anything else is in it or the length is not 13–64 symbols. Typed text is public to the
 * person typing it, so this may branch on it.
 */
function normalize(input: string): string | null {
  if (input.length > MAX_INPUT_LENGTH) return null;
  let symbols = '';
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII
    if (isSeparator(c)) continue;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20; // lower case
    const symbol = c === 0x4f ? '0' : c === 0x49 || c === 0x4c ? '1' : String.fromCharCode(c); // O → 0, I/L → 1
    if (!RECOVERY_CODE_ALPHABET.includes(symbol)) return null;
    symbols += symbol;
  }
  return symbols.length >= MIN_RECOVERY_CODE_LENGTH && symbols.length <= MAX_RECOVERY_CODE_LENGTH ? symbols : null;
}

/**
 * Spaces and dashes people type or paste between groups: ASCII white space and `-`, no-break and narrow spaces,
 * the Unicode hyphens and dashes U+2010–U+2015 (word processors turn `-` into them) and the minus sign U+2212.
 */
function isSeparator(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x2d ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x202f ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200a) ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2212
  );
}

/** Lower-case hexadecimal of `bytes`. */
function hex(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += (bytes[i] + 0x100).toString(16).slice(1);
  return text;
}

function hexBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The ASCII bytes of a normalised code (all its symbols are ASCII). */
const ascii = (symbols: string): Uint8Array => Uint8Array.from(symbols, (c) => c.charCodeAt(0));

/** SHA-256(symbols), as hex: the digest of a plain stored hash. */
function plainDigest(symbols: string): string {
  const message = ascii(symbols);
  try {
    return hex(digest('SHA256', message));
  } finally {
    message.fill(0);
  }
}

/** HMAC-SHA-256(pepper, salt ‖ symbols), as hex, `mac` holding the pepper: the digest of a peppered stored hash. */
function pepperedDigest(mac: KeyedMac, salt: Uint8Array, symbols: string): string {
  const message = new Uint8Array(salt.length + symbols.length);
  try {
    message.set(salt);
    for (let i = 0; i < symbols.length; i++) message[salt.length + i] = symbols.charCodeAt(i);
    return hex(mac(message));
  } finally {
    message.fill(0);
  }
}

/** The `pepper` option, checked (16–64 bytes), or `undefined`. */
function readPepper(options: RecoveryHashOptions | undefined): Uint8Array | undefined {
  const o = optionsBag(options, 'options');
  const pepper = own(o, 'pepper', o.pepper);
  if (pepper === undefined) return undefined;
  assertBytes(pepper, 'options.pepper');
  if (pepper.length < MIN_PEPPER_BYTES || pepper.length > MAX_PEPPER_BYTES) {
    throw rangeError(
      'ERR_OUT_OF_RANGE',
      `"options.pepper" must be ${MIN_PEPPER_BYTES} to ${MAX_PEPPER_BYTES} bytes (received ${pepper.length})`,
    );
  }
  return pepper;
}

/**
 * Makes the string to store for one recovery code, in one of two self-describing formats (documented in the
 * README for servers in other languages); `symbols` is the code normalised (upper case, no dashes):
 *
 * - `$tcrc$sha256$<hex SHA-256(symbols)>` for codes of at least 112 bits (NIST SP 800-63B §5.1.2.2);
 * - `$tcrc$hmac-sha256$<hex salt>$<hex HMAC-SHA-256(pepper, salt ‖ symbols)>` with `options.pepper`, and a fresh
 *   16-byte salt from the CSPRNG.
 *
 * @param code - A code from {@link generateRecoveryCodes} (case and dashes do not matter).
 * @param options - `pepper`: an application key of 16–64 bytes; required for codes under 112 bits.
 * @returns The string to store, e.g. `'$tcrc$sha256$5d1f…'` (77 characters) or `'$tcrc$hmac-sha256$…'` (115).
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `code` is not a string, or for options of the wrong type.
 * @throws {RangeError} `ERR_INVALID_RECOVERY_CODE` if `code` is not 13–64 Crockford symbols;
 *   `ERR_WEAK_RECOVERY_CODE` for a code under 112 bits without a pepper; `ERR_OUT_OF_RANGE` for a pepper that is
 *   not 16–64 bytes.
 * @example
 * ```ts
 * hashRecoveryCode('7KQ3-M9XD-2T0B-WZ4N-HC8R-5VJE'); // => '$tcrc$sha256$…' (64 hex digits)
 * const pepper = new Uint8Array(32).fill(7); // in practice a secret kept outside the database
 * hashRecoveryCode('7KQ3-M9XD-2T0B-WZ4N', { pepper }); // => e.g. '$tcrc$hmac-sha256$…$…' (32 + 64 hex digits)
 * ```
 */
export function hashRecoveryCode(code: string, options?: RecoveryHashOptions): string {
  assertString(code, 'code');
  const pepper = readPepper(options);
  const symbols = normalize(code);
  if (symbols === null) {
    throw rangeError(
      'ERR_INVALID_RECOVERY_CODE',
      `"code" must be ${MIN_RECOVERY_CODE_LENGTH} to ${MAX_RECOVERY_CODE_LENGTH} symbols of ${RECOVERY_CODE_ALPHABET}`,
    );
  }
  if (pepper === undefined) {
    if (symbols.length < MIN_PLAIN_RECOVERY_CODE_LENGTH) {
      throw rangeError(
        'ERR_WEAK_RECOVERY_CODE',
        `"code" carries ${symbols.length * BITS_PER_SYMBOL} bits: under 112, a plain hash can be searched offline, ` +
          `so "options.pepper" is required (NIST SP 800-63B §5.1.2.2)`,
      );
    }
    return PLAIN_PREFIX + plainDigest(symbols);
  }
  return withRandomBytes(SALT_BYTES, (bytes, offset) => {
    const salt = bytes.slice(offset, offset + SALT_BYTES); // public once stored, so a copy may stay
    const digest = withHmacKey('SHA256', pepper, (mac) => pepperedDigest(mac, salt, symbols));
    return `${PEPPERED_PREFIX}${hex(salt)}$${digest}`;
  });
}

/** A stored hash, parsed: the salt (peppered only) and the expected digest in hex. */
interface StoredHash {
  salt: Uint8Array | undefined;
  digest: string;
}

/** Checks and parses the stored hashes: a programmer error (or a corrupted database) throws, with a code. */
function parseStored(storedHashes: unknown, hasPepper: boolean): StoredHash[] {
  if (!Array.isArray(storedHashes)) {
    throw typeError('ERR_INVALID_ARG_TYPE', `"storedHashes" must be an array (received ${describeType(storedHashes)})`);
  }
  return storedHashes.map((stored: unknown, i) => {
    const name = `storedHashes[${i}]`;
    assertString(stored, name);
    const text = stored as string;
    if (PLAIN_HASH.test(text)) return { salt: undefined, digest: text.slice(PLAIN_PREFIX.length) };
    if (!PEPPERED_HASH.test(text)) {
      throw new TotpConfigError(
        'ERR_INVALID_RECOVERY_HASH',
        `"${name}" is not a recovery-code hash ('${PLAIN_PREFIX}<64 hex>' or '${PEPPERED_PREFIX}<32 hex>$<64 hex>')`,
      );
    }
    if (!hasPepper) {
      throw typeError('ERR_INVALID_ARG_TYPE', `"options.pepper" is required: "${name}" was made with a pepper`);
    }
    const [salt, hash] = text.slice(PEPPERED_PREFIX.length).split('$');
    return { salt: hexBytes(salt), digest: hash };
  });
}

/**
 * Checks a recovery code the user typed against the stored hashes of their unused codes, and says which one it
 * is, so that the application can delete it (one use per code). Every stored hash is computed and compared, in
 * constant time, whatever the input and wherever the match: the time taken does not tell which code matched, or
 * whether one did.
 *
 * What people type is forgiven: any case, spaces and dashes anywhere, `O` for `0`, `I` or `L` for `1`.
 * Anything else that is not a code (a number, an empty or over-long string, another alphabet) is simply not a
 * match: `-1`, never an exception.
 *
 * @param input - What the user typed.
 * @param storedHashes - The {@link hashRecoveryCode} strings of the user's unused codes.
 * @param options - `pepper`: required if any stored hash was made with one.
 * @returns The index in `storedHashes` of the matching code, or -1.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `storedHashes` is not an array of strings, or holds a peppered
 *   hash and no `options.pepper` is given.
 * @throws {TotpConfigError} `ERR_INVALID_RECOVERY_HASH` for a stored string that is not a recovery-code hash.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for a pepper that is not 16–64 bytes.
 * @example
 * ```ts
 * const codes = generateRecoveryCodes();
 * const stored = codes.map((code) => hashRecoveryCode(code));
 * verifyRecoveryCode(codes[3].toLowerCase().replaceAll('-', ' '), stored); // => 3
 * verifyRecoveryCode('not a code', stored); // => -1
 * ```
 */
export function verifyRecoveryCode(
  input: string,
  storedHashes: readonly string[],
  options?: RecoveryHashOptions,
): number {
  const pepper = readPepper(options);
  // Stored hashes are checked before the input is looked at: a bad one is a bug to report even for garbage input.
  const stored = parseStored(storedHashes, pepper !== undefined);
  const symbols = typeof input === 'string' ? normalize(input) : null;
  if (symbols === null) return -1;
  const plain = plainDigest(symbols);
  // The pepper's pads are absorbed once for all the stored hashes. Without a pepper, none is peppered (parseStored).
  const search = (mac: KeyedMac | undefined): number => {
    let found = 0;
    let index = -1;
    for (let i = 0; i < stored.length; i++) {
      const { salt, digest: expected } = stored[i];
      const actual = salt === undefined ? plain : pepperedDigest(mac!, salt, symbols);
      // The first match wins; neither the comparison nor the selection branches on the stored digest.
      const equal = +constantTimeEqual(actual, expected) & (found ^ 1);
      index = select(equal, i, index);
      found |= equal;
    }
    return index;
  };
  return pepper === undefined ? search(undefined) : withHmacKey('SHA256', pepper, search);
}
