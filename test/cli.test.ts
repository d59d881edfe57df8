// The CLI run as a child process, from source through tsx so that c8 counts its coverage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTotp, parseOtpauthUri } from '../src/index.js';
import { isOneErrorLine, runAll, runCli } from './cli/run.js';

test('create: prints cPanel-shaped JSON that parses back', async () => {
  const { status, stdout, stderr } = await runCli(['--user', 'alice@example.com', '--issuer', 'Example Co']);
  assert.equal(status, 0, stderr);
  const config = JSON.parse(stdout);
  assert.deepEqual(Object.keys(config), ['otpauth_str', 'secret']);
  assert.match(config.secret, /^[A-Z2-7]{32}$/);
  assert.equal(
    config.otpauth_str,
    `otpauth://totp/Example%20Co:alice%40example.com?secret=${config.secret}&issuer=Example%20Co`,
  );
  assert.equal(stderr, '');
});

test('create: option flags reach the library', async () => {
  const { status, stdout } = await runCli([
    '--user',
    'bob',
    '--issuer',
    'ACME',
    '--algorithm',
    'SHA256',
    '--digits',
    '8',
    '--period',
    '60',
    '--secret-size',
    '16',
  ]);
  assert.equal(status, 0);
  const config = JSON.parse(stdout);
  assert.equal(config.secret.length, 26);
  const parsed = parseOtpauthUri(config.otpauth_str);
  assert.deepEqual([parsed.algorithm, parsed.digits, parsed.period], ['SHA256', 8, 60]);
});

