// The shared vectors folder (../shared/vectors beside the repository, or beside its worktree folder): corpora from
// outside, read at test time and never copied into the repository. A test that needs them skips, with the reason
// printed, when the folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder, or `undefined`: `$TOTP_SHARED_VECTORS`, `../shared/vectors`, `../../shared/vectors`. */
export function vectorsFolder(): string | undefined {
  const candidates = [
    process.env.TOTP_SHARED_VECTORS,
    join(ROOT, '..', 'shared', 'vectors'),
    join(ROOT, '..', '..', 'shared', 'vectors'),
  ];
  return candidates.find((path): path is string => path !== undefined && existsSync(join(path, 'wild-uris.json')));
}

/** Reads `name` from the vectors folder, or skips the test (printing why) and returns `undefined`. */
export function readVectors<T>(t: TestContext, name: string): T | undefined {
  const folder = vectorsFolder();
  const path = folder === undefined ? undefined : join(folder, name);
  if (path === undefined || !existsSync(path)) {
    const reason = `../shared/vectors/${name} is not there (the shared corpora live beside the repository)`;
    console.log(`# skipped: ${reason}`);
    t.skip(reason);
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
