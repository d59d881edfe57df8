/**
 * The rules for a label part (an account or an issuer) of an otpauth URI, and its percent-encoding, in one
 * pass. Used when making a URI (`uri.ts`, `configuration.ts`) and when reading one (`parse.ts`), so that every
 * parsed label can be written again.
 *
 * @module
 */
import { rangeError } from '../errors.js';
import { assertString } from './assert.js';

/** `%XX` for every ASCII character, upper-case hex as RFC 3986 §2.1 recommends. */
const ESCAPES = /* @__PURE__ */ Array.from(
  { length: 128 },
  (_, c) => '%' + (c + 256).toString(16).slice(1).toUpperCase(),
);

/**
 * Checks a label part with the rules of {@link assertLabel} and percent-encodes it as UTF-8 (RFC 3986 §2.1), in
 * one pass: everything but the unreserved characters (`A–Z a–z 0–9 - . _ ~`, §2.3) becomes `%XX`. Space is `%20`,
 * never `+`, and `& + # / ? = % @ ! ' ( ) *` are always encoded. Runs of unreserved characters are copied as
 * slices, so an ASCII label costs one scan and a few concatenations.
 *
 * A text longer (in UTF-16 code units) than `maxBytes` is refused before it is scanned: UTF-8 never takes fewer
 * bytes than UTF-16 takes code units, so its length alone proves the limit broken.
 *
 * @param value - the label part.
 * @param name - the argument name for error messages.
 * @param maxBytes - the longest UTF-8 length allowed.
 * @returns the encoded text.
 * @throws the errors of {@link assertLabel}.
 * @example
 * ```ts
 * encodeLabel('Example Co', 'issuer', 64);      // => 'Example%20Co'
 * encodeLabel('alice@example.com', 'user', 128); // => 'alice%40example.com'
 * ```
 */
export function encodeLabel(value: unknown, name: string, maxBytes: number): string {
  const text = assertString(value, name);
  if (text.length > maxBytes) throw tooLong(name, maxBytes, `at least ${text.length}`);
  let out = '';
  let run = 0; // start of the current run of unreserved characters
  let bytes = 0;
  let searched = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x5f ||
      c === 0x7e
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
      // Every hidden character is outside ASCII: the whole label is searched once, at its first non-ASCII one.
      if (!searched) assertNotHidden(text, name);
      searched = true;
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
  if (bytes === 0) throw labelError(`"${name}" must not be empty`);
  if (bytes > maxBytes) throw tooLong(name, maxBytes, String(bytes));
  return run === 0 ? text : out + text.slice(run);
}

/**
 * Characters a label must not hold because an app would draw them invisibly, or reorder the text around them,
 * so that the name shown is not the name stored (Unicode UTS #39 §3.1 and UAX #9; CVE-2021-42574 "Trojan
 * Source" for the bidirectional controls):
 * - bidirectional controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069;
 * - line and paragraph separators U+2028, U+2029 (line breaks in a one-line name);
 * - invisible format and filler characters: U+00AD, U+115F, U+1160, U+17B4, U+17B5, U+180E, U+200B,
 *   U+2060–U+2064, U+206A–U+206F, U+3164, U+FEFF, U+FFA0, U+FFF9–U+FFFB;
 * - the zero-width non-joiner and joiner U+200C, U+200D at the start, at the end or next to an ASCII
 *   character: inside emoji sequences (👩‍💻) and Indic or Arabic words they are needed, next to Latin letters
 *   they only hide;
 * - tag characters U+E0000–U+E007F (as UTF-16: U+DB40 then U+DC00–U+DC7F), except the run of U+E0020–U+E007F
 *   that follows U+1F3F4 in the subdivision flags (🏴󠁧󠁢󠁥󠁮󠁧󠁿).
 */
