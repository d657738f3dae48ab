import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { err, ok, type Result } from '#core/result';
import { readFileNoFollow, removeStaleTemps, writeFileAtomic, type FileError } from '#core/secure-file';

/**
 * The OpenAlgo API key for headless mode, kept in a file only its owner can read (0600). Saved
 * atomically (a crash leaves the old or the new key, never an empty or mixed file), one save at a
 * time, never through a symbolic link. Errors name the file, never its content.
 */
export interface ApiKeyFileError {
  readonly kind: 'not-found' | 'insecure' | 'invalid' | 'io';
  readonly message: string;
}

const isWindows = process.platform === 'win32';

function validKey(key: string): boolean {
  return key.length > 0 && key.length <= 256 && !/\s/.test(key);
}

function fromFileError(path: string, verb: 'read' | 'write', e: FileError, what: string): ApiKeyFileError {
  if (e.kind === 'not-found') return { kind: 'not-found', message: `no ${what} file at ${path}` };
  if (e.kind === 'symlink') return { kind: 'insecure', message: `the ${what} file ${path} is a symbolic link; refusing to ${verb} through it: replace it with the file itself` };
  if (e.kind === 'not-a-file') return { kind: 'invalid', message: `the ${what} file ${path} is not a regular file` };
  return { kind: 'io', message: `cannot ${verb} the ${what} file ${path}: ${e.code}` };
}

// The work is synchronous inside the async signature: two saves in one process run one after the
// other in call order, so the last save wins and nothing interleaves.
export async function writeApiKeyFile(path: string, apiKey: string): Promise<Result<void, ApiKeyFileError>> {
  const key = apiKey.trim();
  if (!validKey(key)) return err({ kind: 'invalid', message: 'the API key must be 1–256 characters without spaces' });
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  } catch (e) {
    return err({ kind: 'io', message: `cannot create the folder of the API key file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
  }
  removeStaleTemps(path);
  const written = writeFileAtomic(path, `${key}\n`, 0o600);
  return written.ok ? ok(undefined) : err(fromFileError(path, 'write', written.error, 'API key'));
}

/** `what` names the secret in messages: the same kind of file keeps the Telegram bot token. */
export async function readApiKeyFile(path: string, what = 'API key'): Promise<Result<string, ApiKeyFileError>> {
  const read = readFileNoFollow(path);
  if (!read.ok) return err(fromFileError(path, 'read', read.error, what));
  const { stats, data } = read.value;
  if (!isWindows) {
    if ((stats.mode & 0o077) !== 0) return err({ kind: 'insecure', message: `the ${what} file ${path} is readable by others: run chmod 600 ${path}` });
    if (stats.uid !== process.getuid?.()) return err({ kind: 'insecure', message: `the ${what} file ${path} belongs to another user: save the ${what} again as yourself` });
  }
  const key = data.toString('utf8').trim();
  if (!validKey(key)) return err({ kind: 'invalid', message: `the ${what} file ${path} does not hold one ${what}` });
  return ok(key);
}
