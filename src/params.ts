/**
 * The OTP parameters every layer shares: the algorithm, type and encoder lists, their defaults and their
 * limits. It imports nothing, so the primitives (HMAC, codes, secrets) and the formats (URIs, migration
 * payloads) can all depend on it without depending on each other.
 *
 * Two kinds of limit live here and carry different names on purpose: what a URI may say (`MAX_URI_PERIOD`,
 * one hour, what apps show) and what arithmetic allows (`MAX_TOTP_PERIOD`, 2^31 − 1 seconds).
 *
 * @module
 */

/** The HMAC hash functions of RFC 6238 §1.2 that authenticator apps support. */
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';
/** Every {@link Algorithm}, in order. */
export const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];
/** The default algorithm: HMAC-SHA1, the only one every app computes (RFC 6238 §1.2, Key URI Format). */
export const DEFAULT_ALGORITHM: Algorithm = 'SHA1';

/** The two OTP kinds of the Key URI Format. */
export type OtpType = 'totp' | 'hotp';
/** Every {@link OtpType}. */
export const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp'];

/** Code lengths an authenticator app shows: RFC 4226 §5.3 asks for at least 6; apps stop at 8. */
export type Digits = 6 | 7 | 8;
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
export const DEFAULT_DIGITS: Digits = 6;

/**
 * How the truncated HMAC value becomes the code the user sees: `'decimal'` (RFC 4226 §5.3, `digits` decimal
 * digits), or `'steam'` (Steam Guard: 5 characters of {@link STEAM_ALPHABET}, the `encoder=steam` of
 * KeePassXC and Aegis).
 */
export type Encoder = 'decimal' | 'steam';
/** Every {@link Encoder}. */
export const ENCODERS: readonly Encoder[] = ['decimal', 'steam'];
/** Steam Guard's 26 symbols: digits and upper-case letters without the look-alikes 0, 1, A, E, I, L, O, S, U, Z. */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
/** Characters in a Steam Guard code. */
export const STEAM_CODE_LENGTH = 5;

/** Time step X of RFC 6238 §4 when none is given, in seconds. */
export const DEFAULT_PERIOD = 30;
/** Periods a URI may carry: one second to one hour (apps show nothing longer). */
export const MIN_URI_PERIOD = 1;
export const MAX_URI_PERIOD = 3600;
/** Periods code arithmetic accepts: up to 2^31 − 1 seconds, so that `period × 1000` stays an exact integer. */
export const MAX_TOTP_PERIOD = 2147483647;
/** Largest T0 (RFC 6238 §4), in seconds: any later and T0 × 1000 ms is no longer an exact integer. */
export const MAX_T0 = 9007199254740; // floor(Number.MAX_SAFE_INTEGER / 1000), as a literal for bundlers
/** Largest `time`, in ms: beyond 2^53 − 1 a millisecond count is no longer exact, nor is the step. */
export const MAX_TIME = 9007199254740991;

/** Largest HOTP counter: the largest integer a JavaScript number holds exactly (2^53 − 1). */
export const MAX_COUNTER = 9007199254740991; // Number.MAX_SAFE_INTEGER, as a literal so that bundlers can drop it

/** Steps (or counters) accepted on either side of the expected one when verifying (RFC 6238 §5.2). */
export const DEFAULT_WINDOW = 1;
/** Largest `window`: 100 steps either side is already 50 minutes at 30 s periods. */
export const MAX_WINDOW = 100;
/**
 * Largest stored clock offset, in steps (10 minutes at 30 s): a device whose clock is further off is told to fix
 * it rather than followed. The matcher never returns an offset beyond it, so a returned `delta` is always a valid
 * `drift`.
 */
export const MAX_DRIFT = 20;

/** Smallest generated secret: 128 bits, the minimum of RFC 4226 §4 (R6). */
export const MIN_SECRET_SIZE = 16;
/** Largest generated secret: 64 bytes, the block size of SHA-1 and SHA-256 and RFC 6238's SHA-512 key. */
export const MAX_SECRET_SIZE = 64;
/**
 * Default secret size per algorithm, in bytes: the key sizes of RFC 6238 Appendix A's reference implementation
 * (20 for HMAC-SHA1, 32 for HMAC-SHA256, 64 for HMAC-SHA512), the hash output size that RFC 2104 §3 recommends as
 * the least key length.
 */
export const DEFAULT_SECRET_SIZE: Readonly<Record<Algorithm, number>> = { SHA1: 20, SHA256: 32, SHA512: 64 };
/**
 * Largest secret accepted for computing codes, in bytes (8,192 bits). HMAC takes keys of any length, but no OTP
 * key is anywhere near this, and a limit lets absurd input be refused before it is decoded.
 */
export const MAX_OTP_SECRET_BYTES = 1024;

/**
 * Longest account name (the `user`), in UTF-8 bytes. Together with {@link MAX_ISSUER_BYTES} and the longest
 * secret, even a label of 4-byte characters (each percent-encoded to 12 characters) keeps the URI under 1,000
 * characters, within a QR code of version 27 at level M.
 */
export const MAX_ACCOUNT_BYTES = 128;
/** Longest issuer, in UTF-8 bytes. The issuer appears twice in the URI: in the label and as a parameter. */
export const MAX_ISSUER_BYTES = 64;
