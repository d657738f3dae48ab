import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, shell } from 'electron';
import { createFileLogger } from '#core/log';
import { createRouter } from '#bridge/router';
import { bootEngine, type BootedEngine } from '#engine/boot';
import { resolveAppUrl } from './app-protocol.ts';
import { safeStorageSecrets } from './safe-storage-secrets.ts';
import { appSenderCheck, bindBridgeIpc } from './ipc.ts';
import { windowOptions } from './window-options.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

/**
 * The Electron shell: a window, the app:// protocol, IPC binding. Everything else is the engine,
 * exactly as the headless server runs it.
 */
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = path.join(import.meta.dirname, '..', 'renderer');
const preloadPath = path.join(import.meta.dirname, '..', 'preload', 'preload.cjs');
let booted: BootedEngine | undefined;

function denyNavigation(win: BrowserWindow): void {
  win.webContents.on('will-navigate', (event, url) => {
    if (!appSenderCheck(devServerUrl)(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function createWindow(dataDir: string): BrowserWindow {
  const bounds = loadWindowState(dataDir);
  const win = new BrowserWindow(windowOptions(preloadPath, bounds));
  if (bounds.maximized) win.maximize();
  denyNavigation(win);
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  void win.loadURL(devServerUrl ?? 'app://renderer/index.html');
  return win;
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
      { role: 'windowMenu' },
    ]),
  );
}

async function main(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const logger = createFileLogger(path.join(dataDir, 'logs', 'terminal.log'));
  protocol.handle('app', (request) => {
    const file = resolveAppUrl(rendererDir, request.url);
    if (!file || !fs.existsSync(file)) return new Response('not found', { status: 404 });
    return net.fetch(`file://${file}`);
  });
  const result = await bootEngine({ dataDir, version: app.getVersion(), logger, wallNowMs: Date.now(), secrets: safeStorageSecrets(dataDir) });
  if (!result.ok) {
    dialog.showErrorBox('The terminal cannot start', result.error.message);
    app.exit(2);
    return;
  }
  booted = result.value;
  bindBridgeIpc(ipcMain, createRouter(booted.engine, logger), appSenderCheck(devServerUrl), logger);
  await booted.start();
  buildMenu();
  createWindow(dataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(dataDir);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', (event) => {
  if (!booted) return;
  const b = booted;
  booted = undefined;
  event.preventDefault();
  void b.shutdown().finally(() => app.quit());
});

void main();
