// Issue 10 item 18: commands that behave as a new user expects. Each test fails on the CLI before the fix for
// its own reason (the flag-only form of create is used where `create` itself is not what is tested).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTotp, parseOtpauthUri } from '../src/index.js';
import { qrTerminal } from '../src/qr.js';
import { type CliResult, isOneErrorLine, runAll, runCli } from './cli/run.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/ACME:bob?secret=${SECRET}&issuer=ACME`;
const SHORT = ['--user', 'bob', '--issuer', 'ACME'];

/**
 * Runs every argv and asserts each is a usage error (exit 2, one line, nothing on stdout) matching its pattern.
 * Returns the results in the order of `cases`, for further checks.
 */
async function assertUsageErrors(cases: Array<[string[], RegExp]>, input = ''): Promise<CliResult[]> {
  const results = await runAll(cases, ([args]) => runCli(args, { input }));
  const failures = results.flatMap(({ status, stdout, stderr }, i) => {
    const [args, pattern] = cases[i];
    const ok = status === 2 && stdout === '' && isOneErrorLine(stderr) && pattern.test(stderr);
    return ok
      ? []
      : [`${args.join(' ')} => exit ${status}, stdout ${JSON.stringify(stdout)}, stderr ${stderr.trimEnd()}`];
  });
  assert.deepEqual(failures, []);
  return results;
}

test('no arguments prints the usage on stderr and exits 2', async () => {
  const { status, stdout, stderr } = await runCli([]);
  assert.equal(status, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^Usage:/);
  assert.match(stderr, /totp-config create /);
});

test('create is a subcommand; the flag-only form stays as its shorthand', async () => {
  const [full, short] = await Promise.all([runCli(['create', ...SHORT]), runCli(SHORT)]);
  for (const { status, stdout, stderr } of [full, short]) {
    assert.equal(status, 0, stderr);
    assert.deepEqual(Object.keys(JSON.parse(stdout)), ['otpauth_str', 'secret']);
  }
});

test('conflicting and inapplicable flags, and a flag given twice, are usage errors', async () => {
  await assertUsageErrors([
    [['code', '--uri', URI, '--digits', '8'], /--uri.*--digits|--digits.*--uri/],
    [['code', '--uri', URI, '--algorithm', 'SHA256'], /--algorithm/],
    [['verify', '--uri', URI, '123456', '--period', '60'], /--period/],
    [['code', SECRET, '--window', '2'], /--window/],
    [['code', SECRET, '--qr'], /--qr/],
    [['parse', URI, '--digits', '8'], /--digits/],
    [[...SHORT, '--window', '2'], /--window/],
    [[...SHORT, '--time', '0'], /--time/],
    [['--user', 'a', '--user', 'b', '--issuer', 'ACME'], /--user/],
    [[...SHORT, '--qr', '--qr'], /--qr/],
    [[...SHORT, '--invert'], /--invert/],
    [[...SHORT, '--level', 'H'], /--level/],
    [[...SHORT, '--margin', '2'], /--margin/],
    [[...SHORT, '--png', '-', '--svg', '-'], /stdout/],
  ]);
});

test('verify SECRET without a token says the token is missing', async () => {
  await assertUsageErrors(
    [
      [['verify', SECRET], /token is missing/],
      [['verify', '--uri', URI], /token is missing/],
      [['verify', '-'], /token is missing/],
    ],
    SECRET,
  );
});

test('messages name flags, not option paths', async () => {
  const [secretSize] = await assertUsageErrors([
    [[...SHORT, '--secret-size', '8'], /--secret-size must be/],
    [[...SHORT, '--digits', '9'], /--digits must be/],
    [[...SHORT, '--period', '0'], /--period must be/],
    [[...SHORT, '--algorithm', 'MD5'], /--algorithm must be/],
    [['--user', 'a:b', '--issuer', 'ACME'], /--user must not contain ':'/],
    [['code', SECRET, '--digits', '5'], /--digits must be/],
    [['verify', SECRET, '123456', '--window', '101'], /--window must be/],
  ]);
  assert.doesNotMatch(secretSize.stderr, /options\./);
});

test('--algorithm is accepted in any case', async () => {
  const { status, stdout, stderr } = await runCli([...SHORT, '--algorithm', 'sha256']);
  assert.equal(status, 0, stderr);
  assert.equal(parseOtpauthUri(JSON.parse(stdout).otpauth_str).algorithm, 'SHA256');
  const code = await runCli(['code', SECRET, '--algorithm', 'Sha512', '--time', '59']);
  assert.equal(code.stdout, generateTotp(SECRET, { algorithm: 'SHA512', time: 59_000 }) + '\n');
});

