// Issue 10 item 17: the QR code the CLI draws on a terminal scans on dark and on light terminals alike. The CLI
// runs in a pseudo-terminal (util-linux `script`); what it wrote is rendered as a light-on-dark and as a
// dark-on-light terminal would show it (test/cli/terminal.ts), and zbar must read the URI back from both.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBatch } from './helpers/qr-tools.js';
import { requireTool, runs } from './helpers/tools.js';
import { cliShellCommand, runCli } from './cli/run.js';
import { DARK_ON_LIGHT, LIGHT_ON_DARK, terminalPicture, type Theme } from './cli/terminal.js';

/** Runs the CLI with its stdin, stdout and stderr on a pseudo-terminal; returns what the terminal received. */
function inTerminal(args: string[], env: Record<string, string> = {}): string {
  const command = cliShellCommand(args);
  const { NO_COLOR: _dropped, ...inherited } = process.env;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    input: '',
    env: { ...inherited, TERM: 'xterm-256color', ...env },
  });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  return result.stdout.replace(/\r\n/g, '\n');
}

/** zbar's reading of the drawing as `theme` shows it, or '' when it finds no QR code. */
function decode(output: string, theme: Theme, dir: string): string {
  const file = join(dir, `${theme.name.replace(/ /g, '-')}.pgm`);
  writeFileSync(file, terminalPicture(output, theme));
  return decodeBatch('zbar', [file]).toString('utf8').replace(/\n$/, '');
}

function tools(t: TestContext): boolean {
  return (
    requireTool(t, runs('script', ['-V']), 'script', 'apt-get install util-linux') &&
    requireTool(t, runs('zbarimg', ['--version']), 'zbarimg', 'apt-get install zbar-tools')
  );
}

function withDir(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'totp-cli-terminal-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('item 17: on a terminal the QR code has its own colours and scans on dark and light themes', (t) => {
  if (!tools(t)) return;
  withDir((dir) => {
    for (const format of ['text', 'json']) {
      const output = inTerminal(['--user', 'bob', '--issuer', 'ACME', '--qr', '--format', format]);
      const uri = /otpauth:\/\/totp\/[^\s"]+/.exec(output)?.[0];
      assert.ok(uri, `--format ${format}: the URI is printed`);
      for (const theme of [LIGHT_ON_DARK, DARK_ON_LIGHT]) {
        assert.equal(decode(output, theme, dir), uri, `--format ${format}, ${theme.name}`);
      }
      assert.match(output, /\x1b\[[0-9;]*m/, `--format ${format}: drawn with explicit colours`);
    }
  });
});

test('item 17: NO_COLOR and --invert keep plain glyphs on a terminal; --invert scans light on dark', (t) => {
  if (!tools(t)) return;
  withDir((dir) => {
    const plain = inTerminal(['--user', 'bob', '--issuer', 'ACME', '--qr', '--format', 'text'], { NO_COLOR: '1' });
    assert.doesNotMatch(plain, /\x1b/);
    assert.equal(decode(plain, DARK_ON_LIGHT, dir), /otpauth:\S+/.exec(plain)?.[0]);
    const inverted = inTerminal(['--user', 'bob', '--issuer', 'ACME', '--qr', '--invert', '--format', 'text']);
    assert.doesNotMatch(inverted, /\x1b/);
    assert.equal(decode(inverted, LIGHT_ON_DARK, dir), /otpauth:\S+/.exec(inverted)?.[0]);
  });
});

test('item 17: output that is not a terminal keeps plain glyphs, as before', async () => {
  const { stdout, status } = await runCli(['--user', 'bob', '--issuer', 'ACME', '--qr', '--format', 'text'], {
    env: { NO_COLOR: undefined },
  });
  assert.equal(status, 0);
  assert.doesNotMatch(stdout, /\x1b/);
  assert.match(stdout, /[▀▄█]/);
});
