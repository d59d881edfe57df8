// Builds dist/esm (ES modules, .js + .d.ts) and dist/cjs (CommonJS, .cjs + .d.cts) with tsc.
// tsc cannot emit .cjs/.d.cts from .ts sources that are ESM, so the CommonJS build is emitted as .js/.d.ts into
// a scratch folder and renamed here, with relative specifiers rewritten to match ('./base32.js' -> './base32.cjs').
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
rmSync(join(root, 'dist'), { recursive: true, force: true });

execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.cjs.json')], { stdio: 'inherit' });

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const relativeJs = /((?:from|import|require)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.js(['"])/g;
const cjsDir = join(root, 'dist', 'cjs');
for (const path of [...walk(cjsDir)]) {
  let target;
  if (path.endsWith('.d.ts')) target = path.slice(0, -'.d.ts'.length) + '.d.cts';
  else if (path.endsWith('.js')) target = path.slice(0, -'.js'.length) + '.cjs';
  else continue;
  const text = readFileSync(path, 'utf8').replace(relativeJs, '$1$2.cjs$3');
  writeFileSync(path, text);
  renameSync(path, target);
}
// The CommonJS build has no CLI: the bin is the ESM one.
for (const name of ['cli.cjs', 'cli.d.cts']) rmSync(join(cjsDir, name), { force: true });

const cli = join(root, 'dist', 'esm', 'cli.js');
try {
  chmodSync(cli, 0o755);
} catch {
  // no CLI built yet
}
mkdirSync(join(root, 'dist'), { recursive: true });
