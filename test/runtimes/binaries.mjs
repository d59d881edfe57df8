// The runtimes of this folder's own package.json (bun, deno, playwright-core, pinned): installing them, and finding
// the bun and deno binaries. Used by run.mjs and by scripts/jsr-check.mjs (which needs Deno).
//
// `npm ci --ignore-scripts`: the bun and deno packages' postinstall scripts only move the binary out of their
// platform package (@oven/bun-linux-x64, @deno/linux-x64-glibc), so we call it where it is shipped.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This folder. */
export const RUNTIMES_DIR = dirname(fileURLToPath(import.meta.url));
const NM = join(RUNTIMES_DIR, 'node_modules');
const cpu = process.arch === 'arm64' ? 'aarch64' : process.arch;

/** `npm ci --ignore-scripts` in this folder, printing `message` first. */
export function installRuntimes(message) {
  console.log(message);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', RUNTIMES_DIR], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const isBinary = (path) => existsSync(path) && statSync(path).isFile() && statSync(path).size > 1_000_000;

/**
 * The path of `bun` or `deno`: $BUN_PATH / $DENO_PATH, else where the npm packages ship the binary (the platform
 * package, or the main one after a postinstall ran); null if none is there.
 */
export function findBinary(name) {
  const candidates =
    name === 'bun'
      ? [
          process.env.BUN_PATH,
          join(NM, '@oven', `bun-${process.platform}-${cpu}`, 'bin', 'bun'),
          join(NM, '@oven', `bun-${process.platform}-${cpu}-musl`, 'bin', 'bun'),
          join(NM, 'bun', 'bin', 'bun.exe'),
        ]
      : [
          process.env.DENO_PATH,
          join(NM, '@deno', `${process.platform}-${process.arch}-glibc`, 'deno'),
          join(NM, '@deno', `${process.platform}-${process.arch}`, 'deno'),
          join(NM, 'deno', 'deno'),
        ];
  return candidates.find((path) => path && isBinary(path)) ?? null;
}
