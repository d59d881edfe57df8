// Packaging, checked the way a user meets the package: `npm pack`, install the tarball into an empty consumer
// project, then import it (ESM), require it (CJS), type-check TypeScript consumers under moduleResolution node16,
// nodenext and bundler (each as ESM and as CJS where that exists), and run the bin. publint and
// @arethetypeswrong/cli must report no problems for any entry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRIES, built, specifier, subpath } from '../../scripts/entries.mjs';

const entries: string[] = ENTRIES;
const subpaths = entries.filter((name) => name !== 'index');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
let work: string;
let tarball: string;
let consumer: string;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

before(() => {
  if (!existsSync(join(ROOT, 'dist', 'esm', 'index.js')))
    run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], ROOT);
  work = mkdtempSync(join(tmpdir(), 'totp-config-pack-'));
  const out = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], ROOT)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = join(work, out[0].filename);
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball], consumer);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the builds, types, stubs, README, CHANGELOG and LICENSE, and nothing else', () => {
  const listing = run('tar', ['-tzf', tarball], work)
    .split('\n')
    .filter(Boolean)
    .map((p) => p.replace(/^package\//, ''));
  const required = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/esm/cli.js', 'dist/cjs/package.json'];
  for (const name of entries) {
    const b = built(name);
    required.push(b.esm, b.esmTypes, b.cjs, b.cjsTypes);
    if (name !== 'index') required.push(`${name}/package.json`);
  }
  for (const path of required) assert.ok(listing.includes(path), `missing ${path}`);
  const stubs = subpaths.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const allowed = new RegExp(
    `^(package\\.json|README\\.md|CHANGELOG\\.md|LICENSE|(${stubs})/package\\.json|dist/cjs/package\\.json|dist/(esm|cjs)/.+\\.(js|d\\.ts))$`,
  );
  for (const path of listing) assert.match(path, allowed, `unexpected ${path}`);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(manifest.dependencies, undefined, 'no runtime dependencies');
  assert.equal(manifest.sideEffects, false);
});

test('publint reports no problems', () => {
  const result = spawnSync(join(BIN, 'publint'), ['--strict', tarball], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /All good/);
});

test('@arethetypeswrong/cli reports no problems for any entry', () => {
  const result = spawnSync(join(BIN, 'attw'), [tarball, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  const report = JSON.parse(result.stdout) as {
    analysis: { problems: unknown[]; entrypoints: Record<string, unknown> };
  };
  assert.deepEqual(report.analysis.problems, [], JSON.stringify(report.analysis.problems, null, 2));
  assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), [...entries.map(subpath), './package.json'].sort());
  assert.equal(result.status, 0);
});

test('import (ESM) and require (CJS) both work, for both entries', () => {
  writeFileSync(
    join(consumer, 'esm.mjs'),
    `import { generateUserConfiguration, verifyTotp, generateTotp } from 'totp-config';
import { qrSvg } from 'totp-config/qr';
const c = generateUserConfiguration('alice@example.com', 'Example Co');
const ok = verifyTotp(generateTotp(c.secret), c.secret) !== null;
console.log(JSON.stringify({ keys: Object.keys(c), ok, svg: qrSvg(c.otpauth_str).startsWith('<svg') }));`,
  );
  writeFileSync(
    join(consumer, 'cjs.cjs'),
    `const { generateUserConfiguration, verifyTotp, generateTotp } = require('totp-config');
const { qrSvg } = require('totp-config/qr');
const c = generateUserConfiguration('alice@example.com', 'Example Co');
const ok = verifyTotp(generateTotp(c.secret), c.secret) !== null;
console.log(JSON.stringify({ keys: Object.keys(c), ok, svg: qrSvg(c.otpauth_str).startsWith('<svg'),
  file: require.resolve('totp-config') }));`,
  );
  const esm = JSON.parse(run(process.execPath, ['esm.mjs'], consumer));
  assert.deepEqual(esm, { keys: ['otpauth_str', 'secret'], ok: true, svg: true });
  const cjs = JSON.parse(run(process.execPath, ['cjs.cjs'], consumer));
  assert.deepEqual(
    { ...cjs, file: undefined },
    { keys: ['otpauth_str', 'secret'], ok: true, svg: true, file: undefined },
  );
  assert.match(cjs.file, /dist[/\\]cjs[/\\]index\.js$/);
});

