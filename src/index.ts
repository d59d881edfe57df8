/**
 * totp-config: TOTP (RFC 6238) enrollment configurations with no dependencies.
 *
 * ```ts
 * import { generateUserConfiguration } from 'totp-config';
 * const { otpauth_str, secret } = generateUserConfiguration('alice@example.com', 'Example Co');
 * ```
 *
 * @module
 */
export { generateUserConfiguration } from './configuration.js';
export type { UserConfiguration, UserConfigurationOptions } from './configuration.js';
export { base32Decode, base32Encode } from './base32.js';
export type { Base32EncodeOptions } from './base32.js';
export { isEntropyCacheEnabled, randomBytes, setEntropyCache } from './random.js';
export { generateSecret } from './secret.js';
export type { GenerateSecretOptions } from './secret.js';
export {
  ALGORITHMS,
  DEFAULT_SECRET_SIZE,
  MAX_ACCOUNT_BYTES,
  MAX_DRIFT,
  MAX_ISSUER_BYTES,
  MAX_SECRET_SIZE,
  MIN_SECRET_SIZE,
  STEAM_ALPHABET,
} from './params.js';
export type { Algorithm, Digits, Encoder, OtpType } from './params.js';
export { formatOtpauthUri } from './uri.js';
export type { HotpUriOptions, OtpauthUriOptions, SteamUriOptions, TotpUriOptions } from './uri.js';
export { ErrorCode, TotpConfigError } from './errors.js';
export type { CodedRangeError, CodedTypeError, ErrorCodeValue } from './errors.js';
export { generateHotp, generateTotp, totpStep, totpTimeRemaining, verifyHotp, verifyTotp } from './otp.js';
export type {
  DecimalTotpOptions,
  HotpMatch,
  OtpOptions,
  SteamTotpOptions,
  TotpMatch,
  TotpOptions,
  TotpTiming,
  VerifyHotpOptions,
  VerifyTotpOptions,
  VerifyWindow,
} from './otp.js';
export { MAX_OTPAUTH_URI_LENGTH, parseOtpauthUri } from './parse.js';
export type {
  ParsedHotpUri,
  ParsedOtpauthUri,
  ParsedSteamUri,
  ParsedTotpUri,
  ParseOptions,
  ParseWarning,
  WarningCode,
} from './parse.js';
export { hmac, prepareHmac } from './hmac.js';
export type { HmacAlgorithm, PreparedHmac } from './hmac.js';
export { generateRecoveryCodes, hashRecoveryCode, verifyRecoveryCode } from './recovery.js';
export type { RecoveryCodeOptions, RecoveryHashOptions } from './recovery.js';
export { bruteForceOdds, DEFAULT_THROTTLE_POLICY, recordFailure, recordSuccess, throttle } from './throttle.js';
export type {
  Backoff,
  BruteForceOdds,
  BruteForceOddsOptions,
  ThrottleDecision,
  ThrottlePolicy,
  ThrottleState,
} from './throttle.js';
