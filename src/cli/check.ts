/**
 * `totp-config check`: which authenticator apps handle an otpauth URI's parameters, as `checkAppCompatibility`
 * (`totp-config/compat`) says, with the source and date of each rule.
 *
 * @module
 */
import { checkAppCompatibility, formatCompatibility } from '../compat.js';
import { UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { argumentOrStdinLine, stdout } from './io.js';

const USAGE = `  totp-config check <otpauth-uri | -> [--json]
      Print, for each authenticator app known to totp-config/compat, whether it handles the URI's algorithm,
      digits, period, type and secret: works, fails, silent (scans, then shows codes the server refuses) or unknown
      (no source), with the source and date of each rule. With "-" the URI is read from stdin (it holds the
      secret: prefer this to an argument). --json prints the results as JSON. Exit 0 whatever the verdicts.
`;

async function run(args: Args): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('check takes one otpauth URI (or - for stdin)');
  const results = checkAppCompatibility(await argumentOrStdinLine(args.positionals[0], 'otpauth URI'));
  stdout.write(args.boolean('json') ? JSON.stringify(results) + '\n' : formatCompatibility(results));
  return 0;
}

export const command: Command = { usage: USAGE, flags: { json: 'boolean' }, run };
