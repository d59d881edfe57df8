import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { base32Encode } from '../src/base32.js';
import { MAX_OTPAUTH_URI_LENGTH, parseOtpauthUri, type ParsedOtpauthUri, type WarningCode } from '../src/parse.js';
import { formatOtpauthUri, type OtpauthUriOptions } from '../src/uri.js';
import { MAX_ACCOUNT_BYTES, MAX_ISSUER_BYTES, type Algorithm, type Digits } from '../src/params.js';
import { fastestRefusal } from './helpers/fastest.js';
import { isValidLabel } from './helpers/labels.js';

const S = 'JBSWY3DPEHPK3PXP';
const base = { account: 'alice', issuer: undefined, secret: S, warnings: [] };
const totp = (o: Partial<ParsedOtpauthUri>): ParsedOtpauthUri =>
  ({
    type: 'totp',
    ...base,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: undefined,
    encoder: 'decimal',
    ...o,
  }) as ParsedOtpauthUri;
const hotp = (o: Partial<ParsedOtpauthUri>): ParsedOtpauthUri =>
  ({
    type: 'hotp',
    ...base,
    algorithm: 'SHA1',
    digits: 6,
    period: undefined,
    counter: 0,
    encoder: 'decimal',
    ...o,
  }) as ParsedOtpauthUri;
const steam = (o: Partial<ParsedOtpauthUri>): ParsedOtpauthUri =>
  ({
    type: 'totp',
    ...base,
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: undefined,
    encoder: 'steam',
    ...o,
  }) as ParsedOtpauthUri;

// [uri, expected]: clean URIs, read the same way in both modes, with no warnings.
const VALID: [string, ParsedOtpauthUri][] = [
  // Key URI Format wiki examples.
  [
    'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    totp({ account: 'alice@google.com', issuer: 'Example' }),
  ],
  [
    'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    totp({ account: 'john.doe@email.com', issuer: 'ACME Co', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' }),
  ],
  // What formatOtpauthUri writes.
  [
    'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co',
    totp({ account: 'alice@example.com', issuer: 'Example Co' }),
  ],
  ['otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP&digits=8&period=60', totp({ account: 'bob', digits: 8, period: 60 })],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=7', hotp({ counter: 7 })],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=9007199254740991', hotp({ counter: 9007199254740991 })],
  // Label separator: ':' or '%3A' (either case); the first one wins; label issuer alone is the issuer.
  ['otpauth://totp/Example%3Aalice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example' })],
  ['otpauth://totp/Example%3aalice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example' })],
  ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example' })],
  // Issuer only as a parameter.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Example', totp({ issuer: 'Example' })],
  // Each label part decoded once: %253A is a literal "%3A" in the account… which is fine (no ':').
  ['otpauth://totp/Ex:al%253Aice?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Ex', account: 'al%3Aice' })],
  // UTF-8 labels, percent-encoded.
  ['otpauth://totp/%C3%89cole:%E6%97%A5%E6%9C%AC?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'École', account: '日本' })],
  ['otpauth://totp/%F0%9F%91%A9%E2%80%8D%F0%9F%92%BB?secret=JBSWY3DPEHPK3PXP', totp({ account: '👩‍💻' })],
  // Spaces without an issuer are the account's own, never trimmed; trailing spaces too.
  ['otpauth://totp/%20alice?secret=JBSWY3DPEHPK3PXP', totp({ account: ' alice' })],
  ['otpauth://totp/Example:alice%20?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'Example', account: 'alice ' })],
  // In the label, '+' is a plus sign (RFC 3986): libpam writes foo+blaha@bar.com.
  ['otpauth://totp/foo+blaha@bar.com?secret=JBSWY3DPEHPK3PXP', totp({ account: 'foo+blaha@bar.com' })],
  // %2B in the query is a plus sign.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=C%2B%2B', totp({ issuer: 'C++' })],
  // Algorithm in any case, returned upper case.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=sha256', totp({ algorithm: 'SHA256' })],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=Sha512', totp({ algorithm: 'SHA512' })],
  // Secret canonicalised: case, spaces (encoded), padding.
  ['otpauth://totp/alice?secret=jbswy3dpehpk3pxp', totp({})],
  ['otpauth://totp/alice?secret=JBSW%20Y3DP%20EHPK%203PXP', totp({})],
  ['otpauth://totp/alice?secret=MZXW6%3D%3D%3D', totp({ secret: 'MZXW6' })],
  ['otpauth://totp/alice?secret=MZXW6===', totp({ secret: 'MZXW6' })],
  // Unknown parameters ignored, empty pieces ignored, parameter order free.
  ['otpauth://totp/alice?image=https%3A%2F%2Fexample.com%2Flogo.png&secret=JBSWY3DPEHPK3PXP&color=red&&', totp({})],
  // Scheme and type case-insensitive.
  ['OTPAUTH://TOTP/alice?secret=JBSWY3DPEHPK3PXP', totp({})],
  ['otpauth://Hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=0', hotp({})],
  // Known parameters that do not apply to the type are checked but not returned (Ente Auth writes period on HOTP).
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&counter=5', totp({})],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=5&period=60', hotp({ counter: 5 })],
  // Leading zeros in numbers.
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=08&period=060', totp({ digits: 8, period: 60 })],
  // A raw '/' in the label (pyotp leaves it unencoded).
  ['otpauth://totp/team/alice?secret=JBSWY3DPEHPK3PXP', totp({ account: 'team/alice' })],
  // '.' with an issuer is an ordinary account.
  ['otpauth://totp/X:.?secret=JBSWY3DPEHPK3PXP', totp({ issuer: 'X', account: '.' })],
  // Steam Guard: encoder=steam as KeePassXC and formatOtpauthUri write it, digits=5 and algorithm=SHA1 allowed.
  ['otpauth://totp/Steam:alice?secret=JBSWY3DPEHPK3PXP&issuer=Steam&encoder=steam', steam({ issuer: 'Steam' })],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=5&period=30&encoder=Steam', steam({})],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=15&encoder=steam', steam({ period: 15 })],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&encoder=decimal', totp({})],
];

