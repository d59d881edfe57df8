// Builds the library, packs it with `npm pack` exactly as it would be published, and installs the tarball into a
// fresh consumer folder, so every runtime imports what a user would get from the registry (the `files` list, the
// exports map, dist/) and nothing from src/ or the repo's own node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * @param {{ build?: boolean, log?: (line: string) => void }} [options]
 * @returns {{ dir: string, tarball: string, pkgDir: string, version: string, cleanup(): void }}
 */
export function packAndInstall({ build = true, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'totp-config-consumer-'));
  try {
    if (build) {
      log('building (npm run build)');
      execFileSync(npm, ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    log('packing (npm pack)');
    const packed = JSON.parse(
      execFileSync(npm, ['pack', '--json', '--pack-destination', dir], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const tarball = join(dir, packed[0].filename);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'totp-config-consumer', private: true }, null, 2));
    log(`installing ${packed[0].filename} into ${dir}`);
    // The library has no dependencies, so the install needs no registry at all.
    execFileSync(
      npm,
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball],
      {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const pkgDir = join(dir, 'node_modules', 'totp-config');
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    // Every file the exports map names must be in the tarball (dist/ can vanish under a concurrent rebuild).
    const targets = JSON.stringify(pkg.exports).match(/"\.\/dist\/[^"]+"/g) ?? [];
    const missing = targets.map((t) => JSON.parse(t)).filter((t) => !existsSync(join(pkgDir, t)));
    if (targets.length === 0 || missing.length > 0) {
      throw new Error(
        `the packed package lacks files its exports map names: ${missing.join(', ') || '(no dist/ targets)'}`,
      );
    }
    const { version } = pkg;
    return { dir, tarball, pkgDir, version, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
