/**
 * `totp-config/compat`: which authenticator apps compute correct codes for a configuration, from one table of
 * rules, each with its source and the date it was checked.
 *
 * The failure users report is "the app scanned the QR code but the codes are wrong": many apps accept parameters
 * they then ignore. {@link checkAppCompatibility} answers per app with a verdict:
 *
 * - `works`: a source shows the app computing correct codes for these parameters;
 * - `silent`: the app accepts them and shows codes the server rejects, without a warning (the worst case);
 * - `fails`: the app refuses them (an error when scanning), or a source lists them as unsupported without saying
 *   how it fails;
 * - `unknown`: no source was found, or the sources disagree. Never read it as `works`.
 *
 * The Key URI Format's defaults (SHA1, 6 digits, 30 s, TOTP, a secret of 16 bytes or more) are what every app here
 * is for; only other values are looked up. App behaviour changes between versions: every rule has a date, and
 * KeePassXC's rules are re-measured by the tests against the real `keepassxc-cli`.
 *
 * This is an entry of its own so that the rules' text stays out of the main bundle; the compact form that
 * `generateUserConfiguration(…, { compatibleWith })` checks (`src/internal/app-support.ts`) is derived from this
 * table, and a test keeps the two equal.
 *
 * @module
 */
import type { UserConfiguration } from './configuration.js';
import { rangeError, typeError } from './errors.js';
import { assertString, optionalInteger, optionalOneOf, optionsBag, own } from './internal/assert.js';
import {
  ALGORITHMS,
  ENCODERS,
  MAX_DIGITS,
  MAX_OTP_SECRET_BYTES,
  MAX_URI_PERIOD,
  MIN_DIGITS,
  MIN_SECRET_SIZE,
  MIN_URI_PERIOD,
  OTP_TYPES,
  type Algorithm,
  type Encoder,
  type OtpType,
} from './params.js';
import { parseOtpauthUri } from './parse.js';

/** The apps in the table. `google-authenticator` (both platforms) is also accepted by `compatibleWith`. */
export type AppId =
  | 'google-authenticator-android'
  | 'google-authenticator-ios'
  | 'microsoft-authenticator'
  | 'authy'
  | '1password'
  | 'bitwarden'
  | 'aegis'
  | '2fas'
  | 'freeotp'
  | 'proton-pass'
  | 'keepassxc'
  | 'yubico-authenticator'
  | 'okta-verify'
  | 'duo-mobile'
  | 'lastpass-authenticator'
  | 'apple-passwords';

/** What an app does with a parameter (see the module documentation). */
export type Verdict = 'works' | 'fails' | 'silent' | 'unknown';

/** The parameters the rules cover; `secret` is the secret's size in bytes. */
export type CompatibilityParameter = 'algorithm' | 'digits' | 'period' | 'type' | 'encoder' | 'secret';

/** One row of the table: what `app` does with `values` of `parameter`, and the evidence. */
export interface CompatibilityRule {
  /** The app, or `'*'` for a rule about every app (an app's own rule for the same values wins). */
  readonly app: AppId | '*';
  /** The parameter the rule is about. */
  readonly parameter: CompatibilityParameter;
  /** One value, or an inclusive range `[min, max]` of numbers (seconds for `period`, bytes for `secret`). */
  readonly values: string | number | readonly [number, number];
  /** What the app does with these values. */
  readonly verdict: Verdict;
  /** What the app does, e.g. `'ignores period: shows 30 s codes'`. */
  readonly behaviour: string;
  /** Where this is shown: a URL, an issue (`owner/repo#n`), a file of the app's source, or our own measurement. */
  readonly source: string;
  /** When: the date of the evidence (`YYYY-MM` or `YYYY-MM-DD`). */
  readonly checked: string;
}