// [uri, expected, warnings, code]: deviations that tolerant parsing accepts with these warnings and that strict
// parsing refuses with `code` (the code the URI had before tolerance).
const TOLERATED: [string, ParsedOtpauthUri, WarningCode[], string][] = [
  // The parameter wins over a differing label issuer (Microsoft 365: tenant in the label, issuer=Microsoft).
  [
    'otpauth://totp/Contoso:alice?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft',
    totp({ issuer: 'Microsoft' }),
    ['ISSUER_MISMATCH'],
    'ERR_OTPAUTH_ISSUER_MISMATCH',
  ],
  [
    'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=example',
    totp({ issuer: 'example' }),
    ['ISSUER_MISMATCH'],
    'ERR_OTPAUTH_ISSUER_MISMATCH',
  ],
  // '+' in the query is a space (URLSearchParams, Go url.Values): then label and parameter agree.
  [
    'otpauth://totp/Big%20Corp:alice?secret=JBSWY3DPEHPK3PXP&issuer=Big+Corp',
    totp({ issuer: 'Big Corp' }),
    ['PLUS_AS_SPACE'],
    'ERR_OTPAUTH_ENCODING',
  ],
  [
    'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=My+TOTP+Code',
    totp({ issuer: 'My TOTP Code' }),
    ['PLUS_AS_SPACE'],
    'ERR_OTPAUTH_ENCODING',
  ],
  ['otpauth://totp/alice?secret=JBSW+Y3DP+EHPK+3PXP', totp({}), ['PLUS_AS_SPACE'], 'ERR_OTPAUTH_ENCODING'],
  // …but not in the label, so a label 'Big+Corp' and a parameter 'Big+Corp' differ; the parameter wins.
  [
    'otpauth://totp/Big+Corp:alice?secret=JBSWY3DPEHPK3PXP&issuer=Big+Corp',
    totp({ issuer: 'Big Corp' }),
    ['PLUS_AS_SPACE', 'ISSUER_MISMATCH'],
    'ERR_OTPAUTH_ENCODING',
  ],
  // Spaces after the separator are padding (Key URI Format: issuer ":" *"%20" accountname).
  [
    'otpauth://totp/Big%20Corporation%3A%20alice%40bigco.com?secret=JBSWY3DPEHPK3PXP&issuer=Big%20Corporation',
    totp({ issuer: 'Big Corporation', account: 'alice@bigco.com' }),
    ['ACCOUNT_PADDING'],
    'ERR_OTPAUTH_LABEL',
  ],
  [
    'otpauth://totp/Example:%20%20alice?secret=JBSWY3DPEHPK3PXP',
    totp({ issuer: 'Example' }),
    ['ACCOUNT_PADDING'],
    'ERR_OTPAUTH_LABEL',
  ],
  [
    'otpauth://totp/%20alice?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    totp({ issuer: 'Example' }),
    ['ACCOUNT_PADDING'],
    'ERR_OTPAUTH_LABEL',
  ],
  // A raw space is not a URI character (Cloudflare in an Ente Auth export).
  [
    'otpauth://totp/Cloudflare: alice?secret=JBSWY3DPEHPK3PXP&issuer=Cloudflare',
    totp({ issuer: 'Cloudflare' }),
    ['RAW_CHARACTERS', 'ACCOUNT_PADDING'],
    'ERR_OTPAUTH_ENCODING',
  ],
  [
    'otpauth://totp/École:alice?secret=JBSWY3DPEHPK3PXP',
    totp({ issuer: 'École' }),
    ['RAW_CHARACTERS'],
    'ERR_OTPAUTH_ENCODING',
  ],
  // A repeated parameter that is not read (andOTP writes one tags= per tag).
  [
    'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&tags=a&tags=b&tags=c',
    totp({}),
    ['REPEATED_PARAMETER'],
    'ERR_OTPAUTH_MALFORMED',
  ],
  // A name that could be anything (a secret pasted in the wrong place) is not quoted, only its length.
  [
    'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&JBSWY3DPEHPK3PXP=1&JBSWY3DPEHPK3PXP=2',
    totp({}),
    ['REPEATED_PARAMETER'],
    'ERR_OTPAUTH_MALFORMED',
  ],
  // A known parameter in another case is not read, as apps do; it may have meant something.
  [
    'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&ALGORITHM=SHA256',
    totp({}),
    ['IGNORED_PARAMETER'],
    'ERR_OTPAUTH_MALFORMED',
  ],
  ['otpauth://totp/alice?Secret=X&secret=JBSWY3DPEHPK3PXP', totp({}), ['IGNORED_PARAMETER'], 'ERR_OTPAUTH_MALFORMED'],
  // An empty account after an issuer prefix (crossout, Steam).
  [
    'otpauth://totp/crossout:?secret=JBSWY3DPEHPK3PXP&issuer=crossout',
    totp({ issuer: 'crossout', account: '' }),
    ['EMPTY_ACCOUNT'],
    'ERR_OTPAUTH_LABEL',
  ],
  [
    'otpauth://totp/Example:%20?secret=JBSWY3DPEHPK3PXP',
    totp({ issuer: 'Example', account: '' }),
    ['ACCOUNT_PADDING', 'EMPTY_ACCOUNT'],
    'ERR_OTPAUTH_LABEL',
  ],
  // An empty issuer prefix or parameter counts as none.
  ['otpauth://totp/:alice?secret=JBSWY3DPEHPK3PXP', totp({}), ['EMPTY_ISSUER'], 'ERR_OTPAUTH_LABEL'],
  [
    'otpauth://totp/%3A%20alice?secret=JBSWY3DPEHPK3PXP',
    totp({}),
    ['EMPTY_ISSUER', 'ACCOUNT_PADDING'],
    'ERR_OTPAUTH_LABEL',
  ],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=', totp({}), ['EMPTY_ISSUER'], 'ERR_OTPAUTH_LABEL'],
  [
    'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=',
    totp({ issuer: 'Example' }),
    ['EMPTY_ISSUER'],
    'ERR_OTPAUTH_LABEL',
  ],
  // Steam Guard in Aegis's form, and a Steam entry's digits other than 5 (pyotp's test writes digits=7).
  [
    'otpauth://steam/Boeing:Sophia?secret=JBSWY3DPEHPK3PXP&issuer=Boeing&algorithm=SHA1&digits=5&period=30',
    steam({ issuer: 'Boeing', account: 'Sophia' }),
    ['STEAM_TYPE'],
    'ERR_OTPAUTH_TYPE',
  ],
  [
    'otpauth://totp/Steam:alice?secret=JBSWY3DPEHPK3PXP&digits=7&encoder=steam',
    steam({ issuer: 'Steam' }),
    ['IGNORED_PARAMETER'],
    'ERR_OTPAUTH_DIGITS',
  ],
];

