import fs from 'node:fs/promises';
import path from 'node:path';
import { registerSecret } from '#core/redact';
import { err, ok, type Result } from '#core/result';
import { readApiKeyFile, writeApiKeyFile } from '#openalgo/api-key-file';

export interface SecretError {
  readonly kind: 'secret-store';
  readonly message: string;
}

/**
 * Where the OpenAlgo API key and the Telegram bot token live. Never in config.json and never in a log:
 * the Electron app encrypts them with the OS keychain (safeStorage); headless mode keeps each in a file
 * only the user can read.
 */
export interface SecretStore {
  /** Shown to the user: where the key is kept. */
  readonly description: string;
  readApiKey(): Promise<Result<string | undefined, SecretError>>;
  writeApiKey(apiKey: string): Promise<Result<void, SecretError>>;
  /** The notifications' Telegram bot token; `undefined` when none is saved. */
  readTelegramToken(): Promise<Result<string | undefined, SecretError>>;
  /** Saves (replacing) the Telegram bot token, or with `undefined` removes it. */
  writeTelegramToken(token: string | undefined): Promise<Result<void, SecretError>>;
}

export const API_KEY_FILE_NAME = 'openalgo-api-key';
/** The headless store's token file, and where the app took it from before it kept it encrypted. */
export const TELEGRAM_TOKEN_FILE_NAME = 'telegram-bot-token';

/**
 * The store with every key it reads or writes registered with the log redactor, so the key is censored
 * in any later log line however it got there (an OpenAlgo error echoing the request, a URL).
 */
export function withSecretRedaction(store: SecretStore): SecretStore {
  return {
    description: store.description,
    async readApiKey() {
      const r = await store.readApiKey();
      if (r.ok) registerSecret(r.value);
      return r;
    },
    async writeApiKey(apiKey) {
      registerSecret(apiKey.trim());
      return store.writeApiKey(apiKey);
    },
    async readTelegramToken() {
      const r = await store.readTelegramToken();
      if (r.ok) registerSecret(r.value);
      return r;
    },
    async writeTelegramToken(token) {
      registerSecret(token?.trim());
      return store.writeTelegramToken(token);
    },
  };
}

/** A secret read from its 0600 file (the checks of the API key file): none when the file does not exist. */
export async function readSecretFile(file: string, what: string): Promise<Result<string | undefined, SecretError>> {
  const r = await readApiKeyFile(file, what);
  if (r.ok) return ok(r.value);
  return r.error.kind === 'not-found' ? ok(undefined) : err({ kind: 'secret-store', message: r.error.message });
}

/** Removes a secret's file; none there is already done. */
export async function removeSecretFile(file: string, what: string): Promise<Result<void, SecretError>> {
  try {
    await fs.unlink(file);
    return ok(undefined);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? ok(undefined) : err({ kind: 'secret-store', message: `cannot remove the ${what} file ${file}: ${code ?? 'error'}` });
  }
}

export function fileSecretStore(dataDir: string): SecretStore {
  const file = path.join(dataDir, API_KEY_FILE_NAME);
  return withSecretRedaction({
    description: `file readable only by you (${file})`,
    readApiKey: () => readSecretFile(file, 'API key'),
    async writeApiKey(apiKey) {
      const r = await writeApiKeyFile(file, apiKey);
      return r.ok ? ok(undefined) : err({ kind: 'secret-store', message: r.error.message });
    },
    readTelegramToken: () => readSecretFile(path.join(dataDir, TELEGRAM_TOKEN_FILE_NAME), 'Telegram bot token'),
    async writeTelegramToken(token) {
      const tokenFile = path.join(dataDir, TELEGRAM_TOKEN_FILE_NAME);
      if (token === undefined) return removeSecretFile(tokenFile, 'Telegram bot token');
      const r = await writeApiKeyFile(tokenFile, token);
      return r.ok ? ok(undefined) : err({ kind: 'secret-store', message: r.error.message.replace('API key', 'Telegram bot token') });
    },
  });
}
