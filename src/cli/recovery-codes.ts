/**
 * `totp-config recovery-codes`: prints fresh recovery codes to show the user once, and with `--hashes` what to
 * store for each of them.
 *
 * @module
 */
import { generateRecoveryCodes, hashRecoveryCode } from '../index.js';
import { integerFlag, UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { stdout } from './io.js';

const USAGE = `  totp-config recovery-codes [--count N] [--hashes]
      Print N fresh recovery codes (default 10, 120 bits each), one a line, to show the user once. With --hashes,
      print JSON {"codes": [...], "hashes": [...]}: store the hashes, in the same order, never the codes. A pepper
      is not taken from the command line (argv is visible to other users): hash with a pepper in your server.
`;

async function run(args: Args): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError('recovery-codes takes no arguments (only flags)');
  const count = integerFlag(args, 'count');
  const codes = generateRecoveryCodes(count === undefined ? undefined : { count });
  if (!args.boolean('hashes')) {
    stdout.write(codes.join('\n') + '\n');
    return 0;
  }
  const hashes = codes.map((code) => hashRecoveryCode(code));
  stdout.write(JSON.stringify({ codes, hashes }) + '\n');
  return 0;
}

export const command: Command = { usage: USAGE, flags: { count: 'string', hashes: 'boolean' }, run };