// [uri, code, strict code]: refused in both modes (in strict mode with another code when a tolerated deviation comes
// first).
const INVALID: [string, string, string?][] = [
  ['http://totp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_SCHEME'],
  ['otpauth:/totp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_SCHEME'],
  ['otpauth:', 'ERR_OTPAUTH_SCHEME'],
  ['', 'ERR_OTPAUTH_SCHEME'],
  [' otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_SCHEME'],
  ['otpauth://motp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_TYPE'],
  ['otpauth://?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_TYPE'],
  ['otpauth://totp', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  // Neither account nor issuer.
  ['otpauth://totp/:?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/a:b:c?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/a%3Ab%3Ac?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/al%0Aice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=%0A', 'ERR_OTPAUTH_LABEL'],
  [`otpauth://totp/${'a'.repeat(MAX_ACCOUNT_BYTES + 1)}?secret=JBSWY3DPEHPK3PXP`, 'ERR_OTPAUTH_LABEL'],
  [`otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=${'a'.repeat(MAX_ISSUER_BYTES + 1)}`, 'ERR_OTPAUTH_LABEL'],
  // A dot segment without an issuer: URL parsers drop it, and formatOtpauthUri refuses to write it.
  ['otpauth://totp/.?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/%2E%2E?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  // Spoofed names from a hostile URI (bidi controls, invisible characters): refused, never shown.
  ['otpauth://totp/PayPal:alice%E2%80%AEmoc.evil?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/Pay%E2%80%8Bpal:alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=%E2%81%A6Bank%E2%81%A9', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/Example:%EF%BB%BFalice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_LABEL'],
  // …also where the issuer parameter would win over it.
  ['otpauth://totp/Pay%E2%80%AEpal:alice?secret=JBSWY3DPEHPK3PXP&issuer=PayPal', 'ERR_OTPAUTH_LABEL'],
  ['otpauth://totp/alice', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?issuer=Example', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=%20%20', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PX1', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXPJ', 'ERR_OTPAUTH_SECRET'],
  ['otpauth://totp/alice?secret=MZ=XW6==', 'ERR_OTPAUTH_SECRET'],
  [`otpauth://totp/alice?secret=${'A'.repeat(1640)}`, 'ERR_OTPAUTH_SECRET'], // 1,025 bytes
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'ERR_OTPAUTH_ALGORITHM'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA-1', 'ERR_OTPAUTH_ALGORITHM'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=', 'ERR_OTPAUTH_ALGORITHM'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&encoder=steam', 'ERR_OTPAUTH_ALGORITHM'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=5', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=9', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=6.0', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=%2B6', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=+6', 'ERR_OTPAUTH_DIGITS', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=', 'ERR_OTPAUTH_DIGITS'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=0', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=-30', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=30.5', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=1e2', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=3601', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&period=%20', 'ERR_OTPAUTH_PERIOD'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=-1', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=9007199254740992', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=0x10', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&counter=abc', 'ERR_OTPAUTH_COUNTER'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&encoder=motp', 'ERR_OTPAUTH_ENCODER'],
  ['otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&counter=0&encoder=steam', 'ERR_OTPAUTH_ENCODER'],
  ['otpauth://steam/alice?secret=JBSWY3DPEHPK3PXP&encoder=decimal', 'ERR_OTPAUTH_ENCODER', 'ERR_OTPAUTH_TYPE'],
  ['otpauth://totp/al%ZZice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice%?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice%C3?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/Ex%FF:alice?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/%ED%A0%80?secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PX%', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=%E2%82', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA%', 'ERR_OTPAUTH_ENCODING'],
  ['otpauth://totp/alice?sec%ret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_ENCODING'],
  // A repeated parameter that is read: which value an app uses is a guess (pyotp the last, Android the first).
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits=6&digits=6', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&algorithm=SHA256', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&s%65cret=AAAA', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&encoder=steam&encoder=steam', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&digits', 'ERR_OTPAUTH_MALFORMED'],
  ['otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP#frag', 'ERR_OTPAUTH_MALFORMED'],
  [`otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&image=${'a'.repeat(MAX_OTPAUTH_URI_LENGTH)}`, 'ERR_OTPAUTH_MALFORMED'],
];

const short = (uri: string) => (uri.length > 90 ? uri.slice(0, 90) + '…' : uri);

/** Checks a thrown error: ours, with the code, and no part of the test secret in its message. */
const refusedWith = (code: string) => (e: Error & { code?: string }) => {
  assert.equal(e.name, 'TotpConfigError');
  assert.equal(e.code, code, e.message);
  assert.ok(!e.message.includes('JBSWY3DP') && !e.message.includes('jbswy3dp'), e.message);
  return true;
};

describe('parseOtpauthUri: clean URIs, no warnings, the same in strict mode', () => {
  for (const [uri, expected] of VALID) {
    it(short(uri), () => {
      assert.deepEqual(parseOtpauthUri(uri), expected);
      assert.deepEqual(parseOtpauthUri(uri, { strict: true }), expected);
    });
  }
});

describe('parseOtpauthUri: tolerated deviations (warnings), refused in strict mode with the former code', () => {
  for (const [uri, expected, warnings, code] of TOLERATED) {
    it(`${warnings.join(', ')}: ${short(uri)}`, () => {
      const parsed = parseOtpauthUri(uri);
      assert.deepEqual(
        parsed.warnings.map((w) => w.code),
        warnings,
      );
      assert.deepEqual({ ...parsed, warnings: [] }, expected);
      for (const w of parsed.warnings) assert.ok(!w.message.includes('JBSW') && w.message.length > 10, w.message);
      assert.throws(() => parseOtpauthUri(uri, { strict: true }), refusedWith(code));
    });
  }
});

describe('parseOtpauthUri: refused URIs', () => {
  for (const [uri, code, strictCode = code] of INVALID) {
    it(`${code}: ${short(uri)}`, () => {
      assert.throws(() => parseOtpauthUri(uri), refusedWith(code));
      assert.throws(() => parseOtpauthUri(uri, { strict: true }), refusedWith(strictCode));
    });
  }
  it('a re-thrown error carries its cause (label rules, base32, percent-decoding)', () => {
    const cause = (uri: string) => {
      try {
        parseOtpauthUri(uri);
      } catch (e) {
        return (e as Error).cause as Error & { code?: string };
      }
      assert.fail('not refused');
    };
    assert.equal(cause('otpauth://totp/al%0Aice?secret=JBSWY3DPEHPK3PXP').code, 'ERR_INVALID_LABEL');
    assert.equal(cause('otpauth://totp/alice?secret=JBSWY3DPEHPK3PX1').code, 'ERR_INVALID_BASE32');
    assert.ok(cause('otpauth://totp/al%ZZice?secret=JBSWY3DPEHPK3PXP') instanceof URIError);
  });
  it('rejects a non-string, or a non-boolean strict, with ERR_INVALID_ARG_TYPE', () => {
    for (const value of [undefined, null, 42, {}, new URL('otpauth://totp/a?secret=AAAA')]) {
      assert.throws(() => parseOtpauthUri(value as string), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    }
    for (const strict of [1, 'yes', null]) {
      assert.throws(() => parseOtpauthUri(`otpauth://totp/a?secret=${S}`, { strict: strict as never }), {
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_TYPE',
        message: /"options\.strict" must be a boolean/,
      });
    }
    assert.throws(() => parseOtpauthUri(`otpauth://totp/a?secret=${S}`, [] as never), { code: 'ERR_INVALID_ARG_TYPE' });
  });
  it('reads options.strict as an own property only', () => {
    const uri = `otpauth://totp/A:a?secret=${S}&issuer=B`;
    const inherited = Object.create({ strict: true }) as { strict?: boolean };
    assert.equal(parseOtpauthUri(uri, inherited).issuer, 'B');
  });
});

describe('parseOtpauthUri: input limits (issue 10, item 8)', () => {
  it(`refuses a URI over ${MAX_OTPAUTH_URI_LENGTH} characters in constant time: 10^7 characters in under 1 ms`, () => {
    const huge = `otpauth://totp/${'a'.repeat(1e7)}?secret=${S}`;
    const best = fastestRefusal(
      () => parseOtpauthUri(huge),
      (error) =>
        assert.throws(
          () => {
            throw error;
          },
          { code: 'ERR_OTPAUTH_MALFORMED', message: /at most 4096 characters/ },
        ),
    );
    assert.ok(best < 1, `${best} ms`);
  });
  it('accepts a URI of exactly the limit, and every URI formatOtpauthUri writes is shorter (at most 2,490)', () => {
    const uri = `otpauth://totp/alice?secret=${S}&image=`;
    assert.equal(parseOtpauthUri(uri + 'x'.repeat(MAX_OTPAUTH_URI_LENGTH - uri.length)).secret, S);
    const longest = formatOtpauthUri({
      type: 'hotp',
      secret: 'A'.repeat(1639 - 7) + 'AAAAAAA', // 1,024 bytes
      account: '🔑'.repeat(MAX_ACCOUNT_BYTES / 4),
      issuer: '🔑'.repeat(MAX_ISSUER_BYTES / 4),
      algorithm: 'SHA256',
      digits: 8,
      counter: 9007199254740991,
    });
    assert.equal(longest.length, 2490);
    assert.equal(parseOtpauthUri(longest).counter, 9007199254740991);
  });
});

// Arbitraries for formatOtpauthUri's inputs: every value it accepts.
const labelPart = (maxBytes: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('a', 'Z', '0', ' ', '@', '%', '+', '&', '=', '?', '#', '/', '.', '~', '!', '*', "'"),
        fc.constantFrom('é', '日', '🔑', '\u00a0', '\u200d'),
        fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
      ),
      minLength: 1,
      maxLength: 40,
    })
    .filter((s) => isValidLabel(s, maxBytes));
const secrets = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => base32Encode(b));
const options: fc.Arbitrary<OtpauthUriOptions> = fc
  .record({
    type: fc.constantFrom<'totp' | 'hotp' | 'steam'>('totp', 'hotp', 'steam'),
    secret: secrets,
    account: labelPart(MAX_ACCOUNT_BYTES),
    issuer: fc.option(labelPart(MAX_ISSUER_BYTES), { nil: undefined }),
    algorithm: fc.constantFrom<Algorithm>('SHA1', 'SHA256', 'SHA512'),
    digits: fc.constantFrom<Digits>(6, 7, 8),
    period: fc.integer({ min: 1, max: 3600 }),
    counter: fc.maxSafeNat(),
  })
  .map(({ type, algorithm, digits, period, counter, ...names }): OtpauthUriOptions => {
    if (type === 'steam') return { ...names, encoder: 'steam', period };
    return type === 'totp' ? { ...names, algorithm, digits, period } : { ...names, type, algorithm, digits, counter };
  })
  // What formatOtpauthUri refuses: '.' or '..' without an issuer (a dot segment URL parsers drop), and an account
  // that starts with a space after an issuer (padding in the Key URI Format).
  .filter((o) => (o.issuer === undefined ? o.account !== '.' && o.account !== '..' : !o.account.startsWith(' ')));

