import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { createFileLogger, type Logger } from '#core/log';
import { createRouter } from '#bridge/router';
import { createBacktestService, type BacktestService } from '#backtest/service/backtest-service';
import { bootEngine, type BootedEngine } from '#engine/boot';
import { WallClock } from '#core/clock';
import { createNotificationCenter, type NotificationCenter } from '#notify/notification-center';
import { desktopSink } from './notifications.ts';
import { appApiPlan, startAppApi } from './app-api.ts';
import { appProtocolHandler } from './app-protocol.ts';
import { stopOnUncaughtErrors } from './crash-handler.ts';
import { safeStorageSecrets } from './safe-storage-secrets.ts';
import { appSenderCheck, bindBridgeIpc } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { guardWebContents } from './navigation-guards.ts';
import { denyAllPermissions } from './permissions.ts';
import { runMode } from './run-mode.ts';
import { alreadyRunningMessage, focusFirstWindow, lockHolderPid } from './single-instance.ts';
import { windowOptions } from './window-options.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

/**
 * The Electron shell: a window, the app:// protocol, IPC binding and the security settings around them.
 * Everything else is the engine, exactly as the headless server runs it.
 */
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const mode = runMode(app.isPackaged, process.env);
const isAppUrl = appSenderCheck(mode.rendererUrl);
const rendererDir = path.join(import.meta.dirname, '..', 'renderer');
const preloadPath = path.join(import.meta.dirname, '..', 'preload', 'preload.cjs');
let booted: BootedEngine | undefined;
let notifications: NotificationCenter | undefined;
let api: { close(): Promise<void> } | undefined;
let backtests: BacktestService | undefined;

function createWindow(dataDir: string): BrowserWindow {
  const bounds = loadWindowState(dataDir);
  const win = new BrowserWindow(windowOptions(preloadPath, bounds, mode.development));
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  void win.loadURL(mode.rendererUrl ?? 'app://renderer/index.html');
  return win;
}

/** Before any window exists: every webContents and every session gets the guards. */
function secureApp(logger: Logger): void {
  denyAllPermissions(session.defaultSession, logger);
  app.on('session-created', (created) => denyAllPermissions(created, logger));
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, { isAppUrl, openExternal: (url) => void shell.openExternal(url), logger }),
  );
  protocol.handle(
    'app',
    appProtocolHandler({
      rootDir: rendererDir,
      isFile: (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false,
      fetchFile: (fileUrl) => net.fetch(fileUrl),
    }),
  );
}

async function main(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const logFile = path.join(dataDir, 'logs', 'terminal.log');
  const logger = createFileLogger(logFile);
  stopOnUncaughtErrors(process, { logger, logFile, showError: (title, message) => dialog.showErrorBox(title, message), exit: (code) => app.exit(code) });
  secureApp(logger);
  const secrets = safeStorageSecrets(dataDir);
  const result = await bootEngine({ dataDir, version: app.getVersion(), logger, wallNowMs: Date.now(), secrets, checkpointThread: path.join(import.meta.dirname, 'checkpoint-thread.js') });
  if (!result.ok) {
    dialog.showErrorBox('The terminal cannot start', result.error.message);
    app.exit(2);
    return;
  }
  booted = result.value;
  // Backtests on threads of their own (the bundle's backtest-thread.js); the window and the app's API share them.
  backtests = createBacktestService({ store: booted.store, now: () => Date.now(), logger, threadFile: path.join(import.meta.dirname, 'backtest-thread.js') });
  // The settings screen (and the app's API) change the notifications while they run.
  notifications = createNotificationCenter({ engine: booted.engine, clock: new WallClock(), dataDir, secrets, env: process.env, logger, desktop: desktopSink() });
  bindBridgeIpc(ipcMain, createRouter(booted.engine, logger, 'bridge', { backtests, notifications }), isAppUrl, logger);
  await booted.start();
  await notifications.start();
  const clock = booted.clock;
  api = await startAppApi(appApiPlan(booted.config, process.env), { engine: booted.engine, now: () => clock.now(), ordersPerSecondLimit: booted.config.risk.orderRate.maxPerSecond, logger, routerParts: { backtests, notifications } });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(mode.development)));
  createWindow(dataDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(dataDir);
  });
}

// One terminal per data folder: a second start shows the first one's window and quits.
if (!app.requestSingleInstanceLock()) {
  const dataDir = app.getPath('userData');
  process.stderr.write(`${alreadyRunningMessage(dataDir, lockHolderPid(dataDir))}\n`);
  app.quit();
} else {
  app.on('second-instance', () => focusFirstWindow(BrowserWindow.getAllWindows()));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!booted) return;
    const b = booted;
    booted = undefined;
    notifications?.close();
    event.preventDefault();
    const closing = Promise.all([api?.close(), backtests?.close()]);
    api = undefined;
    backtests = undefined;
    void closing.finally(() => b.shutdown().finally(() => app.quit()));
  });
  void main();
}
