/**
 * Writing files that hold a secret (QR images of an otpauth URI).
 *
 * Whatever is at the path, the result is a new regular file that only its owner can read (mode 600, whatever the
 * umask), and no symlink is ever followed: each file is written to a temporary name in the same folder, created
 * exclusively (`O_CREAT | O_EXCL`, which refuses an existing name, a symlink included), set to mode 600, and then
 * renamed over the path. A rename replaces a symlink itself, never its target, and an existing file's mode and
 * owner go with it. Replacing an existing file needs no `--force`, as redirecting with `>` would not.
 *
 * All files are written before any is put in place: if one cannot be written, nothing at any path has changed
 * and the temporary files are removed.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file to write, with the flag that named it (for messages: the path itself is never printed). */
export interface PrivateFile {
  readonly flag: string;
  readonly path: string;
  readonly data: string | Uint8Array;
}

/** A file that could not be written: the system's error code, the flag, and the reason in words. */
export class FileError extends Error {
  override name = 'FileError';

  constructor(
    readonly code: string,
    readonly flag: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Node's message without the path: `ENOENT: no such file or directory, open '/x'` → `no such file or directory`. */
function reason(error: NodeJS.ErrnoException): string {
  return /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? 'cannot write the file';
}

function fileError(error: unknown, flag: string): FileError {
  const e = error as NodeJS.ErrnoException;
  return new FileError(typeof e.code === 'string' ? e.code : 'EIO', flag, reason(e));
}

/** Writes `data` to a new file with a random name next to `path`, mode 600; returns that name. */
function writeTemporary(file: PrivateFile): string {
  const temporary = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' is O_WRONLY | O_CREAT | O_EXCL: it fails on any existing name, and so never follows a symlink.
  const fd = openSync(temporary, 'wx', 0o600);
  let complete = false;
  try {
    fchmodSync(fd, 0o600); // the umask may have taken the owner's bits away too
    const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    complete = true;
  } finally {
    closeSync(fd);
    if (!complete) removeQuietly(temporary);
  }
  return temporary;
}

/** A folder at the path would make the rename fail after others were done: refused before anything is written. */
function refuseFolder(path: string): void {
  let folder = false;
  try {
    folder = lstatSync(path).isDirectory();
  } catch {
    // nothing there (or nothing we can see): the write itself will tell
  }
  if (folder) throw Object.assign(new Error('EISDIR: is a folder'), { code: 'EISDIR' });
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Writes every file owner-only, without following symlinks, all or nothing (see the module documentation).
 *
 * @throws {FileError} naming the flag of the first file that could not be written or put in place.
 */
export function writePrivateFiles(files: readonly PrivateFile[]): void {
  const temporaries: string[] = [];
  let current: PrivateFile | undefined;
  try {
    for (const file of files) {
      current = file;
      refuseFolder(file.path);
      temporaries.push(writeTemporary(file));
    }
    for (const [i, file] of files.entries()) {
      current = file;
      renameSync(temporaries[i], file.path);
      temporaries[i] = '';
    }
  } catch (error) {
    for (const temporary of temporaries) if (temporary !== '') removeQuietly(temporary);
    throw fileError(error, current?.flag ?? '');
  }
}