/** `o` as parseOtpauthUri returns it: every field present, defaults filled in. */
function expected(o: OtpauthUriOptions): ParsedOtpauthUri {
  const names = { account: o.account, issuer: o.issuer, secret: o.secret, warnings: [] };
  if (o.encoder === 'steam') return steam({ ...names, period: o.period ?? 30 });
  if (o.type === 'hotp')
    return hotp({ ...names, algorithm: o.algorithm ?? 'SHA1', digits: o.digits ?? 6, counter: o.counter });
  return totp({ ...names, algorithm: o.algorithm ?? 'SHA1', digits: o.digits ?? 6, period: o.period ?? 30 });
}

describe('parseOtpauthUri and formatOtpauthUri are inverses (fast-check; issue 10, item 3)', () => {
  it('parse(format(o)) gives o back, defaults filled in, with no warnings, in both modes', () => {
    fc.assert(
      fc.property(options, (o) => {
        const uri = formatOtpauthUri(o);
        assert.deepEqual(parseOtpauthUri(uri), expected(o));
        assert.deepEqual(parseOtpauthUri(uri, { strict: true }), expected(o));
      }),
      { numRuns: 1000 },
    );
  });
  it('format(parse(uri)) gives uri back for every URI the formatter writes', () => {
    fc.assert(
      fc.property(options, (o) => {
        const uri = formatOtpauthUri(o);
        assert.equal(formatOtpauthUri(parseOtpauthUri(uri)), uri);
      }),
      { numRuns: 500 },
    );
  });
  it('any base32 text formatOtpauthUri accepts as a secret reads back unchanged, not only base32Encode output', () => {
    // A last character with spare bits set ('…PAB' for the bytes of '…PAA') would read back canonical, changed.
    const base32Text = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), maxLength: 40 });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(base32Text, (secret) => {
        let uri: string;
        try {
          uri = formatOtpauthUri({ secret, account: 'bob' });
        } catch (error) {
          assert.equal((error as { code?: string }).code, 'ERR_INVALID_BASE32');
          refused++;
          return;
        }
        accepted++;
        assert.equal(parseOtpauthUri(uri).secret, secret);
      }),
      { numRuns: 1000 },
    );
    assert.ok(accepted > 100 && refused > 100, `accepted ${accepted}, refused ${refused}`);
    assert.throws(() => formatOtpauthUri({ secret: 'JBSWY3DPEHPK3PXPAB', account: 'bob' }), {
      code: 'ERR_INVALID_BASE32',
      message: /"options\.secret" must be canonical base32: the bits of its last character that no byte uses/,
    });
  });
  it('the %3A separator and a lower-case algorithm read the same as ":" and upper case', () => {
    fc.assert(
      fc.property(options, (o) => {
        const uri = formatOtpauthUri(o);
        const variant = uri
          .replace(/^(otpauth:\/\/[a-z]+\/[^:?]*):/, '$1%3A')
          .replace(/algorithm=(SHA\d+)/, (_, a: string) => `algorithm=${a.toLowerCase()}`);
        assert.deepEqual(parseOtpauthUri(variant), parseOtpauthUri(uri));
      }),
      { numRuns: 300 },
    );
  });
  it('unknown parameters are ignored', () => {
    fc.assert(
      fc.property(options, fc.constantFrom('image', 'color', 'lock', 'foo'), fc.webSegment(), (o, name, value) => {
        const uri = formatOtpauthUri(o);
        assert.deepEqual(parseOtpauthUri(`${uri}&${name}=${encodeURIComponent(value)}`), parseOtpauthUri(uri));
      }),
      { numRuns: 200 },
    );
  });
});