/** What one app does with one parameter of the configuration. */
export interface CompatibilityFinding {
  /** A parameter that is not the Key URI Format's default. */
  readonly parameter: CompatibilityParameter;
  /** The configuration's value (bytes for `secret`). */
  readonly value: string | number;
  /** What the app does with it: the rule's verdict, or `unknown` when no rule covers it. */
  readonly verdict: Verdict;
  /** The rule's behaviour, e.g. `'ignores period: shows 30 s codes'`; `'no source found'` without a rule. */
  readonly behaviour: string;
  /** The rule's source; `undefined` when no rule covers it. */
  readonly source: string | undefined;
  /** The rule's date; `undefined` when no rule covers it. */
  readonly checked: string | undefined;
}

/** One app's answer. */
export interface AppCompatibility {
  /** The app's name in `compatibleWith`, e.g. `'google-authenticator-android'`. */
  readonly app: AppId;
  /** The app's name, e.g. `'Google Authenticator (Android)'`. */
  readonly name: string;
  /** `fails` if any finding fails, else `silent` if any is silent, else `unknown` if any is unknown, else `works`. */
  readonly verdict: Verdict;
  /** One per parameter that is not a Key URI Format default; the parameters at fault are those not `works`. */
  readonly findings: readonly CompatibilityFinding[];
}

/** The parameters {@link checkAppCompatibility} accepts as options (those of `generateUserConfiguration`, and more). */
export interface CompatibilityOptions {
  /** `'totp'` (default) or `'hotp'`. */
  type?: OtpType | undefined;
  /** `'SHA1'` (default), `'SHA256'` or `'SHA512'`. */
  algorithm?: Algorithm | undefined;
  /** 6 (default), 7 or 8. */
  digits?: number | undefined;
  /** Seconds, 1 to 3600 (TOTP only); default 30. */
  period?: number | undefined;
  /** `'decimal'` (default) or `'steam'` (Steam Guard codes, written `encoder=steam`). */
  encoder?: Encoder | undefined;
  /** The secret's size in bytes, 1 to 1,024; default 16 (anything from 16 up is the same to every app). */
  secretSize?: number | undefined;
  /** The secret in base32, instead of `secretSize`: only its size is looked at. */
  secret?: string | undefined;
}

/** Options, a `{ otpauth_str, secret }` configuration, or an otpauth URI. */
export type CompatibilityInput = string | UserConfiguration | CompatibilityOptions;

/** An app of the table. */
export interface AppInfo {
  /** Its name in `compatibleWith` and in the rules. */
  readonly id: AppId;
  /** Its name for people, e.g. `'Google Authenticator (Android)'`. */
  readonly name: string;
}

/** The apps, in table order, with their names. */
export const APPS: readonly AppInfo[] = [
  { id: 'google-authenticator-android', name: 'Google Authenticator (Android)' },
  { id: 'google-authenticator-ios', name: 'Google Authenticator (iOS)' },
  { id: 'microsoft-authenticator', name: 'Microsoft Authenticator' },
  { id: 'authy', name: 'Twilio Authy' },
  { id: '1password', name: '1Password' },
  { id: 'bitwarden', name: 'Bitwarden' },
  { id: 'aegis', name: 'Aegis (Android)' },
  { id: '2fas', name: '2FAS' },
  { id: 'freeotp', name: 'FreeOTP (Red Hat)' },
  { id: 'proton-pass', name: 'Proton Pass' },
  { id: 'keepassxc', name: 'KeePassXC' },
  { id: 'yubico-authenticator', name: 'Yubico Authenticator' },
  { id: 'okta-verify', name: 'Okta Verify' },
  { id: 'duo-mobile', name: 'Duo Mobile' },
  { id: 'lastpass-authenticator', name: 'LastPass Authenticator' },
  { id: 'apple-passwords', name: 'Apple Passwords (iOS 18+)' },
];

const ALL_PERIODS = [MIN_URI_PERIOD, MAX_URI_PERIOD] as const;
const SHORT_SECRETS = [1, MIN_SECRET_SIZE - 1] as const;

