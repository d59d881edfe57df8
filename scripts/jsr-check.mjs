// `deno publish --dry-run` for JSR (jsr.json): type-checks the published sources with Deno's TypeScript, checks
// the public API for slow types, and lists the files that would be published. Run by .ci/run.
//
// Deno comes from test/runtimes' own package.json (npm package `deno`, pinned), installed here when missing, or
// from $DENO_PATH. While src/ still imports `./x.js`, Deno resolves those with --sloppy-imports (and rewrites them
// to `.ts` in the published files); after `node scripts/ts-imports.mjs` the flag is no longer passed.
//
// Deno type errors listed under "deno-type-errors" in scripts/source-allowlist.json ("src/file.ts TS1234") are
// reported without failing, and the dry run is then finished with --no-check; a listed error that no longer
// occurs fails, so the list only shrinks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './entries.mjs';
import { rewrite } from './ts-imports.mjs';
import { tsFiles } from './files.mjs';
import { findBinary, installRuntimes } from '../test/runtimes/binaries.mjs';

let deno = findBinary('deno');
if (!deno) {
  installRuntimes('jsr-check: installing Deno (npm ci --prefix test/runtimes)');
  deno = findBinary('deno');
  if (!deno) {
    console.error('jsr-check: no deno binary after installing test/runtimes (npm package deno / @deno/*)');
    process.exit(1);
  }
}

const sloppy = tsFiles(join(ROOT, 'src')).some((path) => rewrite(path, readFileSync(path, 'utf8')).changes.length > 0);
const allowlist = JSON.parse(readFileSync(join(ROOT, 'scripts', 'source-allowlist.json'), 'utf8'));
const allowed = new Set(allowlist['deno-type-errors'] ?? []);
const denoDir = mkdtempSync(join(tmpdir(), 'totp-config-deno-'));
const env = { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };

function publish(extra) {
  const args = ['publish', '--dry-run', '--allow-dirty', ...(sloppy ? ['--sloppy-imports'] : []), ...extra];
  const result = spawnSync(deno, args, { cwd: ROOT, env, encoding: 'utf8' });
  return { args, status: result.status, output: `${result.stdout}${result.stderr}` };
}

try {
  const version = spawnSync(deno, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  console.log(`jsr-check: ${version}${sloppy ? '; src/ imports ./x.js, so --sloppy-imports' : ''}`);
  let result = publish([]);
  const known = [];
  if (result.status !== 0) {
    // "TS2345 [ERROR]: …" then, a few lines on, "at file:///…/src/random.ts:44:28".
    const errors = [
      ...result.output.matchAll(/^(TS\d+) \[ERROR\]:[\s\S]*?\n\s+at file:\/\/\S*?\/(src\/[^:\s]+):(\d+)/gm),
    ];
    const ids = errors.map((m) => `${m[2]} ${m[1]}`);
    if (ids.length > 0 && ids.every((id) => allowed.has(id))) {
      known.push(...errors.map((m) => `${m[2]}:${m[3]} ${m[1]}`));
      result = publish(['--no-check']);
    }
  }
  console.log(result.output.trimEnd().replace(/^/gm, '  '));
  for (const line of known) console.log(`known (allow-listed) Deno type error: ${line}`);
  const seen = new Set(known.map((k) => k.replace(/:\d+ /, ' ')));
  const stale = [...allowed].filter((id) => !seen.has(id));
  for (const id of stale)
    console.error(`jsr-check: ${id} no longer occurs: delete it from scripts/source-allowlist.json`);
  const ok = result.status === 0 && stale.length === 0;
  console.log(`jsr-check: deno ${result.args.join(' ')}: ${ok ? 'ok' : 'FAILED'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(denoDir, { recursive: true, force: true });
}
