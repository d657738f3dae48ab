import { describe, expect, it } from 'vitest';
import { resolveAppUrl } from './app-protocol.ts';
import { secureWebPreferences, windowOptions } from './window-options.ts';

describe('window security settings (pinned)', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toEqual({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    });
  });

  it('uses those preferences for the main window', () => {
    expect(windowOptions('/p.cjs', { width: 1200, height: 800 }).webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });
});

describe('app:// protocol path guard', () => {
  const root = '/opt/app/out/renderer';
  it.each([
    ['app://renderer/index.html', '/opt/app/out/renderer/index.html'],
    ['app://renderer/', '/opt/app/out/renderer/index.html'],
    ['app://renderer/assets/index-1.js', '/opt/app/out/renderer/assets/index-1.js'],
  ])('serves %s', (url, file) => {
    expect(resolveAppUrl(root, url)).toBe(file);
  });

  it.each([
    ['app://renderer/../main/index.js', '/opt/app/out/renderer/main/index.js'],
    ['app://renderer/%2e%2e/%2e%2e/etc/passwd', '/opt/app/out/renderer/etc/passwd'],
  ])('clamps dot segments inside the root, as URL parsing resolves them: %s', (url, file) => {
    expect(resolveAppUrl(root, url)).toBe(file);
  });

  it.each([
    'app://renderer/..%2f..%2fetc%2fpasswd',
    'app://renderer/a%00.html',
    'app://renderer/%5c..%5csecret',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(root, url)).toBeUndefined();
  });
});
