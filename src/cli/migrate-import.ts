/**
 * `totp-config migrate import`: Google Authenticator "Transfer accounts" URIs in (`decodeMigration`), otpauth
 * URIs (or JSON) out.
 *
 * @module
 */
import { formatOtpauthUri } from '../index.js';
import { decodeMigration } from '../migration.js';
import { UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { argumentsOrStdinLines, jsonLine, stderr, stdout } from './io.js';

const USAGE = `  totp-config migrate import <otpauth-migration-uri | ->... [--json]
      Print the accounts of Google Authenticator's "Transfer accounts" QR codes as otpauth:// URIs, one a line, or
      with --json as one JSON object (accounts, batchId, batchCount, missing, warnings). With "-" the migration
      URIs are read from stdin, one a line. Missing batches are reported on stderr; the others are printed.
`;

async function run(args: Args): Promise<number> {
  if (args.positionals.length === 0)
    throw new UsageError('migrate import takes otpauth-migration URIs (or - for stdin)');
  const uris = await argumentsOrStdinLines(args.positionals, 'otpauth-migration URIs');
  const result = decodeMigration(uris, { partial: true });
  for (const { code, message } of result.warnings) stderr.write(`totp-config: warning: ${code}: ${message}\n`);
  result.accounts.forEach(({ warnings }, i) => {
    for (const { code, message } of warnings)
      stderr.write(`totp-config: warning: account ${i + 1}: ${code}: ${message}\n`);
  });
  if (args.boolean('json')) {
    stdout.write(jsonLine(result));
    return 0;
  }
  // Every account is formatted before anything is printed: an account the URI format cannot hold (an empty
  // name) is an error, and then nothing has been shown.
  const lines = result.accounts.map((account) => formatOtpauthUri(account));
  stdout.write(lines.map((line) => line + '\n').join(''));
  return 0;
}

export const command: Command = { usage: USAGE, flags: { json: 'boolean' }, run };
