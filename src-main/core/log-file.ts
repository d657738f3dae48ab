import fs from 'node:fs';
import path from 'node:path';
import { fsReason } from './fs-reason.ts';
import { err, ok, type Result } from './result.ts';

export interface LogFileError {
  readonly kind: 'log-file-unwritable';
  readonly file: string;
  /** The operating system's reason, e.g. `EACCES: permission denied`. */
  readonly reason: string;
}

export interface LogDestination {
  write(line: string): void;
}

interface Fallback {
  write(text: string): unknown;
}

/**
 * The log file as a pino destination. It is opened synchronously, so an unwritable file is known before
 * the program says it is ready, and lines are written synchronously, so nothing is pending at exit (an
 * asynchronously opened destination throws "sonic boom is not ready yet" when the process exits early).
 * A write that fails later (disk full, the file's folder removed) does not stop the program: that line
 * and all later ones go to `fallback` (stderr), announced by one warning.
 */
export function openLogDestination(file: string, fallback: Fallback = process.stderr): Result<LogDestination, LogFileError> {
  let fd: number | undefined;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fd = fs.openSync(file, 'a', 0o600);
  } catch (e) {
    return err({ kind: 'log-file-unwritable', file, reason: fsReason(e) });
  }
  return ok({
    write(line) {
      if (fd === undefined) {
        fallback.write(line);
        return;
      }
      try {
        writeAll(fd, line);
      } catch (e) {
        try {
          fs.closeSync(fd);
        } catch {
          // The descriptor is abandoned either way.
        }
        fd = undefined;
        fallback.write(`warning: cannot write the log file ${file} (${fsReason(e)}); logging to stderr from now on. Free disk space or fix the file's permissions, then restart.\n`);
        fallback.write(line);
      }
    },
  });
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
}
