import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer is untrusted: it runs sandboxed, isolated from the preload, without Node, and without
 * DevTools unless this is a development run (run-mode.ts). These options are pinned by a test so a
 * convenience change cannot quietly weaken them.
 */
export function secureWebPreferences(preloadPath: string, devTools = false): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    devTools,
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
  };
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export function windowOptions(preloadPath: string, bounds: WindowBounds, devTools = false): BrowserWindowConstructorOptions {
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0b0f14',
    title: 'Trading Terminal',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}
