// The CLI's recovery-codes and check commands (issue 12): thin shells over generateRecoveryCodes /
// hashRecoveryCode and checkAppCompatibility / formatCompatibility, checked against the library itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyRecoveryCode } from '../src/index.js';
import { checkAppCompatibility, formatCompatibility } from '../src/compat.js';
import { isOneErrorLine, runCli } from './cli/run.js';

const URI = 'otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME&digits=8&period=90';

test('recovery-codes prints fresh codes, one a line; --count chooses how many', async () => {
  const [ten, three] = await Promise.all([runCli(['recovery-codes']), runCli(['recovery-codes', '--count', '3'])]);
  assert.equal(ten.status, 0, ten.stderr);
  const codes = ten.stdout.trimEnd().split('\n');
  assert.equal(codes.length, 10);
  for (const code of codes) assert.match(code, /^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.equal(new Set(codes).size, 10);
  assert.equal(three.stdout.trimEnd().split('\n').length, 3);
});

test('recovery-codes --hashes prints the codes and what to store, in the same order', async () => {
  const { status, stdout, stderr } = await runCli(['recovery-codes', '--count', '4', '--hashes']);
  assert.equal(status, 0, stderr);
  const { codes, hashes } = JSON.parse(stdout) as { codes: string[]; hashes: string[] };
  assert.equal(codes.length, 4);
  codes.forEach((code, i) => assert.equal(verifyRecoveryCode(code.toLowerCase(), hashes), i));
});

test('recovery-codes refuses a bad count or an argument, naming the flag and never the value', async () => {
  for (const args of [
    ['recovery-codes', '--count', '0'],
    ['recovery-codes', '--count', 'x7'],
    ['recovery-codes', 'extra'],
  ]) {
    const { status, stdout, stderr } = await runCli(args);
    assert.equal(status, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.ok(isOneErrorLine(stderr), stderr);
    assert.ok(!stderr.includes('x7') && !stderr.includes('extra'), stderr);
  }
});

test('check prints what checkAppCompatibility says, from an argument or stdin, or as JSON', async () => {
  const expected = formatCompatibility(checkAppCompatibility(URI));
  const [argument, stdin, json] = await Promise.all([
    runCli(['check', URI]),
    runCli(['check', '-'], { input: `${URI}\n` }),
    runCli(['check', '-', '--json'], { input: URI }),
  ]);
  assert.equal(argument.stdout, expected);
  assert.equal(stdin.stdout, expected);
  assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(checkAppCompatibility(URI))));
  assert.match(expected, /^KeePassXC +silent$/m);
});

test('check refuses a bad URI with the library code, without echoing it', async () => {
  const { status, stderr } = await runCli(['check', 'otpauth://totp/bob?secret=JBSWY3DPEHPK3PX!']);
  assert.equal(status, 2);
  assert.match(stderr, /ERR_OTPAUTH_SECRET/);
  assert.ok(!stderr.includes('JBSWY3DP'), stderr);
});
