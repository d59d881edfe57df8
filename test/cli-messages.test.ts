// Issue 10 item 15: no argv value is ever copied into a message. stderr is often logged, and arguments can be
// secrets or otpauth URIs; messages name the flag or the position instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOneErrorLine, runAll, runCli } from './cli/run.js';

// Valid base32 of 24 characters: if any 16 of them in a row reach stderr, an argument was echoed.
const SECRET = 'JBSWY3DPEHPK3PXPKRSXG5CT';
const URI = `otpauth://totp/ACME:bob?secret=${SECRET}&issuer=ACME`;

/** Every run of 16 characters of `value`, upper-cased: none may appear in a message. */
function windows(value: string): string[] {
  const upper = value.toUpperCase();
  return Array.from({ length: Math.max(0, upper.length - 15) }, (_, i) => upper.slice(i, i + 16));
}

const CREATE = ['--user', 'bob', '--issuer', 'ACME'];
const cases: Array<{ args: string[]; names?: RegExp }> = [
  { args: [SECRET] }, // not a command
  { args: [SECRET.toLowerCase(), 'x'] },
  { args: [...CREATE, '--period', URI], names: /--period/ },
  { args: [...CREATE, '--digits', SECRET], names: /--digits/ },
  { args: [...CREATE, '--secret-size', SECRET], names: /--secret-size/ },
  { args: [...CREATE, '--algorithm', SECRET], names: /--algorithm/ },
  { args: [...CREATE, '--format', SECRET], names: /--format/ },
  { args: [...CREATE, `--${SECRET.toLowerCase()}`] }, // unknown flag
  { args: [...CREATE, `--${SECRET.toLowerCase()}=x`] },
  { args: [...CREATE, `--x=${SECRET}`] },
  { args: [...CREATE, '--qr=' + SECRET] }, // a value given to a switch
  { args: ['--user', SECRET, '--issuer', 'a:' + SECRET], names: /--issuer/ },
  { args: ['--user', `${SECRET}:${SECRET}`, '--issuer', 'ACME'], names: /--user/ },
  { args: [...CREATE, '--png', `/nonexistent-${SECRET}/qr.png`], names: /--png/ },
  { args: [...CREATE, '--svg', `/nonexistent-${SECRET}/qr.svg`], names: /--svg/ },
  { args: ['code', SECRET + '!'] },
  { args: ['code', SECRET, '--time', SECRET], names: /--time/ },
  { args: ['code', SECRET, '--time', '2' + '3'.repeat(20)], names: /--time/ },
  { args: ['code', SECRET, SECRET] },
  { args: ['code', '--uri', URI.replace('totp', 'hotp')] },
  { args: ['code', '--uri', URI.replace('secret=', 'secret=1')] },
  { args: ['code', '--uri', URI + '&digits=' + SECRET] },
  { args: ['verify', SECRET, SECRET, '--window', SECRET], names: /--window/ },
  { args: ['verify', SECRET, '123456', '--window', '2345672345672345672'], names: /--window/ },
  { args: ['parse', SECRET] },
  { args: ['parse', URI.replace('otpauth', 'otpauth2')] },
  { args: ['parse', URI + '&period=' + SECRET] },
  { args: ['parse', URI, SECRET] },
];

test('item 15: error messages name the flag or the position, never an argument value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'totp-cli-messages-'));
  try {
    const results = await runAll(cases, ({ args }) => runCli(args, { cwd: dir }));
    // Every failing case is listed, not only the first.
    const failures: string[] = [];
    results.forEach(({ status, stdout, stderr }, i) => {
      const { args, names } = cases[i];
      const upper = stderr.toUpperCase();
      const echoed = args.some((arg) => windows(arg).some((window) => upper.includes(window)));
      const problems = [
        status === 2 ? '' : `exit ${status}`,
        stdout === '' ? '' : 'output on stdout',
        isOneErrorLine(stderr) ? '' : 'not one error line',
        echoed ? 'echoes an argument' : '',
        names === undefined || names.test(stderr) ? '' : `does not name ${names.source}`,
      ].filter(Boolean);
      if (problems.length > 0) failures.push(`${args.join(' ')}: ${problems.join(', ')}\n  ${stderr.trimEnd()}`);
    });
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
