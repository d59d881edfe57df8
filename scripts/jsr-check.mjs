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
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './entries.mjs';
import { rewrite } from './ts-imports.mjs';
import { tsFiles } from './files.mjs';

const RUNTIMES = join(ROOT, 'test', 'runtimes');
const NM = join(RUNTIMES, 'node_modules');

function findDeno() {
  const candidates = [
    process.env.DENO_PATH,
    join(NM, '@deno', `${process.platform}-${process.arch}-glibc`, 'deno'),
    join(NM, '@deno', `${process.platform}-${process.arch}`, 'deno'),
    join(NM, 'deno', 'deno'),
  ];
  return candidates.find((path) => path && existsSync(path) && statSync(path).size > 1_000_000) ?? null;
}

let deno = findDeno();
if (!deno) {
  console.log('jsr-check: installing Deno (npm ci --prefix test/runtimes)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', RUNTIMES], { stdio: 'inherit' });
  deno = findDeno();
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
