// KeePassXC's rules, measured against the real application: configurations made by this library (period 90, HOTP,
// SHA512 with 8 digits, a 16-byte secret, and a sample of every KeePassXC rule of the table) are imported with
// `keepassxc-cli import` from a KeePass 2 XML file whose entries carry an `otp` attribute (the otpauth URI, as
// KeePassXC stores it), and `keepassxc-cli show --totp` is compared with our own codes. What KeePassXC actually
// does must be what the table says: `works` if it shows our code, `silent` if it shows another one (the one the
// rule's behaviour describes: 60 s codes for a longer period, time-based codes for an hotp entry).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkAppCompatibility, COMPATIBILITY_RULES, type CompatibilityRule } from '../src/compat.js';
import {
  base32Encode,
  formatOtpauthUri,
  generateHotp,
  generateTotp,
  generateUserConfiguration,
  parseOtpauthUri,
  type Algorithm,
  type Digits,
} from '../src/index.js';
import { requireTool, runs } from './helpers/tools.js';

interface Case {
  label: string;
  uri: string;
  /** Our code at a time (ms), for this configuration. */
  ours: (time: number) => string;
  /** For a `silent` rule: the code the rule's behaviour says KeePassXC shows instead. */
  instead?: (time: number) => string;
}

const bytes = (label: string, size: number) => createHash('sha512').update(label).digest().subarray(0, size);

/** A TOTP configuration, made as an application would: generateUserConfiguration, or formatOtpauthUri below 16 bytes. */
function totpCase(
  label: string,
  o: { algorithm?: Algorithm; digits?: Digits; period?: number; secretSize?: number },
): Case {
  const { algorithm = 'SHA1', digits = 6, period = 30, secretSize = 20 } = o;
  const uri =
    secretSize >= 16
      ? generateUserConfiguration('alice@example.com', 'Example Co', { algorithm, digits, period, secretSize })
          .otpauth_str
      : formatOtpauthUri({ secret: base32Encode(bytes(label, secretSize)), account: 'alice', issuer: 'Example Co' });
  const { secret } = parseOtpauthUri(uri);
  return {
    label,
    uri,
    ours: (time) => generateTotp(secret, { time, algorithm, digits, period }),
    // KeePassXC turns periods above 60 s into 60 s.
    instead: period > 60 ? (time) => generateTotp(secret, { time, algorithm, digits, period: 60 }) : undefined,
  };
}

function hotpCase(label: string): Case {
  const secret = base32Encode(bytes(label, 20));
  const uri = formatOtpauthUri({ type: 'hotp', secret, account: 'alice', issuer: 'Example Co', counter: 5 });
  return {
    label,
    uri,
    ours: () => generateHotp(secret, 5),
    instead: (time) => generateTotp(secret, { time }), // an hotp entry computed as a 30 s TOTP
  };
}

function steamCase(label: string): Case {
  const secret = base32Encode(bytes(label, 20));
  return {
    label,
    uri: formatOtpauthUri({ encoder: 'steam', secret, account: 'alice', issuer: 'Steam' }),
    ours: (time) => generateTotp(secret, { time, encoder: 'steam' }),
  };
}

/** The samples of one KeePassXC rule: a single value, or the ends and the middle of a range (not the default). */
function casesFor(rule: CompatibilityRule): Case[] {
  const values = Array.isArray(rule.values)
    ? [rule.values[0], Math.floor((rule.values[0] + rule.values[1]) / 2), rule.values[1]].filter((v) => v !== 30)
    : [rule.values as string | number];
  return [...new Set(values)].map((value) => {
    const label = `${rule.parameter} ${value}`;
    switch (rule.parameter) {
      case 'algorithm':
        return totpCase(label, { algorithm: value as Algorithm });
      case 'digits':
        return totpCase(label, { digits: value as Digits });
      case 'period':
        return totpCase(label, { period: value as number });
      case 'secret':
        return totpCase(label, { secretSize: value as number });
      case 'type':
        return hotpCase(label);
      case 'encoder':
        return steamCase(label);
    }
  });
}

