// The CLI's migrate export / migrate import (issue 11): thin shells over encodeMigration and decodeMigration,
// checked against the library itself and, for the images, against zbar when it is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOtpauthUri, parseOtpauthUri } from '../src/index.js';
import { decodeMigration } from '../src/migration.js';
import { isOneErrorLine, runCli } from './cli/run.js';

const URIS = [
  'otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME',
  'otpauth://totp/Example%20Co:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example%20Co&digits=8',
  'otpauth://hotp/Bank:carol?secret=MZXW6YTBOI======&issuer=Bank&counter=42&algorithm=SHA256',
];

test('migrate export then migrate import gives the accounts back, from arguments and from stdin', async () => {
  const exported = await runCli(['migrate', 'export', '-', '--batch-size', '2'], { input: URIS.join('\n') + '\n' });
  assert.equal(exported.status, 0, exported.stderr);
  const batches = exported.stdout.trimEnd().split('\n');
  assert.equal(batches.length, 2);
  for (const batch of batches) assert.match(batch, /^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
  const imported = await runCli(['migrate', 'import', ...batches]);
  assert.equal(imported.status, 0, imported.stderr);
  const expected = URIS.map((uri) => formatOtpauthUri(parseOtpauthUri(uri)));
  assert.deepEqual(imported.stdout.trimEnd().split('\n'), expected);
  const json = await runCli(['migrate', 'import', '-', '--json'], { input: batches.join('\n') });
  const result = JSON.parse(json.stdout) as { batchCount: number; missing: number[]; accounts: unknown[] };
  assert.equal(result.batchCount, 2);
  assert.deepEqual(result.missing, []);
  assert.equal(result.accounts.length, 3);
  assert.deepEqual(decodeMigration(batches).accounts.length, 3, 'the library reads what the CLI wrote');
});

test('migrate import warns about missing batches on stderr and prints the accounts it has', async () => {
  const { stdout } = await runCli(['migrate', 'export', ...URIS, '--batch-size', '1']);
  const batches = stdout.trimEnd().split('\n');
  const partial = await runCli(['migrate', 'import', batches[0], batches[2]]);
  assert.equal(partial.status, 0);
  assert.equal(partial.stdout.trimEnd().split('\n').length, 2);
  assert.match(partial.stderr, /MISSING_BATCH/);
  assert.match(partial.stderr, /batch_index 1/);
});

test('migrate export refuses what the format cannot hold, naming the URI by position and never a secret', async () => {
  const { status, stdout, stderr } = await runCli([
    'migrate',
    'export',
    URIS[0],
    'otpauth://totp/x?secret=JBSWY3DPEHPK3PXQ&period=60',
  ]);
  assert.equal(status, 2);
  assert.equal(stdout, '');
  assert.ok(isOneErrorLine(stderr), stderr);
  assert.match(stderr, /ERR_MIGRATION_UNSUPPORTED: the period of URI 2 must be 30/);
  assert.ok(!stderr.includes('JBSWY3DP'), stderr);
});

test('migrate export --png DIR writes batch-1.png … owner-only before printing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'totp-config-migrate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { status, stdout, stderr } = await runCli(['migrate', 'export', ...URIS, '--batch-size', '2', '--png', dir]);
  assert.equal(status, 0, stderr);
  assert.equal(stdout.trimEnd().split('\n').length, 2);
  for (const name of ['batch-1.png', 'batch-2.png']) {
    const path = join(dir, name);
    assert.equal(statSync(path).mode & 0o777, 0o600, name);
    assert.deepEqual([...readFileSync(path).subarray(1, 4)], [0x50, 0x4e, 0x47], `${name} is a PNG`);
  }
  const missing = await runCli(['migrate', 'export', URIS[0], '--png', join(dir, 'no', 'such')]);
  assert.equal(missing.status, 2);
  assert.equal(missing.stdout, '', 'nothing printed when an image cannot be written');
});