const HIDDEN = /* @__PURE__ */ new RegExp(
  [
    // Bidirectional controls, separators, and invisible format and filler characters, wherever they stand.
    '[\\u00ad\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b\\u200e\\u200f\\u2028-\\u202e' +
      '\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb]',
    // A joiner at the start or after an ASCII character, or at the end or before one.
    '(?<![^\\0-\\x7f])[\\u200c\\u200d]',
    '[\\u200c\\u200d](?![^\\0-\\x7f])',
    // Tag characters that no flag uses, and the others outside the run after U+1F3F4.
    '\\udb40[\\udc00-\\udc1f]',
    '(?<!\\ud83c\\udff4(?:\\udb40[\\udc20-\\udc7e])*)\\udb40[\\udc20-\\udc7f]',
  ].join('|'),
);

/** Throws `ERR_INVALID_LABEL` naming the first {@link HIDDEN} character of `text`, if it has one. */
function assertNotHidden(text: string, name: string): void {
  const hidden = HIDDEN.exec(text);
  if (hidden !== null) {
    throw labelError(
      `"${name}" must not contain ${codePoint(text.codePointAt(hidden.index)!)} (at index ${hidden.index}): ` +
        'invisible or bidirectional formatting can make an app show another name',
    );
  }
}

/**
 * Checks a label part (account or issuer) against the rules of the Key URI Format, and a few of our own so that
 * every app shows the same name:
 * - a non-empty string;
 * - well-formed Unicode: no lone surrogate, which has no UTF-8 form;
 * - no control character (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F);
 * - no invisible or bidirectional formatting character that could make an app show another name (see
 *   `HIDDEN`: U+202E, U+2066, U+200B, U+FEFF …; zero-width joiners inside emoji and words are fine);
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
 * assertLabel('alice@example.com', 'user', 128); // => 'alice@example.com'
 * assertLabel('Example:Co', 'issuer', 64); // throws: "issuer" must not contain ':' (found at index 7)
 * ```
 */
export function assertLabel(value: unknown, name: string, maxBytes: number): string {
  encodeLabel(value, name, maxBytes);
  return value as string;
}

/** `U+XXXX` for a code point, for messages (the character itself may be invisible). */
export function codePoint(c: number): string {
  return 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
}

function tooLong(name: string, maxBytes: number, received: string): RangeError {
  return labelError(`"${name}" must be at most ${maxBytes} bytes in UTF-8 (received ${received})`);
}

/**
 * The rules that tie an account to its issuer, checked on the account as {@link encodeLabel} returned it:
 * - after an issuer, it must not start with a space: the Key URI Format reads spaces after the separator as
 *   padding (`issuer (":" / "%3A") *"%20" accountname`), and so does `parseOtpauthUri`, so `Example:%20alice` names
 *   `alice` and `' alice'` could not be read back;
 * - without one, it must not be `.` or `..`: the label is then the whole path segment, and URL parsers drop dot
 *   segments (RFC 3986 §5.2.4, WHATWG URL even as `%2E`), so the account would be lost.
 *
 * @param encodedAccount - the account as {@link encodeLabel} returned it.
 * @param name - the argument name for the message.
 * @param hasIssuer - whether the label has an issuer prefix.
 * @example
 * ```ts
 * assertAccountFits('alice', 'user', true);    // => undefined
 * assertAccountFits('%20alice', 'user', true);
 * // throws: "user" must not start with a space after an issuer (the Key URI Format's padding)
 * assertAccountFits('..', 'user', false); // throws: "user" must not be '.' or '..' when there is no issuer
 * ```
 */
export function assertAccountFits(encodedAccount: string, name: string, hasIssuer: boolean): void {
  if (hasIssuer && encodedAccount.startsWith('%20')) {
    throw labelError(`"${name}" must not start with a space after an issuer (the Key URI Format's padding)`);
  }
  if (!hasIssuer && isDotSegment(encodedAccount)) {
    throw labelError(`"${name}" must not be '.' or '..' when there is no issuer`);
  }
}

/**
 * Whether an account is `.` or `..`: a whole path segment that URL parsers drop (RFC 3986 §5.2.4). The same text
 * encoded or not: neither character is encoded.
 */
export function isDotSegment(account: string): boolean {
  return account === '.' || account === '..';
}

/** An `ERR_INVALID_LABEL` error. */
function labelError(message: string): RangeError {
  return rangeError('ERR_INVALID_LABEL', message);
}
