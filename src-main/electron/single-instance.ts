import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow } from 'electron';

/**
 * The process holding Electron's single-instance lock for a data folder, where the OS shows it: on Linux
 * and macOS Chromium keeps it as the symlink `SingletonLock` -> `<host>-<pid>` inside the folder.
 * Windows uses a named mutex, which names no process.
 */
export function lockHolderPid(dataDir: string): number | undefined {
  try {
    const pid = /-(\d+)$/.exec(fs.readlinkSync(path.join(dataDir, 'SingletonLock')))?.[1];
    return pid === undefined ? undefined : Number(pid);
  } catch {
    return undefined;
  }
}

export function alreadyRunningMessage(dataDir: string, pid: number | undefined): string {
  const holder = pid === undefined ? 'another terminal' : `another terminal (process ${pid})`;
  return `${holder} is already running with the data folder ${dataDir}: its window has been brought to the front and this start quits.`;
}

type Focusable = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** The first instance's answer to a second start: show its window instead of a second terminal. */
export function focusFirstWindow(windows: readonly Focusable[]): void {
  const win = windows[0];
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
