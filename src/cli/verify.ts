/**
 * `totp-config verify`: checks a code; exit status 0 when it is valid, 1 when it is not.
 *
 * @module
 */
import { verifyTotp } from '../index.js';
import { integerFlag, UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { stdout } from './io.js';
import { OTP_FLAGS, totpInput } from './otp-input.js';

const USAGE = `  totp-config verify <secret | -> <token> [--window N] [--time T] [--algorithm A] [--digits N]
                     [--period S]
  totp-config verify --uri <otpauth-uri | -> <token> [--window N] [--time T]
      Exit 0 and print the matched step when the token is valid, exit 1 when it is not. --window: steps
      accepted either side of the current one (default 1).
`;

/** The secret argument (if any) and the token, from the positionals. */
function split(args: Args): { secret: string | undefined; token: string } {
  const withUri = args.has('uri');
  const expected = withUri ? 1 : 2;
  const [first, second] = args.positionals;
  if (args.positionals.length > expected) {
    throw new UsageError(withUri ? 'give either a secret or --uri, not both' : 'verify takes a secret and a token');
  }
  if (args.positionals.length < expected) {
    throw new UsageError(
      `the token is missing: totp-config verify ${withUri ? '--uri <uri>' : '<secret | ->'} <token>`,
    );
  }
  return withUri ? { secret: undefined, token: first } : { secret: first, token: second };
}

async function run(args: Args): Promise<number> {
  const { secret: argument, token } = split(args);
  const window = integerFlag(args, 'window');
  const { secret, options } = await totpInput(args, argument);
  const match = verifyTotp(token, secret, { ...options, window });
  if (match === null) {
    stdout.write('invalid\n');
    return 1;
  }
  stdout.write(`valid (step ${match.step}, delta ${match.delta})\n`);
  return 0;
}

export const command: Command = { usage: USAGE, flags: { ...OTP_FLAGS, window: 'string' }, run };
