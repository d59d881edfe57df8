// Walking source folders, and telling a script run from the command line from one imported, for the scripts in
// this folder.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module at `url` (its `import.meta.url`) is the script node was started with, rather than imported
 * (a test imports the scripts for their functions). Compares paths, not URLs: a path with a space is
 * percent-encoded in the URL.
 */
export function isMain(url) {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(url);
}

/** The TypeScript sources under `dir` (not declaration files), in a stable order. */
export function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (/\.[cm]?ts$/.test(name) && !/\.d\.[cm]?ts$/.test(name)) out.push(path);
  }
  return out;
}
