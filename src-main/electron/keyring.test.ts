import { describe, expect, it } from 'vitest';
import { keyringRefusal } from './keyring.ts';

type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

const probe = (available: boolean, backend: Backend) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: (): Backend => {
    if (backend === 'unknown') throw new Error('getSelectedStorageBackend is Linux-only');
    return backend;
  },
});

describe('refusing a key store that would not protect the key', () => {
  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const)('stores with the Linux keyring %s', (backend) => {
    expect(keyringRefusal(probe(true, backend), 'linux')).toBeUndefined();
  });

  it('refuses Linux basic_text, saying why and what to do', () => {
    const message = keyringRefusal(probe(true, 'basic_text'), 'linux');
    expect(message).toContain('not saved');
    expect(message).toContain('"basic_text"');
    expect(message).toContain('fixed, publicly known password');
    expect(message).toMatch(/gnome-keyring or KWallet/);
    expect(message).toContain('--password-store=gnome-libsecret');
    expect(message).toMatch(/npm run serve.*0600/);
  });

  it('refuses when no keychain can encrypt at all', () => {
    expect(keyringRefusal(probe(false, 'gnome_libsecret'), 'linux')).toMatch(/no OS keychain is available/);
    expect(keyringRefusal(probe(false, 'unknown'), 'win32')).toMatch(/no OS keychain is available/);
  });

  it.each(['darwin', 'win32'] as const)('trusts the OS keychain on %s without asking for a Linux backend', (platform) => {
    expect(keyringRefusal(probe(true, 'unknown'), platform)).toBeUndefined();
  });
});
