// Issue 9, item 1: the modules of src/ form one-way layers. A module may import from its own layer and the layers
// below it, never from one above: a primitive (HMAC, codes, secrets, randomness) never needs a format (URIs,
// migration payloads), and nothing in the library needs the CLI. Every module must be placed in a layer here, so
// that a new one is placed on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsFiles } from '../scripts/files.mjs';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const SOURCES: string[] = tsFiles(SRC);

/** Lowest first. A pattern is a path below src/ (without `.ts`) or a folder ending in `/`. */
const LAYERS: ReadonlyArray<[name: string, modules: readonly string[]]> = [
  ['foundation: parameters and errors', ['params', 'errors']],
  [
    'internal helpers',
    [
      'internal/assert',
      'internal/constant-time',
      'internal/base64',
      'internal/sha1',
      'internal/sha2',
      'internal/sha256',
      'internal/sha512',
      'internal/hash',
      'internal/protobuf',
      'internal/warnings',
      'internal/label',
      'internal/app-support',
    ],
  ],
  [
    'primitives: codecs, randomness, HMAC, codes',
    ['base32', 'random', 'hmac', 'secret', 'otp', 'internal/assert-otp', 'qr/'],
  ],
  ['formats: otpauth URIs and migration payloads', ['uri', 'parse', 'internal/names', 'migration']],
  [
    'features: enrollment, recovery codes, throttling, app compatibility',
    ['configuration', 'recovery', 'throttle', 'compat'],
  ],
  ['entry points', ['index', 'qr']],
  ['the command line', ['cli', 'cli/']],
];

/** `qr/png` for src/qr/png.ts. */
const moduleName = (path: string): string => relative(SRC, path).replace(/\.ts$/, '');

function layerOf(module: string): number {
  return LAYERS.findIndex(([, modules]) =>
    modules.some((pattern) => (pattern.endsWith('/') ? module.startsWith(pattern) : module === pattern)),
  );
}

/** The modules of src/ that `path` imports (statically or with `import()`), by module name. */
function importsOf(path: string): string[] {
  const code = readFileSync(path, 'utf8');
  const specifiers = [...code.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.map((specifier) => moduleName(normalize(join(dirname(path), specifier)).replace(/\.js$/, '.ts')));
}

test('every module of src/ is placed in a layer', () => {
  const unplaced = SOURCES.map(moduleName).filter((module) => layerOf(module) < 0);
  assert.deepEqual(unplaced, [], 'place these in LAYERS');
});

test('imports point down the layers, never up', () => {
  const upward: string[] = [];
  let edges = 0;
  for (const path of SOURCES) {
    const from = moduleName(path);
    for (const to of importsOf(path)) {
      edges++;
      if (layerOf(to) > layerOf(from)) {
        upward.push(`${from} (${LAYERS[layerOf(from)][0]}) imports ${to} (${LAYERS[layerOf(to)][0]})`);
      }
    }
  }
  assert.ok(edges > 100, `${edges} imports read`);
  assert.deepEqual(upward, []);
});

test('the primitives named by issue 9 never import a format', () => {
  for (const primitive of ['hmac', 'otp', 'secret', 'random']) {
    const imports = importsOf(join(SRC, `${primitive}.ts`));
    for (const format of ['uri', 'parse', 'migration'])
      assert.ok(!imports.includes(format), `${primitive} imports ${format}`);
  }
});

test('control: an upward import is caught', () => {
  // otp (a primitive) importing uri (a format) is the kind of edge the restructure removed.
  assert.ok(layerOf('uri') > layerOf('otp'));
  assert.ok(layerOf('cli/create') > layerOf('index'));
});
