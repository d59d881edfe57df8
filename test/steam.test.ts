// Steam Guard entries, checked against things we did not write:
// - the Steam app's own codes, as KeePassXC's tests quote them, reached through parseOtpauthUri of KeePassXC's URI;
// - KeePassXC itself (keepassxc-cli show --totp), on a database made from entries whose otp attribute is the URI
//   formatOtpauthUri writes (encoder=steam): the code it shows must be the code we compute at the same moment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { base32Encode } from '../src/base32.js';
import { formatOtpauthUri } from '../src/uri.js';
import { generateTotp } from '../src/otp.js';
import { parseOtpauthUri } from '../src/parse.js';
import { requireTool, runs } from './helpers/tools.js';

// keepassxreboot/keepassxc tests/TestTotp.cpp, testSteamTotp (commit 95bae8377c88f46fda565e09fee25d7ba684fe9e):
// "These time/value pairs were created by running the Steam Guard function of the Steam mobile app with a throw-away
// steam account."
const KEEPASSXC_URI =
  'otpauth://totp/test:test@example.com?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Valve&algorithm=SHA1&digits=5&period=30&encoder=steam';
const STEAM_APP: [seconds: number, code: string][] = [
  [1511200518, 'FR8RV'],
  [1511200714, '9P3VP'],
];

test("the Steam app's codes from KeePassXC's tests, through parseOtpauthUri of KeePassXC's URI", () => {
  const parsed = parseOtpauthUri(KEEPASSXC_URI);
  assert.deepEqual([parsed.encoder, parsed.digits, parsed.algorithm, parsed.period], ['steam', 5, 'SHA1', 30]);
  assert.deepEqual(
    parsed.warnings.map((w) => w.code),
    ['ISSUER_MISMATCH'],
  ); // label "test", issuer=Valve
  assert.equal(parsed.type, 'totp');
  for (const [seconds, code] of STEAM_APP) {
    assert.equal(generateTotp(parsed.secret, { ...parsed, time: seconds * 1000 }), code);
  }
});

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const PASSWORD = 'test-only password';

/** Runs keepassxc-cli with the database password on stdin (and again when a new one is set). */
function keepassxc(args: string[], passwords = 1): string {
  const result = spawnSync('keepassxc-cli', args, { input: `${PASSWORD}\n`.repeat(passwords), encoding: 'utf8' });
  assert.equal(result.status, 0, `keepassxc-cli ${args[0]}: ${result.stderr}`);
  return result.stdout.trim();
}

test("Steam Guard codes equal KeePassXC's (keepassxc-cli show --totp) at the same moment", (t) => {
  if (!requireTool(t, runs('keepassxc-cli', ['--version']), 'keepassxc-cli', 'apt-get install keepassxc')) return;
  const dir = mkdtempSync(join(tmpdir(), 'totp-config-keepassxc-'));
  try {
    // Deterministic secrets of the usual Steam size (20 bytes) and others, as formatOtpauthUri writes them.
    const uris = [KEEPASSXC_URI, 'otpauth://totp/Steam:gaben?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&encoder=steam'];
    for (let i = 0; i < 6; i++) {
      const secret = base32Encode(Uint8Array.from({ length: 10 + 5 * i }, (_, j) => (j * 37 + i * 101 + 7) & 255));
      uris.push(formatOtpauthUri({ secret, account: `user${i}`, issuer: 'Steam', encoder: 'steam' }));
    }
    const entries = uris.map(
      (uri, i) =>
        `<Entry><UUID>${Buffer.alloc(16, i + 1).toString('base64')}</UUID>` +
        `<String><Key>Title</Key><Value>steam${i}</Value></String>` +
        `<String><Key>otp</Key><Value>${xml(uri)}</Value></String></Entry>`,
    );
    writeFileSync(
      join(dir, 'entries.xml'),
      `<?xml version="1.0" encoding="utf-8" standalone="yes"?><KeePassFile><Meta><Generator>totp-config test</Generator>` +
        `</Meta><Root><Group><UUID>${Buffer.alloc(16).toString('base64')}</UUID><Name>Root</Name>${entries.join('')}` +
        `</Group></Root></KeePassFile>`,
    );
    const database = join(dir, 'steam.kdbx');
    keepassxc(['import', '-q', '-p', '-t', '100', join(dir, 'entries.xml'), database], 2);
    let compared = 0;
    uris.forEach((uri, i) => {
      const parsed = parseOtpauthUri(uri);
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = Date.now();
        const theirs = keepassxc(['show', '-q', '--totp', database, `steam${i}`]);
        // Both codes belong to one 30-second step only if no step boundary passed while KeePassXC ran.
        if (Math.floor(before / 30000) !== Math.floor(Date.now() / 30000)) continue;
        assert.match(theirs, /^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
        assert.equal(
          generateTotp(parsed.secret, { ...parsed, time: before }),
          theirs,
          uri.replace(/secret=\w+/, 'secret=…'),
        );
        compared++;
        return;
      }
      assert.fail('three step boundaries in a row');
    });
    t.diagnostic(`${compared} Steam Guard entries: the same code as keepassxc-cli ${keepassxc(['--version'], 0)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
