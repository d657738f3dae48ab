import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The Electron runtime cannot run on these machines, so the shell's wiring is proven against a stand-in
 * `electron` module that records what main.ts asks of it: the real main.ts, the real engine and store.
 */
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-smoke-'));

type Listener = (...args: unknown[]) => unknown;
const recorded = vi.hoisted(() => ({
  handlers: new Map<string, Listener>(),
  listeners: new Map<string, Listener>(),
  appEvents: new Map<string, Listener>(),
  windows: [] as { options: Record<string, unknown>; webContents: { events: Map<string, Listener>; openHandler?: Listener }; url?: string }[],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, Listener>(),
  errors: [] as string[],
  menuSet: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => recorded.windows;
    webContents = { events: new Map<string, Listener>(), on: (e: string, f: Listener) => this.webContents.events.set(e, f), setWindowOpenHandler: (f: Listener) => ((this.webContents as { openHandler?: Listener }).openHandler = f) };
    options: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      recorded.windows.push(this as never);
    }
    once() {}
    on() {}
    maximize() {}
    loadURL(url: string) {
      (this as { url?: string }).url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      getPath: () => userData,
      getVersion: () => '0.0.0-smoke',
      on: (e: string, f: Listener) => recorded.appEvents.set(e, f),
      quit: () => {},
      exit: () => {},
    },
    BrowserWindow,
    ipcMain: { handle: (c: string, f: Listener) => recorded.handlers.set(c, f), on: (c: string, f: Listener) => recorded.listeners.set(c, f) },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => recorded.schemes.push(...s), handle: (s: string, f: Listener) => recorded.protocolHandlers.set(s, f) },
    dialog: { showErrorBox: (_t: string, m: string) => recorded.errors.push(m) },
    Menu: { setApplicationMenu: () => (recorded.menuSet = true), buildFromTemplate: (t: unknown) => t },
    net: { fetch: () => Promise.resolve(new Response('')) },
    shell: { openExternal: () => Promise.resolve() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().slice(4),
    },
  };
});

const trusted = { senderFrame: { url: 'app://renderer/index.html' } };
const foreign = { senderFrame: { url: 'https://evil.example/' } };

beforeAll(async () => {
  await import('./main.ts');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 10_000 });
});

afterAll(async () => {
  const quit = recorded.appEvents.get('will-quit');
  quit?.({ preventDefault: () => {} });
  await new Promise((r) => setTimeout(r, 100));
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('Electron shell wiring (stand-in runtime)', () => {
  it('boots the engine in the user data folder without errors', () => {
    expect(recorded.errors).toEqual([]);
    expect(fs.existsSync(path.join(userData, 'config.json'))).toBe(true);
    expect(fs.existsSync(path.join(userData, 'terminal.sqlite'))).toBe(true);
    expect(recorded.menuSet).toBe(true);
  });

  it('opens one window with the secure preferences, loading app://', () => {
    const w = recorded.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(w.url).toBe('app://renderer/index.html');
    expect(recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
  });

  it('denies navigation away from the app and every window.open', () => {
    const w = recorded.windows[0]!;
    const prevent = vi.fn();
    w.webContents.events.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalled();
    expect(w.webContents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('binds the bridge: a trusted sender reaches the engine, bad input and foreign frames do not', async () => {
    const invoke = recorded.handlers.get('bridge:invoke')!;
    expect(await invoke(trusted, 'app:status', {})).toMatchObject({ ok: true, value: { mode: 'simulation', version: '0.0.0-smoke' } });
    expect(await invoke(trusted, 'bot:start', { botId: 5 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await invoke(foreign, 'app:status', {})).toMatchObject({ ok: false, error: { message: 'untrusted sender' } });
    expect(await invoke(trusted, 'bot:start', { botId: 'iron-condor' })).toMatchObject({ ok: false, error: { kind: 'not-available' } });
  });

  it('keeps the OpenAlgo key encrypted through safeStorage, never in clear or in config.json', async () => {
    const invoke = recorded.handlers.get('bridge:invoke')!;
    const saved = await invoke(trusted, 'connection:save', { apiKey: 'secret-key-0123456789' });
    expect(saved).toMatchObject({ ok: true, value: { hasApiKey: true, keyStorage: 'encrypted with your OS keychain' } });
    expect(fs.readFileSync(path.join(userData, 'openalgo-api-key.enc'), 'utf8')).toBe('enc:secret-key-0123456789');
    expect(fs.readFileSync(path.join(userData, 'config.json'), 'utf8')).not.toContain('secret-key');
  });

  it('serves a stream over IPC events: snapshot first', () => {
    const sent: unknown[] = [];
    const sender = { send: (_c: string, m: unknown) => sent.push(m), isDestroyed: () => false, once: () => {} };
    recorded.listeners.get('bridge:subscribe')!({ ...trusted, sender }, 1, 'bots', {});
    expect(sent[0]).toMatchObject({ type: 'snapshot', id: 1 });
    expect((sent[0] as { data: unknown[] }).data).toHaveLength(4);
    recorded.listeners.get('bridge:subscribe')!({ ...foreign, sender }, 2, 'bots', {});
    expect(sent).toHaveLength(1);
  });
});
