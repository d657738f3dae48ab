import fs from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import { err, ok } from '#core/result';
import { readFileNoFollow, writeFileAtomic } from '#core/secure-file';
import type { SecretStore } from '#engine/secrets';
import { keyringRefusal } from './keyring.ts';

export const ENCRYPTED_KEY_FILE = 'openalgo-api-key.enc';

/**
 * The API key encrypted with the OS keychain (Keychain, DPAPI, libsecret) through Electron's
 * safeStorage. Where no keychain protects it (none at all, or Linux's "basic_text" fallback) the key is
 * refused rather than stored as good as clear (keyring.ts).
 */
export function safeStorageSecrets(dataDir: string): SecretStore {
  const file = path.join(dataDir, ENCRYPTED_KEY_FILE);
  return {
    description: 'encrypted with your OS keychain',
    async readApiKey() {
      const read = readFileNoFollow(file);
      if (!read.ok) return read.error.kind === 'not-found' ? ok(undefined) : err({ kind: 'secret-store', message: read.error.message });
      const data = read.value.data;
      try {
        return ok(safeStorage.decryptString(data));
      } catch {
        return err({ kind: 'secret-store', message: 'the saved API key cannot be decrypted (keychain changed?): save it again' });
      }
    },
    async writeApiKey(apiKey) {
      const refusal = keyringRefusal(safeStorage);
      if (refusal) return err({ kind: 'secret-store', message: refusal });
      try {
        await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
      } catch (e) {
        return err({ kind: 'secret-store', message: `cannot create ${dataDir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      }
      const written = writeFileAtomic(file, safeStorage.encryptString(apiKey));
      return written.ok ? ok(undefined) : err({ kind: 'secret-store', message: written.error.message });
    },
  };
}
