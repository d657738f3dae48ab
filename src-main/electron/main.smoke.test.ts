import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The Electron runtime cannot run on these machines, so the shell's wiring is proven against a stand-in
 * `electron` module that records what main.ts asks of it: the real main.ts, the real engine and store.
 * The stand-in behaves as Electron does where it matters: a new BrowserWindow's webContents is announced
 * through app 'web-contents-created', and the single-instance lock is granted or not.
 */
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-smoke-'));

type Listener = (...args: unknown[]) => unknown;
interface FakeContents {
  events: Map<string, Listener>;
  openHandler?: Listener;
  on(e: string, f: Listener): void;
  setWindowOpenHandler(f: Listener): void;
}
const recorded = vi.hoisted(() => ({
  handlers: new Map<string, Listener>(),
  listeners: new Map<string, Listener>(),
  appEvents: new Map<string, Listener>(),
  windows: [] as { options: Record<string, unknown>; webContents: FakeContents; url?: string; focused: number }[],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, Listener>(),
  permissionHandlers: new Map<string, Listener>(),
  errors: [] as string[],
  menu: undefined as unknown,
  sandboxEnabled: false,
  lockGranted: true,
  quits: 0,
  exits: [] as number[],
  opened: [] as string[],
  fetched: [] as string[],
  backend: 'gnome_libsecret',
}));

vi.mock('electron', () => {
  const contents = (): FakeContents => {
    const c: FakeContents = {
      events: new Map<string, Listener>(),
      on: (e, f) => void c.events.set(e, f),
      setWindowOpenHandler: (f) => void (c.openHandler = f),
    };
    return c;
  };
  class BrowserWindow {
    static getAllWindows = () => recorded.windows;
    webContents = contents();
    options: Record<string, unknown>;
    focused = 0;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      recorded.windows.push(this as never);
      recorded.appEvents.get('web-contents-created')?.({}, this.webContents);
    }
    once() {}
    on() {}
    maximize() {}
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {
      this.focused++;
    }
    loadURL(url: string) {
      (this as { url?: string }).url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      getPath: () => userData,
      getVersion: () => '0.0.0-smoke',
      on: (e: string, f: Listener) => recorded.appEvents.set(e, f),
      enableSandbox: () => (recorded.sandboxEnabled = true),
      requestSingleInstanceLock: () => recorded.lockGranted,
      quit: () => recorded.quits++,
      exit: (code: number) => void recorded.exits.push(code),
    },
    BrowserWindow,
    ipcMain: { handle: (c: string, f: Listener) => recorded.handlers.set(c, f), on: (c: string, f: Listener) => recorded.listeners.set(c, f) },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => recorded.schemes.push(...s), handle: (s: string, f: Listener) => recorded.protocolHandlers.set(s, f) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (f: Listener) => recorded.permissionHandlers.set('request', f),
        setPermissionCheckHandler: (f: Listener) => recorded.permissionHandlers.set('check', f),
        setDevicePermissionHandler: (f: Listener) => recorded.permissionHandlers.set('device', f),
      },
    },
    dialog: { showErrorBox: (_t: string, m: string) => recorded.errors.push(m) },
    Notification: class {
      static isSupported = () => false;
      show() {}
    },
    Menu: { setApplicationMenu: (m: unknown) => (recorded.menu = m), buildFromTemplate: (t: unknown) => t },
    net: {
      fetch: (u: string) => {
        recorded.fetched.push(u);
        return Promise.resolve(new Response(''));
      },
    },
    shell: {
      openExternal: (u: string) => {
        recorded.opened.push(u);
        return Promise.resolve();
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => recorded.backend,
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().slice(4),
    },
  };
});

const trusted = { senderFrame: { url: 'app://renderer/index.html' } };
const foreign = { senderFrame: { url: 'https://evil.example/' } };

/** The process's uncaught-error listeners main.ts added (the test runner has its own). */
let crashListeners: NodeJS.UncaughtExceptionListener[] = [];

beforeAll(async () => {
  // A dev server URL in the environment of an app that electron-vite dev did not start: ignored.
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://127.0.0.1:5173');
  vi.stubEnv('NODE_ENV_ELECTRON_VITE', undefined);
  const before = new Set(process.listeners('uncaughtException'));
  await import('./main.ts');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 10_000 });
  crashListeners = process.listeners('uncaughtException').filter((l) => !before.has(l));
});

afterAll(async () => {
  for (const l of crashListeners) process.off('uncaughtException', l);
  vi.unstubAllEnvs();
  const quit = recorded.appEvents.get('will-quit');
  quit?.({ preventDefault: () => {} });
  await new Promise((r) => setTimeout(r, 100));
  fs.rmSync(userData, { recursive: true, force: true });
});

function roles(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((i: { role?: string; submenu?: unknown }) => [...(i.role ? [i.role] : []), ...roles(i.submenu)]);
}

function attempt(c: FakeContents, event: string, url: string): boolean {
  const preventDefault = vi.fn();
  c.events.get(event)!({ url, preventDefault });
  return preventDefault.mock.calls.length === 0;
}

