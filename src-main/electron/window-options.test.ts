import { describe, expect, it } from 'vitest';
import { secureWebPreferences, windowOptions } from './window-options.ts';

describe('window security settings (pinned)', () => {
  it('isolates and sandboxes the renderer with no Node and no DevTools', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toEqual({
      preload: '/p/preload.cjs',
      devTools: false,
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

  it('a development run changes DevTools and nothing else', () => {
    expect(secureWebPreferences('/p.cjs', true)).toEqual({ ...secureWebPreferences('/p.cjs'), devTools: true });
  });

  it('uses those preferences for the main window', () => {
    expect(windowOptions('/p.cjs', { width: 1200, height: 800 }).webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(windowOptions('/p.cjs', { width: 1200, height: 800 }, true).webPreferences).toEqual(secureWebPreferences('/p.cjs', true));
  });
});
