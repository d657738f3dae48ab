import fs from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from './result.ts';

/**
 * Files in the data folder that must survive a crash and must not be redirected: writes go to a
 * temporary file in the same folder, are flushed to disk, then renamed over the target (a reader
 * sees the old or the new content, never a mix or an empty file); neither reads nor writes follow
 * a symbolic link. Synchronous on purpose: two saves in one process cannot interleave.
 */
export interface FileError {
  readonly kind: 'not-found' | 'symlink' | 'not-a-file' | 'io';
  /** The errno code (`EACCES`, `ELOOP`, …) or our own reason. */
  readonly code: string;
  readonly message: string;
}

export interface ReadFile {
  readonly data: Buffer;
  readonly stats: fs.Stats;
}

/** 0 where the platform has no such flag (Windows): there a symlink is caught by the lstat check. */
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const isWindows = process.platform === 'win32';
let tempCounter = 0;

function ioError(file: string, verb: string, e: unknown): FileError {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  if (code === 'ENOENT') return { kind: 'not-found', code, message: `${file} does not exist` };
  if (code === 'ELOOP') return symlinkError(file);
  return { kind: 'io', code, message: `cannot ${verb} ${file}: ${code}` };
}

function symlinkError(file: string): FileError {
  return { kind: 'symlink', code: 'ELOOP', message: `${file} is a symbolic link; the terminal does not follow links in its data folder: replace it with the file itself` };
}

/** A symlink at `file` (checked before the O_NOFOLLOW open, which is the real guard where it exists). */
function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Reads a regular file without following a symlink at its path; the stats are of the opened file. */
export function readFileNoFollow(file: string): Result<ReadFile, FileError> {
  if (isSymlink(file)) return err(symlinkError(file));
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW);
  } catch (e) {
    return err(ioError(file, 'read', e));
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return err({ kind: 'not-a-file', code: 'EISDIR', message: `${file} is not a regular file` });
    return ok({ data: fs.readFileSync(fd), stats });
  } catch (e) {
    return err(ioError(file, 'read', e));
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (isWindows) return;
  const fd = fs.openSync(dir, fs.constants.O_RDONLY);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function tempName(file: string): string {
  tempCounter += 1;
  return `${file}.tmp-${process.pid}-${tempCounter}`;
}

/** Creates the temp file exclusively (never through an existing name or link); a stale one of ours is replaced. */
function createTemp(file: string, mode: number): { fd: number; tmp: string } {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW;
  const tmp = tempName(file);
  try {
    return { fd: fs.openSync(tmp, flags, mode), tmp };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Left by an earlier process that had our pid; nothing else writes names with our pid.
    fs.unlinkSync(tmp);
    return { fd: fs.openSync(tmp, flags, mode), tmp };
  }
}

/**
 * Replaces `file` with `data` atomically and durably, with exactly `mode` (umask does not widen or
 * narrow it). Refuses when `file` is a symbolic link.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Result<void, FileError> {
  if (isSymlink(file)) return err(symlinkError(file));
  let tmp: string | undefined;
  try {
    const created = createTemp(file, mode);
    tmp = created.tmp;
    try {
      fs.fchmodSync(created.fd, mode);
      fs.writeFileSync(created.fd, data);
      fs.fsyncSync(created.fd);
    } finally {
      fs.closeSync(created.fd);
    }
    fs.renameSync(tmp, file);
    tmp = undefined;
    fsyncDir(path.dirname(file));
    return ok(undefined);
  } catch (e) {
    if (tmp !== undefined) fs.rmSync(tmp, { force: true });
    return err(ioError(file, 'write', e));
  }
}

/**
 * Removes temp files a killed writer left beside `file` (they may hold a secret). A temp file of
 * another process that is still running is an in-flight write and is kept; ours never are, since
 * writes are synchronous.
 */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || (pid !== process.pid && isProcessAlive(pid))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** True when a process with this id exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
