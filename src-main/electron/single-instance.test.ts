import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { alreadyRunningMessage, focusFirstWindow, lockHolderPid } from './single-instance.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'single-instance-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('single instance per data folder', () => {
  it('names the process that holds the lock, from Chromium’s SingletonLock link', () => {
    expect(lockHolderPid(dir)).toBeUndefined();
    fs.symlinkSync('trader-laptop-4242', path.join(dir, 'SingletonLock'));
    expect(lockHolderPid(dir)).toBe(4242);
    expect(alreadyRunningMessage(dir, 4242)).toBe(
      `another terminal (process 4242) is already running with the data folder ${dir}: its window has been brought to the front and this start quits.`,
    );
    expect(alreadyRunningMessage(dir, undefined)).toMatch(/^another terminal is already running/);
  });

  it('restores and focuses the first window', () => {
    const win = { isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    focusFirstWindow([win]);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(() => focusFirstWindow([])).not.toThrow();
  });
});
