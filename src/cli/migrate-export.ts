/**
 * `totp-config migrate export`: otpauth URIs in, Google Authenticator "Transfer accounts" URIs out, one per batch
 * (`encodeMigration`), optionally drawn or written as PNG files.
 *
 * @module
 */
import { parseOtpauthUri } from '../index.js';
import { encodeMigration } from '../migration.js';
import { integerFlag, UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { type PrivateFile, writePrivateFiles } from './files.js';
import { argumentsOrStdinLines, stderr, stdout } from './io.js';

const USAGE = `  totp-config migrate export <otpauth-uri | ->... [--batch-size N] [--qr] [--png DIR]
      Print the otpauth-migration:// URIs that carry the accounts into Google Authenticator ("Transfer accounts"),
      one per batch of N accounts (default 10). With "-" the otpauth URIs are read from stdin, one a line (they
      hold secrets: prefer this to arguments). --qr draws each batch's QR code on stderr; --png DIR writes
      DIR/batch-1.png … owner-only, before anything is printed. Warnings about tolerated URIs go to stderr.
`;

/** The otpauth URIs from the arguments, `-` standing for the lines of stdin. */
async function readUris(positionals: readonly string[]): Promise<string[]> {
  if (positionals.length === 0) throw new UsageError('migrate export takes otpauth URIs (or - for stdin)');
  return argumentsOrStdinLines(positionals, 'otpauth URIs');
}

async function run(args: Args): Promise<number> {
  const accounts = (await readUris(args.positionals)).map((uri) => parseOtpauthUri(uri));
  const batchSize = integerFlag(args, 'batch-size');
  const uris = encodeMigration(accounts, batchSize === undefined ? undefined : { batchSize });
  const png = args.string('png');
  const needsQr = args.boolean('qr') || png !== undefined;
  const qr = needsQr ? await import('../qr.js') : undefined;
  if (qr !== undefined && png !== undefined) {
    const files: PrivateFile[] = uris.map((uri, i) => ({
      flag: '--png',
      path: `${png}/batch-${i + 1}.png`,
      data: qr.qrPng(uri),
    }));
    writePrivateFiles(files);
  }
  accounts.forEach(({ warnings }, i) => {
    for (const { code, message } of warnings) stderr.write(`totp-config: warning: URI ${i + 1}: ${code}: ${message}\n`);
  });
  for (const uri of uris) {
    stdout.write(uri + '\n');
    // Explicit colours (dark on light) scan on any terminal theme.
    if (qr !== undefined && args.boolean('qr')) {
      stderr.write(qr.qrTerminal(uri, { ansi: stderr.colour }));
    }
  }
  return 0;
}

export const command: Command = {
  usage: USAGE,
  flags: { 'batch-size': 'string', qr: 'boolean', png: 'string' },
  run,
};