describe('Electron shell wiring (stand-in runtime)', () => {
  it('boots the engine in the user data folder without errors', () => {
    expect(recorded.errors).toEqual([]);
    expect(fs.existsSync(path.join(userData, 'config.json'))).toBe(true);
    expect(fs.existsSync(path.join(userData, 'terminal.sqlite'))).toBe(true);
    expect(recorded.menu).toBeDefined();
  });

  it('stops with one dialog on an uncaught error instead of running on with the part that threw dead', () => {
    expect(crashListeners).toHaveLength(1);
    const errorsBefore = recorded.errors.length;
    crashListeners[0]!(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'uncaughtException');
    expect(recorded.exits).toEqual([1]);
    expect(recorded.errors.slice(errorsBefore)).toEqual([expect.stringMatching(/^The terminal stopped: the database refused a write: database is locked \(another program held/)]);
  });

  it('opens one sandboxed window with the secure preferences and no DevTools, loading app:// (not the dev server)', () => {
    const w = recorded.windows[0]!;
    expect(recorded.sandboxEnabled).toBe(true);
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(String((w.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(w.url).toBe('app://renderer/index.html');
    expect(recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
  });

  it('has no DevTools or reload in the menu outside development', () => {
    const r = roles(recorded.menu);
    expect(r).toContain('editMenu');
    expect(r).not.toContain('toggleDevTools');
    expect(r).not.toContain('reload');
  });

  it('denies every permission request and check in the default session', () => {
    const callback = vi.fn();
    recorded.permissionHandlers.get('request')!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.permissionHandlers.get('check')!(null, 'clipboard-read', 'app://renderer', {})).toBe(false);
    expect(recorded.permissionHandlers.get('device')!({ deviceType: 'hid' })).toBe(false);
  });

  it('guards the window and every other webContents: no navigation, redirect, webview or window', () => {
    const created = recorded.appEvents.get('web-contents-created')!;
    const other: FakeContents = { events: new Map(), on: (e, f) => void other.events.set(e, f), setWindowOpenHandler: (f) => void (other.openHandler = f) };
    created({}, other);
    for (const c of [recorded.windows[0]!.webContents, other]) {
      for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
        expect(attempt(c, event, 'https://evil.example/')).toBe(false);
        expect(attempt(c, event, 'http://127.0.0.1:5173/')).toBe(false);
        expect(attempt(c, event, 'app://renderer/index.html')).toBe(true);
      }
      expect(attempt(c, 'will-attach-webview', 'app://renderer/index.html')).toBe(false);
      expect(c.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
      expect(c.openHandler!({ url: 'https://docs.openalgo.in/' })).toEqual({ action: 'deny' });
    }
    expect(recorded.opened).toEqual(['https://docs.openalgo.in/', 'https://docs.openalgo.in/']);
  });

  it('serves app:// with the CSP header and never reads outside the renderer folder', async () => {
    const handle = recorded.protocolHandlers.get('app')!;
    for (const url of ['app://renderer/%252e%252e/%252e%252e/main/index.js', 'app://renderer/..%2f..%2fpackage.json']) {
      const res = (await handle(new Request(url))) as Response;
      expect(res.status).toBe(404);
      expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect(recorded.fetched).toEqual([]);
  });

  it('binds the bridge: a trusted sender reaches the engine, bad input and foreign frames do not', async () => {
    const invoke = recorded.handlers.get('bridge:invoke')!;
    expect(await invoke(trusted, 'app:status', {})).toMatchObject({ ok: true, value: { mode: 'simulation', version: '0.0.0-smoke' } });
    expect(await invoke(trusted, 'bot:start', { botId: 5 })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await invoke(foreign, 'app:status', {})).toMatchObject({ ok: false, error: { message: 'untrusted sender' } });
    expect(await invoke({ senderFrame: { url: 'http://127.0.0.1:5173/' } }, 'app:status', {})).toMatchObject({ ok: false, error: { message: 'untrusted sender' } });
    expect(await invoke(trusted, 'bot:start', { botId: 'no-such-bot' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('keeps the OpenAlgo key encrypted through safeStorage, never in clear or in config.json', async () => {
    const invoke = recorded.handlers.get('bridge:invoke')!;
    const saved = await invoke(trusted, 'connection:save', { apiKey: 'secret-key-0123456789' });
    expect(saved).toMatchObject({ ok: true, value: { hasApiKey: true, keyStorage: 'encrypted with your OS keychain' } });
    expect(fs.readFileSync(path.join(userData, 'openalgo-api-key.enc'), 'utf8')).toBe('enc:secret-key-0123456789');
    expect(fs.readFileSync(path.join(userData, 'config.json'), 'utf8')).not.toContain('secret-key');
  });

  it.runIf(process.platform === 'linux')('refuses to store the key under Linux basic_text, saying why, and keeps the old one', async () => {
    recorded.backend = 'basic_text';
    try {
      const invoke = recorded.handlers.get('bridge:invoke')!;
      const saved = await invoke(trusted, 'connection:save', { apiKey: 'another-key-9876543210' });
      expect(saved).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not saved.*"basic_text".*keyring/) } });
      expect(fs.readFileSync(path.join(userData, 'openalgo-api-key.enc'), 'utf8')).toBe('enc:secret-key-0123456789');
    } finally {
      recorded.backend = 'gnome_libsecret';
    }
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

  it('brings its window to the front when a second terminal starts on the same data folder', () => {
    const before = recorded.windows[0]!.focused;
    recorded.appEvents.get('second-instance')!({}, [], '/');
    expect(recorded.windows[0]!.focused).toBe(before + 1);
  });

  it('as the second start: says so in one line on stderr and quits without booting or opening a window', async () => {
    const writes: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const windowsBefore = recorded.windows.length;
    const quitsBefore = recorded.quits;
    recorded.lockGranted = false;
    try {
      vi.resetModules();
      await import('./main.ts');
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      stderr.mockRestore();
      recorded.lockGranted = true;
    }
    expect(writes).toEqual([`another terminal is already running with the data folder ${userData}: its window has been brought to the front and this start quits.\n`]);
    expect(recorded.quits).toBe(quitsBefore + 1);
    expect(recorded.windows).toHaveLength(windowsBefore);
  });
});
