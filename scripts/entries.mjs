// The package's entry points: the one list to edit when an entry is added (`totp-config/migration` is one more
// name below). Everything that names the entries is derived from this list:
//   - package.json `exports`, `main`/`module`/`types` and `files`,
//   - the node10 stub folders (`qr/package.json` …, for TypeScript's old `moduleResolution: node10`),
//   - jsr.json `exports` (and its `version`, which is package.json's),
// which `node scripts/entries.mjs` (npm run entries) writes and `node scripts/entries.mjs --check` (run by
// test/entries.test.ts) compares; and, read at run time, the TypeDoc entry points, the doc-example test, the pack
// test and the runtimes suite.
//
// Each name `x` is the subpath `totp-config/x` built from `src/x.ts`; 'index' is the package root.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './files.mjs';

/** The entry points, in the order they are listed in package.json. */
export const ENTRIES = ['index', 'qr', 'compat', 'migration'];

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `'index'` → `'.'`, `'qr'` → `'./qr'`: the subpath in the exports map. */
export const subpath = (name) => (name === 'index' ? '.' : `./${name}`);

/** `'index'` → `'totp-config'`, `'qr'` → `'totp-config/qr'`: what users import. */
export const specifier = (name) => (name === 'index' ? 'totp-config' : `totp-config/${name}`);

/** The TypeScript source of an entry, relative to the root. */
export const source = (name) => `src/${name}.ts`;

/** The built files of an entry, relative to the root. */
export const built = (name) => ({
  esm: `dist/esm/${name}.js`,
  esmTypes: `dist/esm/${name}.d.ts`,
  cjs: `dist/cjs/${name}.js`,
  cjsTypes: `dist/cjs/${name}.d.ts`,
});

/**
 * The package.json fields derived from the list. The `types` condition comes first in each branch, and each
 * branch has its own declarations (ESM `.d.ts` beside the ESM build, CommonJS `.d.ts` beside the CommonJS build,
 * which dist/cjs/package.json marks as CommonJS), so that TypeScript sees the format Node will load.
 */
export function packageFields(entries = ENTRIES) {
  const exports = {};
  for (const name of entries) {
    const b = built(name);
    exports[subpath(name)] = {
      import: { types: `./${b.esmTypes}`, default: `./${b.esm}` },
      require: { types: `./${b.cjsTypes}`, default: `./${b.cjs}` },
    };
  }
  exports['./package.json'] = './package.json';
  const index = built('index');
  return {
    main: `./${index.cjs}`,
    module: `./${index.esm}`,
    types: `./${index.cjsTypes}`,
    exports,
    files: [
      'dist',
      '!dist/**/*.map',
      ...entries.filter((name) => name !== 'index').map((name) => `${name}/package.json`),
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
    ],
  };
}

/**
 * The stub `<name>/package.json` of a subpath entry. Only resolvers that ignore `exports` read it (TypeScript's
 * `moduleResolution: node10`, old bundlers); Node and modern tools use the exports map.
 */
export function stubPackage(name) {
  const b = built(name);
  return { private: true, main: `../${b.cjs}`, module: `../${b.esm}`, types: `../${b.cjsTypes}`, sideEffects: false };
}

/** jsr.json `exports`: JSR publishes the TypeScript sources. */
export function jsrExports(entries = ENTRIES) {
  return Object.fromEntries(entries.map((name) => [subpath(name), `./${source(name)}`]));
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** Every file derived from the list, as [path relative to the root, expected text]. */
export function derivedFiles(entries = ENTRIES) {
  const files = [];
  const pkgPath = 'package.json';
  const pkg = JSON.parse(readFileSync(join(ROOT, pkgPath), 'utf8'));
  const fields = packageFields(entries);
  // Keep the key order of package.json; the derived fields replace their old values in place.
  files.push([
    pkgPath,
    json(Object.fromEntries(Object.keys({ ...pkg, ...fields }).map((k) => [k, fields[k] ?? pkg[k]]))),
  ]);
  for (const name of entries) if (name !== 'index') files.push([`${name}/package.json`, json(stubPackage(name))]);
  const jsrPath = 'jsr.json';
  if (existsSync(join(ROOT, jsrPath))) {
    const jsr = JSON.parse(readFileSync(join(ROOT, jsrPath), 'utf8'));
    // JSR publishes the same version as npm.
    files.push([jsrPath, json({ ...jsr, version: pkg.version, exports: jsrExports(entries) })]);
  }
  return files;
}

/** The derived files that differ from what is on disk, with the reason. */
export function staleFiles(entries = ENTRIES) {
  const stale = [];
  for (const [path, text] of derivedFiles(entries)) {
    const full = join(ROOT, path);
    if (!existsSync(full)) stale.push(`${path}: missing`);
    else if (readFileSync(full, 'utf8') !== text) stale.push(`${path}: differs from what scripts/entries.mjs derives`);
  }
  for (const name of entries) if (!existsSync(join(ROOT, source(name)))) stale.push(`${source(name)}: no such source`);
  return stale;
}

if (isMain(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    for (const line of stale) console.error(`entries: ${line}`);
    if (stale.length > 0) {
      console.error('entries: run `npm run entries` to write them from the list in scripts/entries.mjs');
      process.exit(1);
    }
    console.log(`entries: ${ENTRIES.map(specifier).join(', ')}: package.json, stubs and jsr.json up to date`);
  } else {
    for (const [path, text] of derivedFiles()) {
      const full = join(ROOT, path);
      if (existsSync(full) && readFileSync(full, 'utf8') === text) continue;
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      console.log(`entries: wrote ${path}`);
    }
  }
}
