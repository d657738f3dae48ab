import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { err, ok, type Result } from '#core/result';

/**
 * The OpenAlgo API key for headless mode, kept in a file only its owner can read (0600). Errors name
 * the file, never its content.
 */
export interface ApiKeyFileError {
  readonly kind: 'not-found' | 'insecure' | 'invalid' | 'io';
  readonly message: string;
}

export async function writeApiKeyFile(path: string, apiKey: string): Promise<Result<void, ApiKeyFileError>> {
  const key = apiKey.trim();
  if (key.length === 0 || key.length > 256 || /\s/.test(key)) return err({ kind: 'invalid', message: 'the API key must be 1–256 characters without spaces' });
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, `${key}\n`, { mode: 0o600 });
    await chmod(path, 0o600);
    return ok(undefined);
  } catch (e) {
    return err({ kind: 'io', message: `cannot write the API key file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
  }
}

export async function readApiKeyFile(path: string): Promise<Result<string, ApiKeyFileError>> {
  try {
    const s = await stat(path);
    if (process.platform !== 'win32' && (s.mode & 0o077) !== 0) {
      return err({ kind: 'insecure', message: `the API key file ${path} is readable by others: run chmod 600 ${path}` });
    }
    const key = (await readFile(path, 'utf8')).trim();
    if (key.length === 0 || key.length > 256 || /\s/.test(key)) return err({ kind: 'invalid', message: `the API key file ${path} does not hold one key` });
    return ok(key);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err({ kind: 'not-found', message: `no API key file at ${path}` });
    return err({ kind: 'io', message: `cannot read the API key file ${path}: ${code ?? 'error'}` });
  }
}
