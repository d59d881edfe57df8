// Issue 10 items 13 and 14: images that hold a secret are written owner-only, never through a symlink, and a
// command that fails has printed no secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOneErrorLine, runCli } from './cli/run.js';

const PNG_MAGIC = [137, 80, 78, 71, 13, 10, 26, 10];
// The flag-only form, which old and new versions both take, so that each test fails for its own reason.
const CREATE = ['--user', 'bob', '--issuer', 'ACME'];

function withDir(body: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'totp-cli-files-'));
    try {
      await body(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The image is a regular file (not a link), mode 600, and the command printed a configuration. */
function assertPrivateImage(path: string, kind: 'png' | 'svg'): void {
  const info = lstatSync(path);
  assert.ok(info.isFile(), `${path} is a regular file, not a symlink`);
  assert.equal((info.mode & 0o777).toString(8), '600');
  const bytes = readFileSync(path);
  if (kind === 'png') assert.deepEqual([...bytes.subarray(0, 8)], PNG_MAGIC);
  else assert.match(bytes.toString('utf8'), /^<svg /);
}

/** No temporary file left behind in `dir` (names other than `keep`). */
function assertNoLeftovers(dir: string, keep: string[]): void {
  assert.deepEqual(
    readdirSync(dir).filter((name) => !keep.includes(name)),
    [],
  );
}

test(
  'item 13: an existing 644 file becomes a 600 file',
  withDir(async (dir) => {
    const png = join(dir, 'qr.png');
    const svg = join(dir, 'qr.svg');
    writeFileSync(png, 'old', { mode: 0o644 });
    writeFileSync(svg, 'old', { mode: 0o644 });
    const { status, stderr } = await runCli([...CREATE, '--png', png, '--svg', svg]);
    assert.equal(status, 0, stderr);
    assertPrivateImage(png, 'png');
    assertPrivateImage(svg, 'svg');
    assertNoLeftovers(dir, ['qr.png', 'qr.svg']);
  }),
);

test(
  'item 13: a symlink at the path is replaced, its target left alone',
  withDir(async (dir) => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'do not touch', { mode: 0o644 });
    const link = join(dir, 'qr.png');
    symlinkSync(target, link);
    const { status, stderr } = await runCli([...CREATE, '--png', link]);
    assert.equal(status, 0, stderr);
    assert.equal(readFileSync(target, 'utf8'), 'do not touch');
    assert.equal((statSync(target).mode & 0o777).toString(8), '644');
    assertPrivateImage(link, 'png');
    assertNoLeftovers(dir, ['qr.png', 'target.txt']);
  }),
);

test(
  'item 13: a dangling symlink is replaced, and nothing is created where it pointed',
  withDir(async (dir) => {
    const target = join(dir, 'elsewhere.svg');
    const link = join(dir, 'qr.svg');
    symlinkSync(target, link);
    const { status, stderr } = await runCli([...CREATE, '--svg', link]);
    assert.equal(status, 0, stderr);
    assert.equal(existsSync(target), false, 'the symlink was not followed');
    assertPrivateImage(link, 'svg');
    assertNoLeftovers(dir, ['qr.svg']);
  }),
);

test(
  'item 13: under umask 000 (and 777) new images are still 600',
  withDir(async (dir) => {
    for (const umask of ['000', '777']) {
      const png = join(dir, `${umask}.png`);
      const { status, stderr } = await runCli([...CREATE, '--png', png], { umask });
      assert.equal(status, 0, stderr);
      assertPrivateImage(png, 'png');
    }
    assertNoLeftovers(dir, ['000.png', '777.png']);
  }),
);

test(
  'item 14: a path that cannot be written fails before any secret is printed, the code once',
  withDir(async (dir) => {
    const svg = join(dir, 'ok.svg');
    const cases: Array<[string[], RegExp]> = [
      [['--png', join(dir, 'missing', 'x.png')], /^totp-config: ENOENT: /],
      [['--svg', svg, '--png', join(dir, 'missing', 'x.png')], /^totp-config: ENOENT: /],
      [['--png', join(dir, 'missing', 'x.png'), '--svg', svg, '--qr'], /^totp-config: ENOENT: /],
      [['--png', dir], /^totp-config: E[A-Z]+: /],
    ];
    for (const [flags, message] of cases) {
      const { status, stdout, stderr } = await runCli([...CREATE, ...flags]);
      const what = flags.join(' ');
      assert.equal(status, 2, what);
      assert.equal(stdout, '', `${what}: nothing on stdout`);
      assert.ok(isOneErrorLine(stderr), `${what}: one line on stderr, no QR code: ${stderr}`);
      assert.match(stderr, message);
      assert.equal(stderr.match(/\bE[A-Z]{2,}\b/g)?.length, 1, `${what}: the error code once: ${stderr}`);
      assert.match(stderr, /--png/, `${what}: names the flag`);
      assert.equal(existsSync(svg), false, `${what}: the other image was not left behind`);
      assertNoLeftovers(dir, []);
    }
  }),
);

test(
  'item 14: a directory in the way of a --svg leaves the earlier --png path untouched',
  withDir(async (dir) => {
    const png = join(dir, 'qr.png');
    writeFileSync(png, 'old', { mode: 0o644 });
    mkdirSync(join(dir, 'qr.svg'));
    const { status, stdout, stderr } = await runCli([...CREATE, '--png', png, '--svg', join(dir, 'qr.svg')]);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.ok(isOneErrorLine(stderr), stderr);
    assert.match(stderr, /--svg/);
    assert.equal(readFileSync(png, 'utf8'), 'old', 'the --png file was not replaced');
    assertNoLeftovers(dir, ['qr.png', 'qr.svg']);
  }),
);