// Sources used by several rows.
const KEY_URI_FORMAT = 'https://github.com/google/google-authenticator/wiki/Key-Uri-Format';
const KEYCLOAK_GOOGLE = 'https://github.com/keycloak/keycloak/pull/27351 (Keycloak re-tested Google Authenticator)';
const PRIVACYIDEA_2079 = 'https://github.com/privacyidea/privacyidea/issues/2079';
const AUTHELIA = "https://github.com/authelia/authelia/blob/master/docs/data/support.json (Authelia's app matrix)";
const SEC51 = 'https://github.com/sec51/twofactor/issues/11';
const BITWARDEN = 'https://github.com/bitwarden/sdk-internal/blob/main/crates/bitwarden-vault/src/totp.rs';
const AEGIS =
  'https://github.com/beemdevelopment/Aegis: app/src/main/java/com/beemdevelopment/aegis/otp/' +
  'GoogleAuthInfo.java, OtpInfo.java, TotpInfo.java';
const TWOFAS =
  'https://github.com/twofas/2fas-android: core/otp OtpAuthenticator.kt, ' +
  'data/services ServiceParser.kt and ServiceCodeGenerator.kt';
const FREEOTP = 'https://github.com/freeotp/freeotp-android/blob/master/URI.md';
const PROTON = 'https://github.com/protonpass/proton-pass-common: proton-pass-totp/src/totp.rs and queries.rs';
const KEEPASSXC = 'measured with keepassxc-cli 2.7.4 (Debian 12): test/compat-keepassxc.test.ts re-measures it';
const KEEPASSXC_DATE = '2026-12-05';
/** When the source code and documents above were read. */
const READ = '2026-12';

/** A rule; the rules that follow are grouped by app, in the order of {@link APPS}. */
const rule = (
  app: AppId | '*',
  parameter: CompatibilityParameter,
  values: CompatibilityRule['values'],
  verdict: Verdict,
  behaviour: string,
  source: string,
  checked: string,
): CompatibilityRule => ({ app, parameter, values, verdict, behaviour, source, checked });

/**
 * The table: one rule per row, with its source and date. Only values other than the Key URI Format defaults (SHA1,
 * 6 digits, 30 s, totp, decimal, a secret of 16 bytes or more) are ever looked up.
 */
