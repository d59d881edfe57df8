// The library must run in every modern runtime: src/ (the CLI aside) may use only globalThis.crypto,
// TextEncoder/TextDecoder and typed arrays. Secrets come from crypto.getRandomValues and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsFiles } from '../scripts/files.mjs';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

// The CLI (src/cli.ts and src/cli/) runs only in Node.
const files = (tsFiles(SRC) as string[]).filter((path) => !/^cli(\.ts$|\/)/.test(relative(SRC, path)));

test('no node: imports, require, Buffer or process in the library', () => {
  assert.ok(files.length > 10);
  for (const file of files) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention them
    const name = relative(SRC, file);
    assert.doesNotMatch(code, /from\s+['"]node:|import\(\s*['"]node:|require\(/, `${name} imports a Node module`);
    assert.doesNotMatch(code, /\bBuffer\b|\bprocess\./, `${name} uses a Node global`);
  }
});

test('CSPRNG only: no Math.random, and getRandomValues is reached only from random.ts', () => {
  for (const file of files) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const name = relative(SRC, file);
    assert.doesNotMatch(code, /Math\.random/, `${name} uses Math.random`);
    if (name !== 'random.ts') assert.doesNotMatch(code, /getRandomValues/, `${name} calls getRandomValues directly`);
  }
});

test('the main entry never pulls in the QR encoder', () => {
  for (const file of files.filter((f) => !relative(SRC, f).startsWith('qr'))) {
    assert.doesNotMatch(readFileSync(file, 'utf8'), /from\s+['"]\.\.?\/(qr|qr\/)/, relative(SRC, file));
  }
});
