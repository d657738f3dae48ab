import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.ts';
import { runMode } from './run-mode.ts';
import type { MenuItemConstructorOptions } from 'electron';

const dev = { NODE_ENV_ELECTRON_VITE: 'development', ELECTRON_RENDERER_URL: 'http://localhost:5173' };

describe('development runs (DevTools, dev server)', () => {
  it('honours the dev server only when unpackaged AND started by electron-vite dev', () => {
    expect(runMode(false, dev)).toEqual({ development: true, rendererUrl: 'http://localhost:5173' });
    expect(runMode(true, dev)).toEqual({ development: false, rendererUrl: undefined });
    expect(runMode(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual({ development: false, rendererUrl: undefined });
    expect(runMode(false, { NODE_ENV_ELECTRON_VITE: 'production', ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual({ development: false, rendererUrl: undefined });
  });

  it.each(['https://evil.example', 'http://192.168.1.5:5173', 'http://localhost.evil.example:5173', 'file:///tmp/index.html', 'http://user@localhost:5173', 'nonsense'])(
    'never loads a dev server off loopback: %s',
    (url) => {
      expect(runMode(false, { ...dev, ELECTRON_RENDERER_URL: url }).rendererUrl).toBeUndefined();
    },
  );

  it('accepts the loopback forms electron-vite prints', () => {
    for (const url of ['http://127.0.0.1:5173', 'http://[::1]:5173', 'https://localhost:5173']) {
      expect(runMode(false, { ...dev, ELECTRON_RENDERER_URL: url }).rendererUrl).toBe(new URL(url).origin);
    }
  });
});

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
}

describe('application menu (pinned)', () => {
  it('has no DevTools and no reload outside development', () => {
    const production = roles(menuTemplate(false));
    for (const role of ['toggleDevTools', 'reload', 'forceReload']) expect(production).not.toContain(role);
    expect(production).toEqual(['fileMenu', 'editMenu', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'windowMenu']);
  });

  it('adds them in development', () => {
    expect(roles(menuTemplate(true))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload', 'editMenu']));
  });
});
