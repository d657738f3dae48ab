import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TELEGRAM_TOKEN_FILE_NAME } from '#engine/secrets';

/**
 * A stand-in for Electron's safeStorage (the runtime cannot run here, see main.smoke.test.ts): it
 * "encrypts" by reversing the bytes behind a marker, enough to tell ciphertext from the clear token.
 */
const keyring = { available: true, backend: 'gnome_libsecret' };
const MARK = 'fake-enc:';
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keyring.available,
    getSelectedStorageBackend: () => keyring.backend,
    encryptString: (text: string) => Buffer.from(MARK + [...text].reverse().join('')),
    decryptString: (data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith(MARK)) throw new Error('Error while decrypting the ciphertext');
      return [...text.slice(MARK.length)].reverse().join('');
    },
  },
}));

const { ENCRYPTED_TELEGRAM_FILE, safeStorageSecrets } = await import('./safe-storage-secrets.ts');

const TOKEN = '123456789:AAFakeTelegramTokenForTheKeychain_0123';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safe-storage-'));
  Object.assign(keyring, { available: true, backend: 'gnome_libsecret' });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const plain = () => path.join(dir, TELEGRAM_TOKEN_FILE_NAME);
const encrypted = () => path.join(dir, ENCRYPTED_TELEGRAM_FILE);

describe('the app’s secret store (stand-in safeStorage)', () => {
  it('keeps the API key encrypted and reads it back', async () => {
    const store = safeStorageSecrets(dir);
    expect(await store.readApiKey()).toEqual({ ok: true, value: undefined });
    expect(await store.writeApiKey('an-openalgo-key-0123')).toEqual({ ok: true, value: undefined });
    expect(await store.readApiKey()).toEqual({ ok: true, value: 'an-openalgo-key-0123' });
    expect(fs.readdirSync(dir).join(' ')).not.toContain('an-openalgo-key');
  });

  it('has no Telegram token until one is saved', async () => {
    expect(await safeStorageSecrets(dir).readTelegramToken()).toEqual({ ok: true, value: undefined });
  });

  it('saves a token from the settings encrypted, replaces it, and removes it (with a plain file not yet moved)', async () => {
    const store = safeStorageSecrets(dir);
    expect(await store.writeTelegramToken(TOKEN)).toEqual({ ok: true, value: undefined });
    expect(fs.readFileSync(encrypted()).toString()).not.toContain(TOKEN);
    expect(await store.readTelegramToken()).toEqual({ ok: true, value: TOKEN });
    const other = TOKEN.replace('123456789', '987654321');
    await store.writeTelegramToken(other);
    expect(await safeStorageSecrets(dir).readTelegramToken()).toEqual({ ok: true, value: other });
    fs.writeFileSync(plain(), `${TOKEN}\n`, { mode: 0o600 });
    expect(await store.writeTelegramToken(undefined)).toEqual({ ok: true, value: undefined });
    expect([fs.existsSync(encrypted()), fs.existsSync(plain())]).toEqual([false, false]);
    expect(await store.readTelegramToken()).toEqual({ ok: true, value: undefined });
  });

  it('refuses to save a token where no keyring protects the store', async () => {
    keyring.backend = 'basic_text';
    const r = await safeStorageSecrets(dir).writeTelegramToken(TOKEN);
    expect(r.ok).toBe(false);
    expect(fs.existsSync(encrypted())).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('moves a token from the old 0600 file into the encrypted store and removes the file', async () => {
    fs.writeFileSync(plain(), `${TOKEN}\n`, { mode: 0o600 });
    expect(await safeStorageSecrets(dir).readTelegramToken()).toEqual({ ok: true, value: TOKEN });
    expect(fs.existsSync(plain())).toBe(false);
    expect(fs.readFileSync(encrypted()).toString()).not.toContain(TOKEN);
    // The next start reads it from the store.
    expect(await safeStorageSecrets(dir).readTelegramToken()).toEqual({ ok: true, value: TOKEN });
  });

  it.skipIf(process.platform === 'win32')('leaves the old file alone, and says why, where no keyring protects the store', async () => {
    keyring.available = false;
    fs.writeFileSync(plain(), TOKEN, { mode: 0o600 });
    const r = await safeStorageSecrets(dir).readTelegramToken();
    expect(r).toMatchObject({ ok: false, error: { kind: 'secret-store', message: expect.stringMatching(/was not moved into the encrypted store: the Telegram bot token was not saved: no OS keychain/) } });
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    expect(fs.readFileSync(plain(), 'utf8')).toBe(TOKEN);
    expect(fs.existsSync(encrypted())).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('refuses an old file others can read, without moving it', async () => {
    fs.writeFileSync(plain(), TOKEN, { mode: 0o644 });
    fs.chmodSync(plain(), 0o644);
    const r = await safeStorageSecrets(dir).readTelegramToken();
    expect(r).toEqual({ ok: false, error: { kind: 'secret-store', message: `the Telegram bot token file ${plain()} is readable by others: run chmod 600 ${plain()}` } });
    expect(fs.existsSync(encrypted())).toBe(false);
  });

  it('names the token when the keychain can no longer decrypt it, and prefers the store over an old file', async () => {
    fs.writeFileSync(encrypted(), 'not ciphertext', { mode: 0o600 });
    fs.writeFileSync(plain(), TOKEN, { mode: 0o600 });
    expect(await safeStorageSecrets(dir).readTelegramToken()).toEqual({
      ok: false,
      error: { kind: 'secret-store', message: 'the saved Telegram bot token cannot be decrypted (keychain changed?): save it again' },
    });
    expect(fs.existsSync(plain())).toBe(true);
  });
});
