// Loads our built package (dist/esm) and the peers' versions, and says why a job cannot run yet.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const distUrl = new URL('../../dist/esm/', import.meta.url);

const loaded = new Map();
async function load(entry) {
  if (!loaded.has(entry)) {
    const url = new URL(entry, distUrl);
    loaded.set(entry, existsSync(url) ? await import(url.href).catch((error) => ({ __error: error })) : null);
  }
  return loaded.get(entry);
}

/**
 * Our exports a job needs: `needs` is a list of [entry, exportName, sourceFile]. Returns { mod: {entry: module} },
 * or { skip: reason } while another engineer is still writing the source file or has not yet exported the name
 * from the entry's source (src/index.ts, src/qr.ts), or { fail: reason } when the entry's source exports the
 * name but the build does not. So once the project is complete, no job skips. BENCH_STRICT=1 (or --strict)
 * turns every skip into a failure.
 */
export async function requireOurs(needs) {
  const mod = {};
  for (const [entry, name, source] of needs) {
    const m = await load(entry);
    if (m?.__error) return { fail: `dist/esm/${entry} does not load: ${m.__error.message}` };
    if (m && typeof m[name] !== 'undefined') {
      mod[entry] = m;
      continue;
    }
    const entrySource = `src/${entry.replace(/\.js$/, '.ts')}`;
    const skip = (reason) => (process.env.BENCH_STRICT === '1' ? { fail: `${reason} (strict)` } : { skip: reason });
    if (source && !existsSync(join(rootDir, source))) return skip(`${source} is not written yet (needs ${name})`);
    const text = existsSync(join(rootDir, entrySource)) ? readFileSync(join(rootDir, entrySource), 'utf8') : '';
    if (!new RegExp(`\\b${name}\\b`).test(text)) return skip(`${entrySource} does not export ${name} yet`);
    return { fail: `dist/esm/${entry} does not export ${name} although ${entrySource} does (npm run build?)` };
  }
  return { mod };
}

const versions = new Map();
/** Installed version of a bench dependency (aliases such as otplib12 included). */
export function peerVersion(name) {
  if (!versions.has(name)) {
    let v = '?';
    try {
      v = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
    } catch {}
    versions.set(name, v);
  }
  return versions.get(name);
}

export function ourVersion() {
  const v = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  return commit ? `${v}+${commit}` : v;
}