test('create --qr: JSON on stdout, the QR code on stderr; --format text puts the QR and fields on stdout', async () => {
  const json = await runCli(['--user', 'bob', '--issuer', 'ACME', '--qr']);
  assert.equal(json.status, 0);
  JSON.parse(json.stdout);
  assert.match(json.stderr, /[▀▄█]/);
  const text = await runCli(['--user', 'bob', '--issuer', 'ACME', '--qr', '--invert', '--format', 'text']);
  assert.equal(text.status, 0);
  assert.equal(text.stderr, '');
  assert.match(text.stdout, /[▀▄█]/);
  assert.match(text.stdout, /^secret: ([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/m);
  assert.match(text.stdout, /^otpauth_str: otpauth:\/\/totp\/ACME:bob\?secret=/m);
});

test('create --svg/--png: writes images readable by the owner only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'totp-cli-'));
  try {
    const svg = join(dir, 'qr.svg');
    const png = join(dir, 'qr.png');
    const { status } = await runCli(['--user', 'bob', '--issuer', 'ACME', '--svg', svg, '--png', png]);
    assert.equal(status, 0);
    assert.match(readFileSync(svg, 'utf8'), /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.deepEqual([...readFileSync(png).subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    assert.equal(statSync(svg).mode & 0o777, 0o600);
    assert.equal(statSync(png).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: one line on stderr, non-zero exit, no stack trace', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--user', 'a:b', '--issuer', 'ACME'], /ERR_INVALID_LABEL: --user must not contain ':'/],
    [['--user', 'bob'], /--user and --issuer are required/],
    [['--user', 'bob', '--issuer', 'ACME', '--digits', '6.5'], /--digits must be a whole number/],
    [
      ['--user', 'bob', '--issuer', 'ACME', '--digits', '9'],
      /ERR_OUT_OF_RANGE: --digits must be an integer from 6 to 8$/m,
    ],
    [['--user', 'bob', '--issuer', 'ACME', '--algorithm', 'MD5'], /--algorithm must be one of SHA1, SHA256, SHA512/],
    [['--user', 'bob', '--issuer', 'ACME', '--format', 'xml'], /--format must be one of json, text/],
    [['--bogus'], /argument 1 is not a flag this command takes/],
    [['frobnicate'], /argument 1 is not a command: one of create, code, verify, parse/],
    [['parse', 'http://example.com'], /ERR_OTPAUTH_SCHEME/],
    [['parse'], /parse takes one otpauth URI/],
    [['code', 'JBSWY3DP!'], /ERR_INVALID_BASE32/],
    [['code', 'A', 'B'], /at most one secret/],
    [['code', 'JBSWY3DPEHPK3PXP', '--uri', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'], /either a secret or --uri/],
    [['code', '--uri', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1'], /must be an otpauth:\/\/totp\/ URI/],
    [['verify'], /the token is missing/],
  ];
  const results = await runAll(cases, ([args]) => runCli(args, { input: '' }));
  results.forEach(({ status, stdout, stderr }, i) => {
    const [args, message] = cases[i];
    assert.equal(status, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.ok(isOneErrorLine(stderr), `exactly one line, no stack trace: ${stderr}`);
  });
});

test('code and verify agree with the library; the secret can come from stdin; verify exits 1 for a wrong code', async () => {
  const secret = 'JBSWY3DPEHPK3PXP';
  const time = 1_700_000_000_000;
  const seconds = String(time / 1000); // --time takes Unix seconds
  const expected = generateTotp(secret, { time });
  const uri = `otpauth://totp/ACME:bob?secret=${secret}&issuer=ACME&digits=8&algorithm=SHA256&period=60`;
  const wrong = expected === '000000' ? '111111' : '000000';
  // Independent processes: run side by side.
  const [fromArg, fromStdin, fromDash, fromUri, uriFromStdin, ok, withinWindow, bad, outsideWindow] = await Promise.all(
    [
      runCli(['code', secret, '--time', seconds]),
      runCli(['code', '--time', seconds], { input: secret + '\n' }),
      runCli(['code', '-', '--time', seconds], { input: secret + '\r\n' }),
      runCli(['code', '--uri', uri, '--time', seconds]),
      runCli(['code', '--uri', '-', '--time', seconds], { input: uri }),
      runCli(['verify', '-', expected, '--time', seconds], { input: secret }),
      runCli(['verify', '-', expected, '--time', String(time / 1000 + 30), '--window', '1'], { input: secret }),
      runCli(['verify', secret, wrong, '--time', seconds]),
      runCli(['verify', secret, expected, '--time', String(time / 1000 + 90), '--window', '0']),
    ],
  );
  assert.equal(fromArg.stdout, expected + '\n');
  assert.equal(fromStdin.stdout, expected + '\n');
  assert.equal(fromDash.stdout, expected + '\n');
  assert.equal(fromUri.stdout, generateTotp(secret, { time, digits: 8, algorithm: 'SHA256', period: 60 }) + '\n');
  assert.equal(uriFromStdin.stdout.length, 9);

  assert.equal(ok.status, 0);
  assert.equal(ok.stdout, `valid (step ${Math.floor(time / 30000)}, delta 0)\n`);
  assert.equal(withinWindow.status, 0);
  assert.match(withinWindow.stdout, /delta -1/);
  assert.equal(bad.status, 1);
  assert.equal(bad.stdout, 'invalid\n');
  assert.equal(outsideWindow.status, 1);
});

test('parse prints every field as JSON on one line, null where absent', async () => {
  const { status, stdout } = await runCli(['parse', 'otpauth://totp/A%3Ab?secret=jbswy3dpehpk3pxp&algorithm=sha256']);
  assert.equal(status, 0);
  assert.deepEqual(JSON.parse(stdout), {
    type: 'totp',
    account: 'b',
    issuer: 'A',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA256',
    digits: 6,
    period: 30,
    counter: null,
    encoder: 'decimal',
    warnings: [],
  });
  const fromStdin = await runCli(['parse', '-'], { input: 'otpauth://totp/b?secret=JBSWY3DPEHPK3PXP\n' });
  assert.equal(JSON.parse(fromStdin.stdout).issuer, null);
});

test('--help and --version', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /totp-config --user <name> --issuer <name>/);
  const version = await runCli(['--version']);
  assert.equal(
    version.stdout.trim(),
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
  );
});