// URIs as the world writes them: labels and parameters from pieces that include every tolerated deviation, so that
// the properties below see clean URIs, tolerated ones and refused ones.
const often = <T>(clean: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: clean, weight: 6 }, { arbitrary: odd, weight: 1 });
const labelPiece = often(
  fc.constantFrom('alice', 'Example', 'Big%20Corp', 'a+b', '%C3%89', '%3A', ':', '.'),
  fc.constantFrom('..', ' ', '%20', 'É', '%E2%80%AE', '%0A', '%', '/'),
);
const valuePiece = often(
  fc.constantFrom('Example', 'Big%20Corp', 'C%2B%2B', 'x'),
  fc.constantFrom('Big+Corp', '', '%20', 'É'),
);
const rawLabel = fc.array(labelPiece, { minLength: 0, maxLength: 4 }).map((p) => p.join(''));
const parameter: fc.Arbitrary<[string, string]> = often<[string, string]>(
  fc.oneof(
    fc.tuple(fc.constant('issuer'), valuePiece),
    fc.tuple(fc.constant('algorithm'), fc.constantFrom('SHA1', 'sha256', 'SHA512', 'MD5')),
    fc.tuple(fc.constant('digits'), fc.constantFrom('5', '6', '7', '8', '06', '+8')),
    fc.tuple(fc.constant('period'), fc.constantFrom('30', '60', '15', '0')),
    fc.tuple(fc.constant('counter'), fc.constantFrom('0', '7', '9007199254740991')),
    fc.tuple(fc.constant('encoder'), fc.constantFrom('steam', 'STEAM', 'decimal', 'motp')),
    fc.tuple(fc.constantFrom('image', 'color'), valuePiece),
  ),
  fc.tuple(fc.constantFrom('tags', 'ALGORITHM', 'Secret', 'secret'), valuePiece),
);
const wildUri = fc
  .record({
    scheme: fc.constantFrom('otpauth', 'OTPAUTH'),
    type: often(fc.constantFrom('totp', 'hotp', 'TOTP'), fc.constant('steam')),
    label: rawLabel,
    secret: often(fc.constantFrom(S, S.toLowerCase(), 'MZXW6===', 'JBSW%20Y3DP'), fc.constant('JBSW+Y3DP')),
    params: fc.array(parameter, { minLength: 0, maxLength: 5 }),
  })
  .map(
    ({ scheme, type, label, secret, params }) =>
      `${scheme}://${type}/${label}?secret=${secret}&` + params.map(([n, v]) => `${n}=${v}`).join('&'),
  );

