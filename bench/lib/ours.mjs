// Loads our built package (dist/esm) and the peers' versions, and says why a job cannot run yet.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const distUrl = new URL('../../dist/esm/', import.meta.url);

const loaded = new Map();
/** Forgets modules that were missing or failed to load, so a retry after a concurrent rebuild sees them. */
export function forgetMissing() {
  for (const [k, v] of loaded) if (v === null || v?.__error) loaded.delete(k);
}
async function load(entry) {
  if (!loaded.has(entry)) {
    const url = new URL(entry, distUrl);
    loaded.set(entry, existsSync(url) ? await import(url.href).catch((error) => ({ __error: error })) : null);
  }
  return loaded.get(entry);
}

/**
 * Our exports a job needs: `needs` is a list of [entry, exportName, sourceFile]. Returns { mod: {entry: module} }
 * (plus `notes` when a name had to be taken from its own module because the entry does not export it yet), or
 * { skip: reason } while another engineer is still writing the source file, or { fail: reason } when the
 * build does not provide the name at all. So once the project is complete, no job skips. BENCH_STRICT=1 (or
 * --strict) turns every skip, and every use of a module other than the public entry, into a failure.
 */
export async function requireOurs(needs) {
  const mod = {};
  const notes = [];
  const strict = process.env.BENCH_STRICT === '1';
  for (const [entry, name, source] of needs) {
    const m = await load(entry);
    if (m?.__error) return { fail: `dist/esm/${entry} does not load: ${m.__error.message}` };
    if (m && typeof m[name] !== 'undefined') {
      mod[entry] = { ...mod[entry], ...m };
      continue;
    }
    if (source && !existsSync(join(rootDir, source))) {
      const reason = `${source} is not written yet (needs ${name})`;
      return strict ? { fail: `${reason} (strict)` } : { skip: reason };
    }
    // The module exists but the public entry does not re-export the name (yet): use the module itself.
    const own = source ? source.replace(/^src\//, '').replace(/\.ts$/, '.js') : undefined;
    const m2 = own ? await load(own) : undefined;
    if (m2?.__error) return { fail: `dist/esm/${own} does not load: ${m2.__error.message}` };
    if (m2 && typeof m2[name] !== 'undefined') {
      const note = `${name} taken from dist/esm/${own}: dist/esm/${entry} does not export it`;
      if (strict) return { fail: `${note} (strict)` };
      notes.push(note);
      mod[entry] = { ...mod[entry], [name]: m2[name] };
      continue;
    }
    const where = own && own !== entry ? `dist/esm/${entry} and dist/esm/${own} do not` : `dist/esm/${entry} does not`;
    return { fail: `${where} export ${name} (npm run build?)` };
  }
  return { mod, notes };
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

/** When dist/esm/index.js was written: the build measured, since the work tree moves under a long run. */
export function distBuiltAt() {
  try {
    return statSync(join(rootDir, 'dist', 'esm', 'index.js')).mtime.toISOString();
  } catch {
    return undefined;
  }
}

export function ourVersion() {
  const v = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: rootDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {}
  return commit ? `${v}+${commit}` : v;
}
