/**
 * `totp-config code`: prints the TOTP code of a secret, now or at `--time`.
 *
 * @module
 */
import { generateTotp } from '../index.js';
import { UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { stdout } from './io.js';
import { OTP_FLAGS, totpInput } from './otp-input.js';

const USAGE = `  totp-config code [<secret> | -] [--time T] [--algorithm A] [--digits N] [--period S]
  totp-config code --uri <otpauth-uri | -> [--time T]
      Print the TOTP code. With "-" or no secret, the secret is read from stdin, so that it stays out of the
      shell history and ps. --time: Unix seconds (date +%s) or ISO 8601 with a zone (2030-01-01T12:00:00Z).
`;

async function run(args: Args): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('code takes at most one secret (argument 2 is one too many)');
  const { secret, options } = await totpInput(args, args.positionals[0]);
  stdout.write(generateTotp(secret, options) + '\n');
  return 0;
}

export const command: Command = { usage: USAGE, flags: OTP_FLAGS, run };
