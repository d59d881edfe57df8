// `npm run docs`: the API reference from the JSDoc, with TypeDoc (typedoc.config.mjs), into docs/api/.
// Every TypeDoc warning fails the build (an export or a property without a doc comment, a broken {@link}, a
// type that is referenced but not exported), except those listed under "typedoc-warnings" in
// scripts/source-allowlist.json, which are today's and are printed as known; a listed warning that no longer
// occurs fails too, so the list only shrinks.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './entries.mjs';

const typedoc = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
const result = spawnSync(process.execPath, [typedoc, '--treatWarningsAsErrors', 'false', ...process.argv.slice(2)], {
  cwd: ROOT,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
});
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
const output = `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
const allowlist = JSON.parse(readFileSync(join(ROOT, 'scripts', 'source-allowlist.json'), 'utf8'));
const allowed = new Set(allowlist['typedoc-warnings'] ?? []);
const warnings = [...output.matchAll(/^\[warning\] (.*)$/gm)]
  .map((m) => m[1])
  .filter((w) => !/^Found \d+ errors/.test(w));
const errors = [...output.matchAll(/^\[error\] (.*)$/gm)].map((m) => m[1]);
const fresh = warnings.filter((w) => !allowed.has(w));
const stale = [...allowed].filter((w) => !warnings.includes(w));
for (const w of warnings.filter((w) => allowed.has(w))) console.log(`known (allow-listed): ${w}`);
for (const w of fresh) console.error(`docs: warning: ${w}`);
for (const e of errors) console.error(`docs: error: ${e}`);
for (const w of stale) console.error(`docs: no longer warned, delete it from scripts/source-allowlist.json: ${w}`);
const ok = result.status === 0 && fresh.length === 0 && errors.length === 0 && stale.length === 0;
const known = warnings.length - fresh.length;
console.log(`docs: ${ok ? 'docs/api written' : 'FAILED'}; ${fresh.length} new warning(s), ${known} allow-listed`);
process.exit(ok ? 0 : 1);
