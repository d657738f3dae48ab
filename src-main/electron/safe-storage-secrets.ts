import fs from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import { err, ok, type Result } from '#core/result';
import { readFileNoFollow, writeFileAtomic } from '#core/secure-file';
import { readSecretFile, removeSecretFile, TELEGRAM_TOKEN_FILE_NAME, type SecretError, type SecretStore } from '#engine/secrets';
import { keyringRefusal } from './keyring.ts';

export const ENCRYPTED_KEY_FILE = 'openalgo-api-key.enc';
export const ENCRYPTED_TELEGRAM_FILE = 'telegram-bot-token.enc';

/** One secret in its own file, encrypted by the OS keychain. */
interface EncryptedSecret {
  read(): Result<string | undefined, SecretError>;
  write(value: string): Promise<Result<void, SecretError>>;
}

function encryptedSecret(dataDir: string, fileName: string, what: string): EncryptedSecret {
  const file = path.join(dataDir, fileName);
  return {
    read() {
      const read = readFileNoFollow(file);
      if (!read.ok) return read.error.kind === 'not-found' ? ok(undefined) : err({ kind: 'secret-store', message: read.error.message });
      try {
        return ok(safeStorage.decryptString(read.value.data));
      } catch {
        return err({ kind: 'secret-store', message: `the saved ${what} cannot be decrypted (keychain changed?): save it again` });
      }
    },
    async write(value) {
      const refusal = keyringRefusal(safeStorage, process.platform, what);
      if (refusal) return err({ kind: 'secret-store', message: refusal });
      try {
        await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
      } catch (e) {
        return err({ kind: 'secret-store', message: `cannot create ${dataDir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      }
      const written = writeFileAtomic(file, safeStorage.encryptString(value));
      return written.ok ? ok(undefined) : err({ kind: 'secret-store', message: written.error.message });
    },
  };
}

/**
 * A Telegram token the user left in the plain 0600 file (how the app kept it before): encrypted into the
 * store and the plain file removed, so it lives where the API key does. Where no keychain can protect it
 * the file is left alone and the token refused with the keyring's reason: a secret as good as clear in
 * the store would be worse than the file the user can see.
 */
async function migratePlainToken(dataDir: string, store: EncryptedSecret): Promise<Result<string | undefined, SecretError>> {
  const plain = path.join(dataDir, TELEGRAM_TOKEN_FILE_NAME);
  const read = await readSecretFile(plain, 'Telegram bot token');
  if (!read.ok || read.value === undefined) return read;
  const written = await store.write(read.value);
  if (!written.ok) return err({ kind: 'secret-store', message: `the Telegram bot token in ${plain} was not moved into the encrypted store: ${written.error.message}` });
  try {
    await fs.unlink(plain);
  } catch (e) {
    return err({ kind: 'secret-store', message: `the Telegram bot token is now encrypted, but ${plain} could not be removed (${(e as NodeJS.ErrnoException).code ?? 'error'}): delete it` });
  }
  return ok(read.value);
}

/**
 * The API key and the Telegram token encrypted with the OS keychain (Keychain, DPAPI, libsecret) through
 * Electron's safeStorage. Where no keychain protects them (none at all, or Linux's "basic_text" fallback)
 * they are refused rather than stored as good as clear (keyring.ts).
 */
export function safeStorageSecrets(dataDir: string): SecretStore {
  const apiKey = encryptedSecret(dataDir, ENCRYPTED_KEY_FILE, 'API key');
  const telegram = encryptedSecret(dataDir, ENCRYPTED_TELEGRAM_FILE, 'Telegram bot token');
  return {
    description: 'encrypted with your OS keychain',
    readApiKey: async () => apiKey.read(),
    writeApiKey: (value) => apiKey.write(value),
    async readTelegramToken() {
      const stored = telegram.read();
      if (!stored.ok || stored.value !== undefined) return stored;
      return migratePlainToken(dataDir, telegram);
    },
    async writeTelegramToken(token) {
      if (token !== undefined) return telegram.write(token.trim());
      // Both places a token can be: the encrypted store, and a plain file not yet moved into it.
      const removed = await removeSecretFile(path.join(dataDir, ENCRYPTED_TELEGRAM_FILE), 'Telegram bot token');
      return removed.ok ? removeSecretFile(path.join(dataDir, TELEGRAM_TOKEN_FILE_NAME), 'Telegram bot token') : removed;
    },
  };
}