const parse = (uri: string, strict: boolean): ParsedOtpauthUri | Error => {
  try {
    return parseOtpauthUri(uri, { strict });
  } catch (e) {
    return e as Error;
  }
};

describe('parseOtpauthUri over URIs as the world writes them (fast-check; issue 10, item 3)', () => {
  it('every URI that parses without warnings formats, and the formatted URI parses back to the same result', (t) => {
    let clean = 0;
    fc.assert(
      fc.property(wildUri, (uri) => {
        const parsed = parse(uri, false);
        if (parsed instanceof Error || parsed.warnings.length > 0) return;
        clean++;
        assert.deepEqual(parseOtpauthUri(formatOtpauthUri(parsed)), parsed);
      }),
      { numRuns: 3000 },
    );
    t.diagnostic(`${clean} of 3000 generated URIs parsed without warnings and round-tripped`);
    assert.ok(clean > 100, `only ${clean} clean URIs were generated`);
  });
  it('strict accepts exactly the URIs that parse without warnings, with the same result', (t) => {
    const seen = { clean: 0, tolerated: 0, refused: 0 };
    fc.assert(
      fc.property(wildUri, (uri) => {
        const tolerant = parse(uri, false);
        const strict = parse(uri, true);
        if (tolerant instanceof Error) {
          seen.refused++;
          assert.ok(strict instanceof Error, uri);
        } else if (tolerant.warnings.length === 0) {
          seen.clean++;
          assert.deepEqual(strict, tolerant);
        } else {
          seen.tolerated++;
          assert.ok(strict instanceof Error && /^ERR_OTPAUTH_/.test((strict as { code?: string }).code ?? ''), uri);
        }
      }),
      { numRuns: 3000 },
    );
    t.diagnostic(`generated URIs: ${JSON.stringify(seen)}`);
    for (const [kind, count] of Object.entries(seen))
      assert.ok(count > 100, `only ${count} ${kind} URIs were generated`);
  });
  it('no message or warning contains the secret', () => {
    fc.assert(
      fc.property(wildUri, (uri) => {
        const result = parse(uri, false);
        const texts = result instanceof Error ? [result.message] : result.warnings.map((w) => w.message);
        for (const text of texts) assert.ok(!/JBSW|jbsw/.test(text), text);
      }),
      { numRuns: 1000 },
    );
  });
});
