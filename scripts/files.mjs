// Walking source folders, for the scripts in this folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
