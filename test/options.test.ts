// Issue 10, items 4 and 5: every input is read once (the value checked is the value used), and options count
// only as the caller's own properties (a polluted Object.prototype changes nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as lib from '../src/index.js';
import * as qr from '../src/qr.js';
import { counting } from './helpers/read-once.js';
import * as migration from '../src/migration.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const S = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const READ_ONCE: Array<[string, Record<string, unknown>, (options: never) => unknown]> = [
  [
    'generateUserConfiguration',
    { algorithm: 'SHA256', digits: 8, period: 60, secretSize: 20 },
    (o) => lib.generateUserConfiguration('bob', 'ACME', o),
  ],
  ['generateSecret', { size: 20, algorithm: 'SHA1' }, (o) => lib.generateSecret(o)],
  ['base32Encode', { padding: true }, (o) => lib.base32Encode(Uint8Array.of(1, 2), o)],
  [
    'formatOtpauthUri',
    { type: 'hotp', secret: S, account: 'bob', issuer: 'ACME', algorithm: 'SHA256', digits: 7, counter: 3 },
    (o) => lib.formatOtpauthUri(o),
  ],
  [
    'formatOtpauthUri (steam)',
    { secret: S, account: 'bob', encoder: 'steam', period: 30 },
    (o) => lib.formatOtpauthUri(o),
  ],
  ['parseOtpauthUri', { strict: false }, (o) => lib.parseOtpauthUri(`otpauth://totp/A:bob?secret=${S}&issuer=B`, o)],
  [
    'encodeMigration',
    { batchSize: 5, batchId: 3 },
    (o) => migration.encodeMigration([{ secret: S, account: 'bob' }], o),
  ],
  [
    'encodeMigration (account)',
    { type: 'hotp', secret: S, account: 'bob', issuer: 'ACME', algorithm: 'SHA256', digits: 8, counter: 3 },
    (o) => migration.encodeMigration([o]),
  ],
  [
    'decodeMigration',
    { partial: true },
    (o) =>
      migration.decodeMigration(
        'otpauth-migration://offline?data=CiIKCkhlbGxvId6tvu8SBWFsaWNlGgdFeGFtcGxlIAEoATACEAEYASAAKAE%3D',
        o,
      ),
  ],
  ['generateHotp', { algorithm: 'SHA512', digits: 8 }, (o) => lib.generateHotp(S, 1, o)],
  ['generateTotp', { time: 59_000, period: 30, t0: 0, algorithm: 'SHA1', digits: 8 }, (o) => lib.generateTotp(S, o)],
  [
    'verifyTotp',
    { time: 59_000, window: 2, after: 0, drift: 1, digits: 6, algorithm: 'SHA1', period: 30, t0: 0 },
    (o) => lib.verifyTotp('287082', S, o),
  ],
  ['verifyHotp', { counter: 1, window: 2, digits: 6, algorithm: 'SHA1' }, (o) => lib.verifyHotp('287082', S, o)],
  ['qrMatrix', { level: 'Q', mask: 2, mode: 'byte' }, (o) => qr.qrMatrix('hello', o)],
  ['qrSvg', { level: 'L', margin: 2, scale: 3, dark: '#123', light: '#fff' }, (o) => qr.qrSvg('hello', o)],
  ['qrPng', { margin: 1, scale: 2, dark: '#000', light: '#fff' }, (o) => qr.qrPng('hello', o)],
  ['qrTerminal', { margin: 1, invert: true }, (o) => qr.qrTerminal('hello', o)],
  ['qrTerminal (ansi)', { margin: 1, ansi: true }, (o) => qr.qrTerminal('hello', o)],
  [
    'qrDataUrl',
    { format: 'svg', level: 'L', margin: 1, scale: 2, dark: '#000', light: '#fff' },
    (o) => qr.qrDataUrl('hello', o),
  ],
];

for (const [name, values, call] of READ_ONCE) {
  test(`${name} reads each option at most once`, () => {
    const { options, reads } = counting(values);
    call(options as never);
    for (const [key, count] of Object.entries(reads)) assert.ok(count <= 1, `${name} read "${key}" ${count} times`);
  });
}

test('the value checked is the value used: a getter cannot pass a rule with one value and use another', () => {
  // An account of '.' without an issuer is refused; a getter that answers '.' first and 'bob' later must not
  // slip past the rule with '.' being checked and 'bob' written, or the other way round.
  let reads = 0;
  const sneaky = {
    secret: S,
    get account() {
      return reads++ === 0 ? '.' : 'bob';
    },
  };
  assert.throws(() => lib.formatOtpauthUri(sneaky), { code: 'ERR_INVALID_LABEL' });
  assert.equal(reads, 1);
});

test('options are own properties only: a polluted Object.prototype changes no result (child process)', () => {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test', 'fixtures', 'polluted-options.ts')],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  assert.equal(child.status, 0, child.stderr);
  const report = JSON.parse(child.stdout) as { options: number; cases: number; changed: string[] };
  assert.ok(report.options >= 25 && report.cases >= 20, `${report.options} options × ${report.cases} cases`);
  assert.deepEqual(report.changed, []);
});

test('an options object may itself come from a polluted prototype chain only through its own keys', () => {
  const inherited = Object.create({ digits: 8 }) as { digits?: 6 | 7 | 8 };
  assert.equal(lib.generateHotp(S, 1, inherited), lib.generateHotp(S, 1));
  assert.equal(lib.generateHotp(S, 1, { digits: 8 }), '94287082');
});
