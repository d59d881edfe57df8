// The entry points are one list (scripts/entries.mjs). Everything derived from it on disk (package.json exports,
// main/module/types and files, the node10 stub folders, jsr.json exports) must match it, so that adding an entry
// is one line there and `npm run entries`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRIES, ROOT, source, staleFiles } from '../scripts/entries.mjs';

test('package.json, the stub folders and jsr.json are derived from the entry list', () => {
  const stale: string[] = staleFiles();
  assert.deepEqual(stale, [], `${stale.join('\n')}\nrun \`npm run entries\` to write them from scripts/entries.mjs`);
});

test('every entry has its source file', () => {
  for (const name of ENTRIES) assert.ok(existsSync(join(ROOT, source(name))), `${source(name)} is missing`);
});
