/**
 * What `code` and `verify` share: where the secret and its parameters come from (an argument, stdin, or an
 * otpauth URI), and the time to compute for.
 *
 * @module
 */
import { ALGORITHMS, type Digits, parseOtpauthUri, type TotpOptions } from '../index.js';
import { choiceFlag, integerFlag, refuseWith, UsageError, type Args } from './args.js';
import { argumentOrStdinLine } from './io.js';

export const OTP_FLAGS = {
  uri: 'string',
  algorithm: 'string',
  digits: 'string',
  period: 'string',
  time: 'string',
} as const;

/** A secret and the options to compute its codes with. */
export interface TotpInput {
  secret: string;
  options: TotpOptions;
}

/**
 * The secret and parameters: from `--uri` (a URI, or `-` for stdin), or from `secretArgument` (a secret, or `-`
 * or nothing for stdin) with `--algorithm`, `--digits` and `--period`.
 */
export async function totpInput(args: Args, secretArgument: string | undefined): Promise<TotpInput> {
  const time = timeFlag(args);
  const uri = args.string('uri');
  if (uri === undefined) {
    // The library checks the value; the flag's text is only known to be a whole number here.
    const digits = integerFlag(args, 'digits') as Digits | undefined;
    const options = {
      algorithm: choiceFlag(args, 'algorithm', ALGORITHMS),
      digits,
      period: integerFlag(args, 'period'),
    };
    const secret = await argumentOrStdinLine(secretArgument ?? '-', 'secret');
    return { secret, options: { ...options, time } };
  }
  // The URI says which algorithm, digits and period: a flag could only contradict it.
  refuseWith(args, 'uri', ['algorithm', 'digits', 'period']);
  if (secretArgument !== undefined) throw new UsageError('give either a secret or --uri, not both');
  const parsed = parseOtpauthUri(await argumentOrStdinLine(uri, 'otpauth URI'));
  if (parsed.type !== 'totp') throw new UsageError('--uri must be an otpauth://totp/ URI');
  const { secret, period } = parsed;
  // A Steam Guard entry's codes are Steam's 5 characters: its encoder goes with it.
  if (parsed.encoder === 'steam') return { secret, options: { encoder: parsed.encoder, period, time } };
  return { secret, options: { algorithm: parsed.algorithm, digits: parsed.digits, period, time } };
}

/** The last second of 9999-12-31: a larger number of seconds is almost surely milliseconds. */
const MAX_SECONDS = 253402300799;
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * `--time` in milliseconds for the library: Unix seconds (`date +%s`), or ISO 8601 as `date -Is` and
 * `oathtool --now` take it. A time of day needs its zone (`Z` or `±hh:mm`); a date alone is midnight UTC.
 */
export function timeFlag(args: Args): number | undefined {
  const text = args.string('time');
  if (text === undefined) return undefined;
  if (/^[0-9]{1,15}$/.test(text)) {
    if (Number(text) > MAX_SECONDS) throw new UsageError('--time is in seconds (not milliseconds) since 1970');
    return Number(text) * 1000;
  }
  const m = ISO_8601.exec(text);
  const usage = '--time must be Unix seconds or an ISO 8601 time such as 2030-01-01T12:00:00Z';
  if (!m) throw new UsageError(usage);
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = m;
  if (m[4] !== undefined && zone === undefined) throw new UsageError('--time needs a time zone (Z or ±hh:mm)');
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, ms);
  const back = new Date(utc);
  // Date.UTC rolls over (February 30 is March 2): a field out of range is a typo, not a time.
  const fields = [back.getUTCFullYear(), back.getUTCMonth() + 1, back.getUTCDate()];
  if (fields.join() !== [+year, +month, +day].join() || +hour > 23 || +minute > 59 || +second > 59) {
    throw new UsageError(usage);
  }
  return utc - zoneOffsetMs(zone);
}

/** `Z`, `+01:00`, `-0530` → the offset from UTC in milliseconds. */
function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (zone[0] === '-' ? -1 : 1) * minutes * 60_000;
}
