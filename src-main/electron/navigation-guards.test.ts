import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '#core/log';
import { appSenderCheck } from './ipc.ts';
import { allowedExternalUrl } from './external-links.ts';
import { guardWebContents } from './navigation-guards.ts';
import { denyAllPermissions } from './permissions.ts';

type Listener = (...args: unknown[]) => unknown;

function fakeContents() {
  const events = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    on: (e: string, f: Listener) => events.set(e, f),
    setWindowOpenHandler: (f: Listener) => (openHandler = f),
  };
  return { contents: contents as unknown as WebContents, events, open: (url: string) => openHandler!({ url }) };
}

function guarded(devServer?: string) {
  const f = fakeContents();
  const opened: string[] = [];
  guardWebContents(f.contents, { isAppUrl: appSenderCheck(devServer), openExternal: (u) => opened.push(u), logger: silentLogger() });
  const attempt = (event: string, url: string): boolean => {
    const preventDefault = vi.fn();
    f.events.get(event)!({ url, preventDefault });
    return preventDefault.mock.calls.length === 0;
  };
  return { ...f, opened, attempt };
}

describe('external links allowlist', () => {
  it.each([
    ['https://docs.openalgo.in/', 'https://docs.openalgo.in/'],
    ['https://docs.openalgo.in/api-documentation/v1', 'https://docs.openalgo.in/api-documentation/v1'],
    ['https://github.com/marketcalls/openalgo', 'https://github.com/marketcalls/openalgo'],
    ['https://github.com/marketcalls/openalgo/issues?q=x', 'https://github.com/marketcalls/openalgo/issues?q=x'],
    ['HTTPS://DOCS.OPENALGO.IN/x', 'https://docs.openalgo.in/x'],
  ])('allows %s', (url, normalised) => {
    expect(allowedExternalUrl(url)).toBe(normalised);
  });

  it.each([
    'http://docs.openalgo.in/',
    'https://docs.openalgo.in.evil.example/',
    'https://evil.example/docs.openalgo.in',
    'https://user@docs.openalgo.in/',
    'https://docs.openalgo.in:8443/',
    'https://github.com/marketcalls/openalgo-evil',
    'https://github.com/marketcalls/openalgo/../../evil/repo',
    'https://github.com/marketcalls/openalgo%2f..%2f..%2fevil',
    'https://github.com/evil/openalgo',
    'https://github.com/',
    'file:///etc/passwd',
    'smb://evil.example/share',
    'javascript:alert(1)',
    'ms-settings:',
    'not a url',
  ])('refuses %s', (url) => {
    expect(allowedExternalUrl(url)).toBeUndefined();
  });
});

describe('webContents guards (applied to every webContents)', () => {
  it('keeps navigation, frame navigation and redirects on the app page', () => {
    const g = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(g.attempt(event, 'app://renderer/index.html')).toBe(true);
      expect(g.attempt(event, 'https://evil.example/')).toBe(false);
      expect(g.attempt(event, 'http://127.0.0.1:7300/')).toBe(false);
      expect(g.attempt(event, 'file:///etc/passwd')).toBe(false);
      expect(g.attempt(event, 'https://docs.openalgo.in/')).toBe(false);
    }
  });

  it('allows the dev server only when one is given (development)', () => {
    expect(guarded('http://localhost:5173').attempt('will-redirect', 'http://localhost:5173/x')).toBe(true);
    expect(guarded().attempt('will-redirect', 'http://localhost:5173/x')).toBe(false);
  });

  it('refuses every <webview>', () => {
    expect(guarded().attempt('will-attach-webview', 'app://renderer/index.html')).toBe(false);
  });

  it('denies every window; an allowlisted link opens in the browser, nothing else does', () => {
    const g = guarded();
    expect(g.open('https://docs.openalgo.in/')).toEqual({ action: 'deny' });
    expect(g.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(g.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(g.open('app://renderer/index.html')).toEqual({ action: 'deny' });
    expect(g.opened).toEqual(['https://docs.openalgo.in/']);
  });
});

describe('permissions', () => {
  it('denies every request, check and device', () => {
    const handlers: Record<string, Listener> = {};
    denyAllPermissions(
      {
        setPermissionRequestHandler: (h) => (handlers.request = h as Listener),
        setPermissionCheckHandler: (h) => (handlers.check = h as Listener),
        setDevicePermissionHandler: (h) => (handlers.device = h as Listener),
      },
      silentLogger(),
    );
    for (const permission of ['media', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'geolocation', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      handlers.request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check!(null, permission, 'app://renderer', {})).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb' })).toBe(false);
  });
});