// biome-ignore format: a table, one rule to a row, is easier to read and review than one argument to a line
export const COMPATIBILITY_RULES: readonly CompatibilityRule[] = /* @__PURE__ */ (() => [
  rule('*', 'secret', [10, 15], 'works',
    '80-bit secrets are the Key URI Format\'s own example, and what Google accounts and cPanel issue', KEY_URI_FORMAT,
    READ),

  rule('google-authenticator-android', 'algorithm', 'SHA256', 'works',
    'computes SHA-256 codes (versions before 2023 silently computed SHA-1 codes: privacyidea/privacyidea#3311)',
    KEYCLOAK_GOOGLE, '2024-02'),
  rule('google-authenticator-android', 'algorithm', 'SHA512', 'works',
    'computes SHA-512 codes (older versions silently computed SHA-1 codes)', KEYCLOAK_GOOGLE, '2024-02'),
  rule('google-authenticator-android', 'digits', 8, 'works', 'shows 8-digit codes',
    `${KEYCLOAK_GOOGLE}; https://github.com/andry08/ArubaOTP-seed-extractor/issues/21`, '2024-02'),
  rule('google-authenticator-android', 'period', ALL_PERIODS, 'silent', 'ignores period: shows 30 s codes',
    'andry08/ArubaOTP-seed-extractor#21; google/google-authenticator#521; Keycloak\'s Google provider (30 s only)',
    '2023-07'),
  rule('google-authenticator-android', 'type', 'hotp', 'works', 'counter-based codes', `${KEYCLOAK_GOOGLE} (review)`,
    '2024-03'),

  rule('google-authenticator-ios', 'algorithm', 'SHA256', 'works',
    'computes SHA-256 codes; a lower-case algorithm value is refused (privacyidea/privacyidea#2060)',
    PRIVACYIDEA_2079, '2020-03'),
  rule('google-authenticator-ios', 'algorithm', 'SHA512', 'works',
    'computes SHA-512 codes (Keycloak\'s re-test, platform not stated)', KEYCLOAK_GOOGLE, '2024-02'),
  rule('google-authenticator-ios', 'digits', 8, 'works', 'shows 8-digit codes',
    'https://github.com/andry08/ArubaOTP-seed-extractor/issues/21 (iOS and Android)', '2023-07'),
  rule('google-authenticator-ios', 'period', 60, 'works', 'shows 60 s codes (other periods were not reported)',
    'https://github.com/google/google-authenticator/issues/521 (comment of 2019-07-11)', '2019-07'),
  rule('google-authenticator-ios', 'type', 'hotp', 'works', 'counter-based codes', `${KEYCLOAK_GOOGLE} (review)`,
    '2024-03'),

  rule('microsoft-authenticator', 'algorithm', 'SHA256', 'silent', 'ignores algorithm: computes SHA-1 codes',
    'https://github.com/GeorgeHulpoi/payload-totp/issues/30; kspearrin/Otp.NET#54 and #62', '2025-04'),
  rule('microsoft-authenticator', 'algorithm', 'SHA512', 'silent', 'ignores algorithm: computes SHA-1 codes',
    'https://github.com/GeorgeHulpoi/payload-totp/issues/30; kspearrin/Otp.NET#54', '2025-04'),
  rule('microsoft-authenticator', 'digits', [7, 8], 'silent', 'ignores digits: shows 6-digit codes',
    'https://github.com/puddly/android-otp-extractor/issues/33; dotnet/aspnetcore#48317', '2023-05'),
  rule('microsoft-authenticator', 'period', ALL_PERIODS, 'silent', 'ignores period: shows 30 s codes',
    `${PRIVACYIDEA_2079} (60 s); RobThree/TwoFactorAuth.Net#18`, '2021-02'),
  rule('microsoft-authenticator', 'type', 'hotp', 'fails', 'not supported (Keycloak lists it for TOTP only)',
    'Keycloak\'s MicrosoftAuthenticatorOTPProvider (TOTP only), re-tested in keycloak/keycloak#27351', '2024-02'),

  rule('authy', 'algorithm', 'SHA256', 'silent', 'accepts the QR code; its codes are SHA-1 codes and are refused',
    'https://github.com/BrandonPotter/GoogleAuthenticator/issues/228; RobThree/TwoFactorAuth#54', '2024-07'),
  rule('authy', 'algorithm', 'SHA512', 'silent', 'accepts the QR code; its codes are SHA-1 codes and are refused',
    'https://github.com/BrandonPotter/GoogleAuthenticator/issues/228; https://github.com/sec51/twofactor/issues/11',
    '2024-07'),
  rule('authy', 'digits', 8, 'unknown',
    'reports disagree: sec51/twofactor#11 (2018) says 8 digits do not work, Authelia\'s matrix says they do',
    `${SEC51}; https://github.com/authelia/authelia/blob/master/docs/data/support.json (Authelia's app matrix)`,
    READ),
  rule('authy', 'period', ALL_PERIODS, 'silent', 'ignores period: shows 30 s codes',
    'https://github.com/privacyidea/privacyidea/issues/1156 (60 s); BastiaanJansen/otp-java#62', '2022-08'),

  rule('1password', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes', AUTHELIA, READ),
  rule('1password', 'algorithm', 'SHA512', 'fails', 'listed as unsupported (how it fails is not stated)', AUTHELIA,
    READ),
  rule('1password', 'digits', 8, 'fails', 'listed as unsupported (how it fails is not stated)', AUTHELIA, READ),

  rule('bitwarden', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes', BITWARDEN, READ),
  rule('bitwarden', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes', BITWARDEN, READ),
  rule('bitwarden', 'digits', [7, 8], 'works', 'any length from 1 to 10', BITWARDEN, READ),
  rule('bitwarden', 'period', ALL_PERIODS, 'works', 'any period', BITWARDEN, READ),
  rule('bitwarden', 'type', 'hotp', 'silent', 'does not read the type: computes 30 s TOTP codes from an hotp URI',
    BITWARDEN, READ),
  rule('bitwarden', 'encoder', 'steam', 'silent',
    'reads Steam only from steam:// URIs: encoder=steam gives 6-digit decimal codes', BITWARDEN, READ),

  rule('aegis', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes', AEGIS, READ),
  rule('aegis', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes', AEGIS, READ),
  rule('aegis', 'digits', [7, 8], 'works', 'any length from 1 to 10', AEGIS, READ),
  rule('aegis', 'period', ALL_PERIODS, 'works', 'any period', AEGIS, READ),
  rule('aegis', 'type', 'hotp', 'works', 'counter-based codes', AEGIS, READ),

  rule('2fas', 'algorithm', 'SHA256', 'works',
    'computes SHA-256 codes (a 2021 report said otherwise: samdjstevens/java-totp#30)', TWOFAS, READ),
  rule('2fas', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes', TWOFAS, READ),
  rule('2fas', 'digits', [7, 8], 'works', 'any length from 5 to 8', TWOFAS, READ),
  rule('2fas', 'period', ALL_PERIODS, 'works', 'the URI\'s period', TWOFAS, READ),
  rule('2fas', 'type', 'hotp', 'works', 'counter-based codes', TWOFAS, READ),

  rule('freeotp', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes', FREEOTP, READ),
  rule('freeotp', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes', FREEOTP, READ),
  rule('freeotp', 'digits', [7, 8], 'works', 'any length from 6 to 9', FREEOTP, READ),
  rule('freeotp', 'period', ALL_PERIODS, 'works', 'any period', FREEOTP, READ),
  rule('freeotp', 'type', 'hotp', 'works', 'counter-based codes', FREEOTP, READ),
  rule('freeotp', 'secret', SHORT_SECRETS, 'fails', 'refuses secrets under 128 bits (RFC 4226 §4, R6)', FREEOTP,
    READ),

  rule('proton-pass', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes', PROTON, READ),
  rule('proton-pass', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes', PROTON, READ),
  rule('proton-pass', 'digits', [7, 8], 'works', 'any length from 1 to 9', PROTON, READ),
  rule('proton-pass', 'period', ALL_PERIODS, 'works', 'any period up to 65,535 s', PROTON, READ),
  rule('proton-pass', 'type', 'hotp', 'fails', 'refuses the URI: TOTP only', PROTON, READ),

  rule('keepassxc', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes', KEEPASSXC, KEEPASSXC_DATE),
  rule('keepassxc', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes', KEEPASSXC, KEEPASSXC_DATE),
  rule('keepassxc', 'digits', [7, 8], 'works', 'shows 7- and 8-digit codes', KEEPASSXC, KEEPASSXC_DATE),
  rule('keepassxc', 'period', [1, 60], 'works', 'periods up to 60 s', KEEPASSXC, KEEPASSXC_DATE),
  rule('keepassxc', 'period', [61, MAX_URI_PERIOD], 'silent', 'periods above 60 s become 60 s: shows 60 s codes',
    KEEPASSXC, KEEPASSXC_DATE),
  rule('keepassxc', 'type', 'hotp', 'silent', 'imports an hotp entry as TOTP: shows 30 s time-based codes', KEEPASSXC,
    KEEPASSXC_DATE),
  rule('keepassxc', 'encoder', 'steam', 'works', 'Steam Guard codes', KEEPASSXC, KEEPASSXC_DATE),
  rule('keepassxc', 'secret', [10, 15], 'works', 'computes codes from an 80-bit secret', KEEPASSXC, KEEPASSXC_DATE),

  rule('yubico-authenticator', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes', PRIVACYIDEA_2079, '2020-03'),
  rule('yubico-authenticator', 'algorithm', 'SHA512', 'works',
    'on a YubiKey with firmware 4.3.1 or later (older keys refuse it)',
    'https://github.com/Yubico/yubioath-flutter/issues/689', '2021-01'),
  rule('yubico-authenticator', 'digits', 8, 'works', 'shows 8-digit codes', AUTHELIA, READ),
  rule('yubico-authenticator', 'period', ALL_PERIODS, 'works', 'any period (since the Android app 2.0)',
    'https://github.com/Yubico/yubioath-android/issues/63', '2017-09'),

  rule('okta-verify', 'algorithm', 'SHA256', 'fails', 'listed as unsupported (how it fails is not stated)', AUTHELIA,
    READ),
  rule('okta-verify', 'algorithm', 'SHA512', 'fails', 'listed as unsupported (how it fails is not stated)', AUTHELIA,
    READ),
  rule('okta-verify', 'digits', 8, 'fails', 'listed as unsupported (how it fails is not stated)', AUTHELIA, READ),

  rule('duo-mobile', 'algorithm', 'SHA256', 'fails', 'reported not to work (how is not stated)',
    'https://github.com/samdjstevens/java-totp/issues/30', '2021-07'),
  rule('duo-mobile', 'algorithm', 'SHA512', 'fails', 'reported not to work (how is not stated)', SEC51, '2018-02'),

  rule('lastpass-authenticator', 'algorithm', 'SHA256', 'works',
    'computes SHA-256 codes (a list in samdjstevens/java-totp#30 says otherwise)',
    'https://github.com/RobThree/TwoFactorAuth/issues/54', '2020-11'),
  rule('lastpass-authenticator', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes', SEC51, '2018-02'),
  rule('lastpass-authenticator', 'digits', 8, 'works', 'shows 8-digit codes', SEC51, '2018-02'),
  rule('lastpass-authenticator', 'period', ALL_PERIODS, 'works', 'the URI\'s period (tested with 40 s)',
    'https://github.com/RobThree/TwoFactorAuth/issues/54', '2020-11'),

  rule('apple-passwords', 'algorithm', 'SHA256', 'works', 'computes SHA-256 codes',
    'https://github.com/kspearrin/Otp.NET/issues/62 (comment)', '2024-11'),
  rule('apple-passwords', 'algorithm', 'SHA512', 'works', 'computes SHA-512 codes',
    'https://github.com/kspearrin/Otp.NET/issues/62 (comment); antonioribeiro/google2fa#170', '2024-11'),
])();

/**
 * The options every app in the table handles: the Key URI Format's defaults (nothing else is `works` everywhere;
 * `test/compat.test.ts` checks both halves of that against the table). Pass it to `generateUserConfiguration`.
 */
export const PORTABLE_OPTIONS: PortableOptions = /* @__PURE__ */ Object.freeze({
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  secretSize: 20,
});

/** The type of {@link PORTABLE_OPTIONS}: options for `generateUserConfiguration`. */
export interface PortableOptions {
  /** HMAC-SHA-1, the only algorithm every app computes. */
  readonly algorithm: 'SHA1';
  /** 6 digits. */
  readonly digits: 6;
  /** 30 seconds. */
  readonly period: 30;
  /** 20 bytes (160 bits, RFC 4226's recommendation; FreeOTP refuses under 16). */
  readonly secretSize: 20;
}

/** The parameters of a configuration, as the rules see them. */
interface Parameters {
  type: OtpType;
  algorithm: Algorithm;
  digits: number;
  period: number | undefined;
  encoder: Encoder;
  secretBytes: number | undefined;
}

/** Bytes that a base32 secret of `text` decodes to (RFC 4648 §6: 5 bits a character), ignoring padding and spaces. */
const secretBytes = (text: string): number => Math.floor((text.replace(/[=\s]/g, '').length * 5) / 8);

/** Reads an otpauth URI with the tolerant parser (a Steam Guard entry comes back as `encoder: 'steam'`). */
function fromUri(uri: string): Parameters {
  const parsed = parseOtpauthUri(uri);
  return {
    type: parsed.type,
    algorithm: parsed.algorithm,
    digits: parsed.digits,
    period: parsed.period,
    encoder: parsed.encoder,
    secretBytes: secretBytes(parsed.secret),
  };
}

function fromOptions(options: CompatibilityOptions): Parameters {
  const o = optionsBag(options, 'input');
  const type = optionalOneOf(own(o, 'type', o.type), 'input.type', OTP_TYPES, 'totp');
  const algorithm = optionalOneOf(own(o, 'algorithm', o.algorithm), 'input.algorithm', ALGORITHMS, 'SHA1');
  const encoder = optionalOneOf(own(o, 'encoder', o.encoder), 'input.encoder', ENCODERS, 'decimal');
  const minDigits = encoder === 'steam' ? 5 : MIN_DIGITS;
  const digits = optionalInteger(own(o, 'digits', o.digits), 'input.digits', minDigits, MAX_DIGITS, 6);
  const periodOption = own(o, 'period', o.period);
  const period =
    type === 'hotp' ? undefined : optionalInteger(periodOption, 'input.period', MIN_URI_PERIOD, MAX_URI_PERIOD, 30);
  const secret = own(o, 'secret', o.secret);
  const size = own(o, 'secretSize', o.secretSize);
  const bytes = secret !== undefined ? secretBytes(assertString(secret, 'input.secret')) : size;
  const secretSize = optionalInteger(bytes, 'input.secretSize', 1, MAX_OTP_SECRET_BYTES, MIN_SECRET_SIZE);
  if (encoder === 'steam' && (type === 'hotp' || algorithm !== 'SHA1')) {
    throw rangeError('ERR_INVALID_ARG_VALUE', `"input.encoder" 'steam' is TOTP with SHA1 only`);
  }
  return { type, algorithm, digits, period, encoder, secretBytes: secretSize };
}

function readInput(input: CompatibilityInput): Parameters {
  if (typeof input === 'string') return fromUri(input);
  if (input !== null && typeof input === 'object' && Object.hasOwn(input, 'otpauth_str')) {
    const uri = (input as UserConfiguration).otpauth_str;
    return fromUri(assertString(uri, 'input.otpauth_str'));
  }
  return fromOptions(input as CompatibilityOptions);
}

/** The parameters that differ from the Key URI Format defaults, with their values. */
function nonDefault(p: Parameters): [CompatibilityParameter, string | number][] {
  const found: [CompatibilityParameter, string | number][] = [];
  if (p.type !== 'totp') found.push(['type', p.type]);
  if (p.encoder !== 'decimal') found.push(['encoder', p.encoder]);
  // A Steam entry's algorithm and length are fixed by the encoder: only the encoder is looked up.
  if (p.encoder === 'decimal' && p.algorithm !== 'SHA1') found.push(['algorithm', p.algorithm]);
  if (p.encoder === 'decimal' && p.digits !== 6) found.push(['digits', p.digits]);
  if (p.period !== undefined && p.period !== 30) found.push(['period', p.period]);
  if (p.secretBytes !== undefined && p.secretBytes < MIN_SECRET_SIZE) found.push(['secret', p.secretBytes]);
  return found;
}

const covers = (values: CompatibilityRule['values'], value: string | number): boolean =>
  Array.isArray(values) ? (value as number) >= values[0] && (value as number) <= values[1] : values === value;

/** The rule for `app` and this value: the app's own first, else one for every app; `undefined` if none. */
function ruleFor(app: AppId, parameter: CompatibilityParameter, value: string | number): CompatibilityRule | undefined {
  const matches = (rule: CompatibilityRule, who: AppId | '*'): boolean =>
    rule.app === who && rule.parameter === parameter && covers(rule.values, value);
  return (
    COMPATIBILITY_RULES.find((rule) => matches(rule, app)) ?? COMPATIBILITY_RULES.find((rule) => matches(rule, '*'))
  );
}

/** What a finding says when no rule covers it. */
const NO_RULE = { verdict: 'unknown', behaviour: 'no source found', source: undefined, checked: undefined } as const;

const SEVERITY: readonly Verdict[] = ['works', 'unknown', 'silent', 'fails'];

/**
 * Says, for every app in the table, whether it computes correct codes for a configuration, and if not, which
 * parameters are at fault, what the app does with them, where that is shown and when it was checked.
 *
 * @param input - Options (`{ type, algorithm, digits, period, encoder, secretSize }`, all optional), a
 *   `{ otpauth_str, secret }` configuration, or an otpauth URI.
 * @returns One {@link AppCompatibility} per app, in the order of {@link APPS}.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for an input of the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` / `ERR_INVALID_ARG_VALUE` for an option out of range.
 * @throws {TotpConfigError} `ERR_OTPAUTH_*` for a URI that does not parse (see `parseOtpauthUri`).
 * @example
 * ```ts
 * const results = checkAppCompatibility({ period: 60 });
 * results.find((r) => r.app === 'google-authenticator-android').verdict; // => 'silent'
 * results.find((r) => r.app === 'aegis').verdict; // => 'works'
 * checkAppCompatibility({}).every((r) => r.verdict === 'works'); // => true
 * ```
 */
export function checkAppCompatibility(input: CompatibilityInput): AppCompatibility[] {
  const parameters = nonDefault(readInput(input));
  return APPS.map(({ id, name }) => {
    const findings = parameters.map(([parameter, value]): CompatibilityFinding => {
      const { verdict, behaviour, source, checked } = ruleFor(id, parameter, value) ?? NO_RULE;
      return { parameter, value, verdict, behaviour, source, checked };
    });
    const verdict = findings.reduce<Verdict>(
      (worst, f) => (SEVERITY.indexOf(f.verdict) > SEVERITY.indexOf(worst) ? f.verdict : worst),
      'works',
    );
    return { app: id, name, verdict, findings };
  });
}

/**
 * The answer of {@link checkAppCompatibility} as a plain-text table, one line per app and one indented line per
 * parameter at fault, with its source and date: what `totp-config check` prints.
 *
 * @param results - What {@link checkAppCompatibility} returned.
 * @returns The text, ending with a newline.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `results` is not such an answer.
 * @example
 * ```ts
 * formatCompatibility(checkAppCompatibility({ algorithm: 'SHA256' })).split('\n')[0];
 * // => 'Google Authenticator (Android)  works'
 * ```
 */
export function formatCompatibility(results: readonly AppCompatibility[]): string {
  if (!Array.isArray(results) || results.some((r) => typeof r?.name !== 'string' || !Array.isArray(r.findings))) {
    throw typeError('ERR_INVALID_ARG_TYPE', '"results" must be what checkAppCompatibility returned');
  }
  const width = Math.max(...results.map((r) => r.name.length));
  let text = '';
  for (const r of results) {
    text += `${r.name.padEnd(width)}  ${r.verdict}\n`;
    for (const f of r.findings) {
      if (f.verdict === 'works') continue;
      const what = f.source === undefined ? 'no source found' : `${f.behaviour} (${f.source}, ${f.checked})`;
      text += `  ${f.parameter} ${f.value}: ${f.verdict}: ${what}\n`;
    }
  }
  return text;
}