const CASES: Case[] = [
  // The configurations of issue 12.
  totpCase('period 90 (issue)', { period: 90 }),
  hotpCase('hotp (issue)'),
  totpCase('SHA512 with 8 digits (issue)', { algorithm: 'SHA512', digits: 8, secretSize: 64 }),
  totpCase('a 16-byte secret (issue)', { secretSize: 16 }),
  // Every KeePassXC rule of the table.
  ...COMPATIBILITY_RULES.filter((rule) => rule.app === 'keepassxc').flatMap(casesFor),
];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A KeePass 2 XML export holding one entry per case, titled by its label, with the URI in an `otp` attribute. */
function keepassXml(cases: Case[]): string {
  const entries = cases.map((c, i) => {
    const uuid = Buffer.alloc(16);
    uuid.writeUInt32BE(i + 1, 12);
    return (
      `<Entry><UUID>${uuid.toString('base64')}</UUID>` +
      `<String><Key>Title</Key><Value>${escapeXml(c.label)}</Value></String>` +
      `<String><Key>otp</Key><Value>${escapeXml(c.uri)}</Value></String></Entry>`
    );
  });
  return (
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<KeePassFile><Meta><Generator>totp-config</Generator>' +
    '</Meta><Root><Group><UUID>AAAAAAAAAAAAAAAAAAAAAA==</UUID><Name>Root</Name>' +
    entries.join('') +
    '</Group></Root></KeePassFile>\n'
  );
}

test('KeePassXC (keepassxc-cli): its verdicts in the table are what it does', (t) => {
  if (!requireTool(t, runs('keepassxc-cli', ['--version']), 'keepassxc-cli', 'apt-get install keepassxc')) return;
  const version = spawnSync('keepassxc-cli', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const dir = mkdtempSync(join(tmpdir(), 'totp-config-keepassxc-'));
  try {
    const [xml, database, key] = ['export.xml', 'test.kdbx', 'test.key'].map((name) => join(dir, name));
    writeFileSync(xml, keepassXml(CASES));
    writeFileSync(key, bytes('key file', 64), { mode: 0o600 });
    const keepass = (args: string[]) => spawnSync('keepassxc-cli', args, { encoding: 'utf8', input: '' });
    const imported = keepass(['import', '-q', '--set-key-file', key, xml, database]);
    assert.equal(imported.status, 0, `keepassxc-cli import: ${imported.stderr}`);
    for (const c of CASES) {
      // Our code is computed for every second from just before KeePassXC ran to just after, so a step boundary in
      // between (even of a 1 s period on a slow machine) cannot make a false difference.
      const before = Date.now();
      const shown = keepass(['show', '-q', '--no-password', '-k', key, '--totp', database, c.label]);
      const after = Date.now();
      assert.equal(shown.status, 0, `${c.label}: keepassxc-cli show: ${shown.stderr}`);
      const code = shown.stdout.trim();
      const times = [after];
      for (let time = before; time < after; time += 1000) times.push(time);
      const is = (codeAt: (time: number) => string) => times.some((time) => code === codeAt(time));
      const measured = is(c.ours) ? 'works' : /^[0-9A-Z]{5,8}$/.test(code) ? 'silent' : 'fails';
      const result = checkAppCompatibility(c.uri).find((r) => r.app === 'keepassxc')!;
      t.diagnostic(
        `${version} ${c.label}: shows ${code}, ours ${c.ours(after)}: ${measured}; the table: ${result.verdict}`,
      );
      assert.equal(measured, result.verdict, `${c.label}: KeePassXC ${measured}, the table says ${result.verdict}`);
      if (measured === 'silent') {
        assert.ok(
          c.instead && is(c.instead),
          `${c.label}: KeePassXC shows ${code}, not what the rule's behaviour says`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
