import type { SafeStorage } from 'electron';

type KeyringProbe = Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend'>;

/** Linux backends that really encrypt with the user's keyring. */
const LINUX_KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

const USE_INSTEAD =
  'Install and unlock a keyring (gnome-keyring or KWallet) and restart the terminal (or start it with ' +
  '--password-store=gnome-libsecret), or use the headless terminal (npm run serve), which keeps the key in a ' +
  'file only you can read (mode 0600).';

/**
 * Why a secret (the API key, the Telegram bot token) must not be stored, or undefined when the OS keychain
 * can protect it. On Linux without a recognised keyring Electron still reports encryption as available, but
 * its "basic_text" backend encrypts with a fixed password that is in Chromium's public source: the secret
 * would be as good as clear.
 */
export function keyringRefusal(safeStorage: KeyringProbe, platform: NodeJS.Platform = process.platform, secret = 'API key'): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return `the ${secret} was not saved: no OS keychain is available to encrypt it. ${USE_INSTEAD}`;
  if (platform !== 'linux') return undefined;
  const backend = safeStorage.getSelectedStorageBackend();
  if (LINUX_KEYRINGS.has(backend)) return undefined;
  return (
    `the ${secret} was not saved: no OS keyring is unlocked, so Electron's safeStorage fell back to "${backend}", ` +
    `which encrypts with a fixed, publicly known password. ${USE_INSTEAD}`
  );
}
