// The README is also the package's page on npm and JSR, where relative links and images break: every link and
// image must be absolute (or an #anchor of a heading that exists). The examples in it are run by
// doc-examples.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/entries.mjs';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
// Links and images outside code: drop fenced blocks and inline code first.
const prose = readme.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
const targets = [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

test('every link and image in the README is absolute (it must work on a registry page)', () => {
  assert.ok(targets.length > 5);
  const relative = targets.filter((t) => !/^(https:\/\/|mailto:|#)/.test(t));
  assert.deepEqual(relative, [], 'use https://github.com/totp-config/totp-config/… for files in the repository');
});

test('every #anchor in the README names a heading', () => {
  const anchors = new Set(
    [...readme.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1].trim())),
  );
  const broken = targets.filter((t) => t.startsWith('#') && !anchors.has(t.slice(1)));
  assert.deepEqual(broken, []);
});
