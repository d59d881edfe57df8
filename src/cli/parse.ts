/**
 * `totp-config parse`: prints the fields of an otpauth URI as JSON.
 *
 * @module
 */
import { parseOtpauthUri } from '../index.js';
import { UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { argumentOrStdinLine, jsonLine, stdout } from './io.js';

const USAGE = `  totp-config parse <otpauth-uri | ->
      Print the fields of an otpauth:// URI as JSON on one line, as create does; absent fields are null.
`;

async function run(args: Args): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('parse takes one otpauth URI (or - for stdin)');
  stdout.write(jsonLine(parseOtpauthUri(await argumentOrStdinLine(args.positionals[0], 'otpauth URI'))));
  return 0;
}

export const command: Command = { usage: USAGE, flags: {}, run };
