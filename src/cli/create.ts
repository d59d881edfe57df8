/**
 * `totp-config create` (and its shorthand, the flag-only form): a new enrollment configuration, as JSON or text,
 * with its QR code on the terminal and as images if asked.
 *
 * Nothing is printed until everything has succeeded, images included: a command that fails has shown no secret.
 *
 * @module
 */
import {
  ALGORITHMS,
  generateUserConfiguration,
  type UserConfiguration,
  type UserConfigurationOptions,
} from '../index.js';
import type { QrLevel } from '../qr.js';
import { choiceFlag, integerFlag, requireOneOf, UsageError, type Args } from './args.js';
import type { Command } from './commands.js';
import { type PrivateFile, writePrivateFiles } from './files.js';
import { type Output, stderr, stdout } from './io.js';

const USAGE = `  totp-config create --user <name> --issuer <name> [options]
  totp-config --user <name> --issuer <name> [options]
      Create a TOTP enrollment configuration and print it as JSON, as cPanel's
      "uapi TwoFactorAuth generate_user_configuration" does: {"otpauth_str": ..., "secret": ...}
      --algorithm SHA1|SHA256|SHA512   HMAC algorithm, any case (default SHA1)
      --digits 6|7|8                   code length (default 6)
      --period <seconds>               time step, 1-3600 (default 30)
      --secret-size <bytes>            16-64 (default 20, 32 or 64 by algorithm)
      --format json|text               text: the fields one per line (algorithm, digits, period if not default)
      --qr                             also draw the QR code: on stderr below the JSON, or on stdout with text
      --invert                         plain glyphs for light-on-dark output (terminals get colours anyway)
      --svg <file|->, --png <file|->   write the QR code as an image: a new file of mode 600, never through a
                                       symlink; "-" writes it to stdout, and the configuration goes to stderr
      --level L|M|Q|H, --margin <n>    QR error correction (default M) and quiet zone (default 4 modules)
`;

const FLAGS = {
  user: 'string',
  issuer: 'string',
  algorithm: 'string',
  digits: 'string',
  period: 'string',
  'secret-size': 'string',
  format: 'string',
  qr: 'boolean',
  invert: 'boolean',
  svg: 'string',
  png: 'string',
  level: 'string',
  margin: 'string',
} as const;

const LEVELS = ['L', 'M', 'Q', 'H'] as const satisfies readonly QrLevel[];

/** Everything the command line asks for, checked before any secret exists. */
interface Plan {
  user: string;
  issuer: string;
  options: UserConfigurationOptions;
  format: 'json' | 'text';
  qr: boolean;
  invert: boolean;
  shape: { level: QrLevel | undefined; margin: number | undefined };
  svg: string | undefined;
  png: string | undefined;
}

function readPlan(args: Args): Plan {
  if (args.positionals.length > 0) throw new UsageError('create takes flags only (see totp-config create --help)');
  const user = args.string('user');
  const issuer = args.string('issuer');
  if (user === undefined || issuer === undefined) throw new UsageError('--user and --issuer are required (see --help)');
  requireOneOf(args, ['invert'], ['qr']);
  requireOneOf(args, ['level', 'margin'], ['qr', 'svg', 'png']);
  const svg = args.string('svg');
  const png = args.string('png');
  if (svg === '-' && png === '-') throw new UsageError('--svg - and --png - cannot both go to stdout');
  if (png === '-' && stdout.isTTY) throw new UsageError('--png - would write binary data to the terminal');
  const options: UserConfigurationOptions = {
    algorithm: choiceFlag(args, 'algorithm', ALGORITHMS),
    digits: integerFlag(args, 'digits') as UserConfigurationOptions['digits'],
    period: integerFlag(args, 'period'),
    secretSize: integerFlag(args, 'secret-size'),
  };
  const format = choiceFlag(args, 'format', ['json', 'text'] as const) ?? 'json';
  const shape = { level: choiceFlag(args, 'level', LEVELS), margin: integerFlag(args, 'margin') };
  return { user, issuer, options, format, qr: args.boolean('qr'), invert: args.boolean('invert'), shape, svg, png };
}

/** The images (to files, or one to stdout) and the terminal drawing; rendering errors are thrown here. */
async function draw(uri: string, plan: Plan, terminal: Output) {
  const files: PrivateFile[] = [];
  let toStdout: string | Uint8Array | undefined;
  let drawing: string | undefined;
  if (!plan.qr && plan.svg === undefined && plan.png === undefined) return { files, toStdout, drawing };
  const qr = await import('../qr.js');
  const images = [
    ['--svg', plan.svg, () => qr.qrSvg(uri, plan.shape)],
    ['--png', plan.png, () => qr.qrPng(uri, plan.shape)],
  ] as const;
  for (const [flag, path, render] of images) {
    if (path === '-') toStdout = render();
    else if (path !== undefined) files.push({ flag, path, data: render() });
  }
  if (plan.qr) {
    // Explicit colours (dark modules on light) scan on any terminal theme; plain glyphs elsewhere, or if asked.
    const ansi = terminal.colour && !plan.invert;
    drawing = qr.qrTerminal(uri, { ...plan.shape, invert: plan.invert, ansi });
  }
  return { files, toStdout, drawing };
}

/** The text format: the secret in groups of four, the parameters that are not the defaults, the URI. */
function textFields({ otpauth_str, secret }: UserConfiguration): string {
  // The URI carries exactly the parameters that differ from the defaults; a person typing the key needs them.
  const query = new URLSearchParams(otpauth_str.slice(otpauth_str.indexOf('?') + 1));
  const extra = ['algorithm', 'digits', 'period'].map((name) =>
    query.has(name) ? `${name}: ${query.get(name)}\n` : '',
  );
  return `secret: ${secret.replace(/(.{4})(?=.)/g, '$1 ')}\n${extra.join('')}otpauth_str: ${otpauth_str}\n`;
}

async function run(args: Args): Promise<number> {
  const plan = readPlan(args);
  const config = generateUserConfiguration(plan.user, plan.issuer, plan.options);
  // stdout carries one thing: an image written to it moves the configuration to stderr.
  const imageToStdout = plan.svg === '-' || plan.png === '-';
  const fields = imageToStdout ? stderr : stdout;
  const terminal = plan.format === 'json' ? stderr : fields;
  const { files, toStdout, drawing } = await draw(config.otpauth_str, plan, terminal);
  writePrivateFiles(files);
  // Printed only now: if anything above failed, no secret has been shown.
  if (plan.format === 'json') fields.write(JSON.stringify(config) + '\n');
  if (drawing !== undefined) terminal.write(drawing);
  if (plan.format === 'text') fields.write(textFields(config));
  if (toStdout !== undefined) stdout.write(toStdout);
  return 0;
}

export const command: Command = { usage: USAGE, flags: FLAGS, run };
