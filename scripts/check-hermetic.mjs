// `npm run test:hermetic`: `npm test` needs nothing beyond the root `npm ci`. Runs it with npm offline and its
// registry pointed at a closed port (any install or registry request fails at once), then checks that no
// second install happened: no node_modules folder appeared below the root (bench/, test/runtimes/, examples/).
// .ci/run runs it right after `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './entries.mjs';

/** node_modules folders below the root's own, up to three levels down. */
function nestedNodeModules(dir = ROOT, depth = 0, out = []) {
  if (depth > 3) return out;
  for (const name of readdirSync(dir)) {
    if (name === '.git' || (dir === ROOT && (name === 'node_modules' || name === 'dist'))) continue;
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (name === 'node_modules') out.push(relative(ROOT, path));
    else nestedNodeModules(path, depth + 1, out);
  }
  return out;
}

if (!existsSync(join(ROOT, 'node_modules'))) {
  console.error('test:hermetic: run `npm ci` first');
  process.exit(1);
}
const before = new Set(nestedNodeModules());
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};
console.log('test:hermetic: npm test, offline (npm_config_offline=true, registry http://127.0.0.1:9/)');
const result = spawnSync(npm, ['test'], { cwd: ROOT, env, stdio: 'inherit' });
const appeared = nestedNodeModules().filter((path) => !before.has(path));
for (const path of appeared) console.error(`test:hermetic: npm test installed something: ${path} appeared`);
const ok = result.status === 0 && appeared.length === 0;
console.log(
  `test:hermetic: ${ok ? 'ok' : 'FAILED'} (npm test exit ${result.status}, ${appeared.length} new node_modules)`,
);
process.exit(ok ? 0 : 1);