test('every entry loads through import and require, with the same exports from both builds', () => {
  const names = JSON.stringify(entries.map(specifier));
  writeFileSync(
    join(consumer, 'entries.cjs'),
    `const out = {};
for (const name of ${names}) out[name] = { file: require.resolve(name), keys: Object.keys(require(name)).sort() };
console.log(JSON.stringify(out));`,
  );
  writeFileSync(
    join(consumer, 'entries.mjs'),
    `const out = {};
for (const name of ${names}) out[name] = { file: import.meta.resolve(name), keys: Object.keys(await import(name)).sort() };
console.log(JSON.stringify(out));`,
  );
  const cjs = JSON.parse(run(process.execPath, ['entries.cjs'], consumer));
  const esm = JSON.parse(run(process.execPath, ['entries.mjs'], consumer));
  for (const name of entries) {
    const b = built(name);
    const id = specifier(name);
    assert.ok(cjs[id].file.endsWith(b.cjs.split('/').join(sep)), `require('${id}') loads ${cjs[id].file}`);
    assert.ok(esm[id].file.endsWith(b.esm), `import '${id}' loads ${esm[id].file}`);
    assert.ok(esm[id].keys.length > 0, `${id} exports something`);
    assert.deepEqual(cjs[id].keys, esm[id].keys, `${id}: the CommonJS and ES module builds export the same names`);
  }
});

test('TypeScript consumers type-check under node16, nodenext and bundler, as ESM and CJS', () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const source = (prefix: string) => `${prefix}
const config: UserConfiguration = generateUserConfiguration('alice@example.com', 'Example Co', { digits: 8 });
const match: TotpMatch | null = verifyTotp('123456', config.secret, { after: 5 });
const svg: string = qrSvg(config.otpauth_str, { level: 'Q' });
// @ts-expect-error digits must be 6, 7 or 8
generateUserConfiguration('a', 'b', { digits: 9 });
export const used = [match, svg];
`;
  const esmImports = `import { generateUserConfiguration, verifyTotp, type UserConfiguration, type TotpMatch } from 'totp-config';
import { qrSvg } from 'totp-config/qr';
${subpaths.map((name, i) => `import * as entry${i} from '${specifier(name)}';`).join('\n')}
export const entries = [${subpaths.map((_, i) => `entry${i}`).join(', ')}];`;
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ['node16-esm', { module: 'node16', moduleResolution: 'node16' }, 'index.mts', esmImports],
    ['node16-cjs', { module: 'node16', moduleResolution: 'node16' }, 'index.cts', esmImports],
    ['nodenext-esm', { module: 'nodenext', moduleResolution: 'nodenext' }, 'index.mts', esmImports],
    ['nodenext-cjs', { module: 'nodenext', moduleResolution: 'nodenext' }, 'index.cts', esmImports],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, 'index.ts', esmImports],
  ];
  for (const [name, options, file, imports] of cases) {
    const dir = join(consumer, 'ts-' + name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), source(imports));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...options,
          strict: true,
          noEmit: true,
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: false,
        },
        files: [file],
      }),
    );
    const result = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: consumer, encoding: 'utf8' });
    assert.equal(result.status, 0, `${name}: ${result.stdout}${result.stderr}`);
  }
});

// Issue 10, item 11: a consumer compiled with exactOptionalPropertyTypes passes parsed URIs straight back as options.
test('a strict consumer (exactOptionalPropertyTypes) formats and verifies what it parsed', () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const dir = join(consumer, 'ts-exact');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.mts'),
    `import { formatOtpauthUri, parseOtpauthUri, verifyHotp, verifyTotp } from 'totp-config';
import { decodeMigration, encodeMigration } from 'totp-config/migration';
const parsed = parseOtpauthUri('otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&issuer=ACME');
const again: string = formatOtpauthUri(parseOtpauthUri(formatOtpauthUri(parsed)));
if (parsed.type === 'totp') verifyTotp('123456', parsed.secret, parsed);
else verifyHotp('123456', parsed.secret, parsed);
const moved = decodeMigration(encodeMigration([parsed])).accounts.map((account) => formatOtpauthUri(account));
// @ts-expect-error an hotp URI needs its counter
formatOtpauthUri({ type: 'hotp', secret: 'JBSWY3DP', account: 'bob' });
export const used = [again, moved];
`,
  );
  const options = { module: 'nodenext', moduleResolution: 'nodenext', strict: true, exactOptionalPropertyTypes: true };
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...options, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [] },
      files: ['index.mts'],
    }),
  );
  const result = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: consumer, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});

test('the bin runs from the installed package', () => {
  const out = run(
    join(consumer, 'node_modules', '.bin', 'totp-config'),
    ['--user', 'alice@example.com', '--issuer', 'Example Co'],
    consumer,
  );
  const config = JSON.parse(out);
  assert.deepEqual(Object.keys(config), ['otpauth_str', 'secret']);
});
