// Makes sure the library this example depends on ("totp-config": "file:../..") is built.
//
// npm links a file: dependency as it is, without building it, and a fresh clone of the repository has no dist/
// (build output is not committed). So `npm install`, `npm start` and `npm test` here run this first: when
// ../../dist is missing or older than ../../src, it installs the library's own dev dependencies (TypeScript)
// if they are missing, then runs the library's `npm run build`. Otherwise it does nothing.
//
// An application that installs totp-config from the npm registry gets the built package and needs none of this.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const built = [join(root, 'dist', 'esm', 'index.js'), join(root, 'dist', 'esm', 'qr.js')];

/** Newest modification time (ms) of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function reason() {
  const missing = built.find((path) => !existsSync(path));
  if (missing) return `${missing} is missing`;
  const builtAt = Math.min(...built.map((path) => statSync(path).mtimeMs));
  if (newest(join(root, 'src')) > builtAt) return 'the library sources are newer than its build';
  return null;
}

/** Runs npm in the library's folder, without the npm_* variables of the npm that is running this script. */
function npm(args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  console.log(`[ensure-library] npm ${args.join(' ')}  (in ${root})`);
  const result = spawnSync('npm', args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[ensure-library] npm ${args.join(' ')} failed in ${root}`);
    process.exit(result.status ?? 1);
  }
}

const why = reason();
if (why) {
  console.log(`[ensure-library] building totp-config: ${why}`);
  if (!existsSync(join(root, 'node_modules', 'typescript'))) npm(['ci', '--no-audit', '--no-fund']);
  npm(['run', 'build']);
}