test('--time takes Unix seconds (as date +%s prints them) or ISO 8601', async () => {
  const seconds = 1_700_000_000;
  const expected = generateTotp(SECRET, { time: seconds * 1000 }) + '\n';
  const forms = [String(seconds), '2023-11-14T22:13:20Z', '2023-11-14T23:13:20+01:00', '2023-11-14T22:13:20.999Z'];
  const results = await runAll(forms, (time) => runCli(['code', SECRET, '--time', time]));
  results.forEach(({ stdout, stderr }, i) => assert.equal(stdout, expected, `--time ${forms[i]}: ${stderr}`));
  const day = await runCli(['code', SECRET, '--time', '2023-11-14']);
  assert.equal(day.stdout, generateTotp(SECRET, { time: Date.UTC(2023, 10, 14) }) + '\n');
  const verify = await runCli(['verify', SECRET, expected.trim(), '--time', String(seconds + 30), '--window', '1']);
  assert.equal(verify.stdout, `valid (step ${Math.floor(seconds / 30)}, delta -1)\n`);
  await assertUsageErrors([
    [['code', SECRET, '--time', String(seconds * 1000)], /--time/], // milliseconds: refused, not the year 55 837
    [['code', SECRET, '--time', '2023-11-14T22:13:20'], /--time/], // no time zone
    [['code', SECRET, '--time', '2023-02-30'], /--time/],
    [['code', SECRET, '--time', 'now'], /--time/],
  ]);
});

test('--png - and --svg - write the image to stdout, and the configuration to stderr', async () => {
  const [png, svg] = await Promise.all([runCli([...SHORT, '--png', '-']), runCli([...SHORT, '--svg', '-'])]);
  assert.equal(png.status, 0, png.stderr);
  assert.deepEqual([...png.stdoutBytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.match(JSON.parse(png.stderr).otpauth_str, /^otpauth:\/\/totp\/ACME:bob\?/);
  assert.equal(svg.status, 0, svg.stderr);
  assert.match(svg.stdout, /^<svg /);
  assert.match(JSON.parse(svg.stderr).secret, /^[A-Z2-7]{32}$/);
});

test('--format text shows algorithm, digits and period when they are not the defaults', async () => {
  const [plain, custom] = await Promise.all([
    runCli([...SHORT, '--format', 'text']),
    runCli([...SHORT, '--format', 'text', '--algorithm', 'SHA256', '--digits', '8', '--period', '60']),
  ]);
  assert.doesNotMatch(plain.stdout, /^(algorithm|digits|period):/m);
  assert.match(custom.stdout, /^algorithm: SHA256$/m);
  assert.match(custom.stdout, /^digits: 8$/m);
  assert.match(custom.stdout, /^period: 60$/m);
});

test('parse prints JSON in the same style as create: one line', async () => {
  const { status, stdout } = await runCli(['parse', URI]);
  assert.equal(status, 0);
  assert.equal(stdout.split('\n').length, 2, 'one line and its newline');
  assert.equal(JSON.parse(stdout).secret, SECRET);
});

test('QR --level and --margin reach the drawing', async () => {
  const { status, stdout, stderr } = await runCli([...SHORT, '--qr', '--level', 'h', '--margin', '1']);
  assert.equal(status, 0, stderr);
  assert.equal(stderr, qrTerminal(JSON.parse(stdout).otpauth_str, { level: 'H', margin: 1 }));
});

test('trailing blank lines on stdin are tolerated', async () => {
  const expected = generateTotp(SECRET, { time: 1_700_000_000_000 }) + '\n';
  const inputs = [`${SECRET}\n\n\n`, `${SECRET}\r\n\r\n`, `${SECRET}\n \n\t\n`];
  const results = await runAll(inputs, (input) => runCli(['code', '-', '--time', '1700000000'], { input }));
  results.forEach(({ stdout, stderr }, i) => assert.equal(stdout, expected, JSON.stringify(inputs[i]) + stderr));
  const uri = await runCli(['parse', '-'], { input: URI + '\n\n' });
  assert.equal(JSON.parse(uri.stdout).account, 'bob');
  await assertUsageErrors([[['code', '-'], /one line/]], `${SECRET}\n${SECRET}\n`);
});

test('each command has its own --help', async () => {
  const results = await runAll(['create', 'code', 'verify', 'parse'], (name) => runCli([name, '--help']));
  results.forEach(({ status, stdout }, i) => {
    assert.equal(status, 0);
    assert.match(stdout, new RegExp(`totp-config ${['create', 'code', 'verify', 'parse'][i]}`));
  });
});

test('the command line is read strictly, and every mistake is named without its value', async () => {
  await assertUsageErrors([
    [['verify', SECRET, '123456', 'extra'], /a secret and a token/],
    [['verify', '--uri', URI, SECRET, '123456'], /either a secret or --uri/],
    [['code', SECRET, '-x'], /argument 3 is not a flag/],
    [[...SHORT, '--qr=yes'], /--qr takes no value \(argument 5\)/],
    [[...SHORT, '--digits'], /--digits needs a value/],
    [['--user', '--issuer', 'ACME'], /--user needs a value/],
    [['create', 'bob'], /create takes flags only/],
    [['create', ...SHORT, '--version'], /--version|argument 6/],
    [['parse', '-'], /stdin is empty/],
  ]);
  const negative = await runCli(['code', SECRET, '--time=-1']);
  assert.equal(negative.status, 2);
  assert.match(negative.stderr, /--time must be/);
});
