import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireTerminalLock, LOCK_FILE_NAME, type LockHolder } from './terminal-lock.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE_NAME);
const writeHolder = (holder: Partial<LockHolder>) =>
  fs.writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, startedAt: '2026-11-25T04:00:00.000Z', host: os.hostname(), shell: 'headless', ...holder }));
/** The pid of a process that has certainly exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const bootIdKnown = fs.existsSync('/proc/sys/kernel/random/boot_id');
const isRoot = process.getuid?.() === 0;

describe('terminal lock', () => {
  it('writes who holds it, refuses a second holder and is released only once', () => {
    const first = acquireTerminalLock(dir, Date.UTC(2026, 10, 25, 4));
    if (!first.ok) throw new Error(first.error.message);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, startedAt: '2026-11-25T04:00:00.000Z', host: os.hostname(), shell: 'headless' });
    expect(fs.statSync(lockFile()).mode & 0o777).toBe(0o600);
    const second = acquireTerminalLock(dir, 0);
    expect(second.ok ? 'acquired' : second.error.kind).toBe('data-dir-locked');
    first.value.release();
    first.value.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('takes over the lock of a process that is gone', () => {
    writeHolder({ pid: deadPid() });
    const r = acquireTerminalLock(dir, 0);
    if (!r.ok) throw new Error(r.error.message);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE_NAME]);
    r.value.release();
  });

  it.skipIf(!bootIdKnown)('takes over a lock written before a reboot even if its pid is in use again', () => {
    writeHolder({ pid: process.pid, bootId: 'an-earlier-boot' });
    const r = acquireTerminalLock(dir, 0);
    expect(r.ok).toBe(true);
    if (r.ok) r.value.release();
  });

  it('takes over a lock file it cannot read as a holder', () => {
    fs.writeFileSync(lockFile(), 'not json');
    const r = acquireTerminalLock(dir, 0);
    expect(r.ok).toBe(true);
    if (r.ok) r.value.release();
  });

  it('counts a lock from another machine as held and says which', () => {
    writeHolder({ pid: deadPid(), host: 'trading-box-2' });
    const r = acquireTerminalLock(dir, 0);
    expect(r.ok ? 'acquired' : r.error.message).toMatch(/on trading-box-2 since 2026-11-25T04:00:00.000Z.*delete .*terminal\.lock/);
  });

  it('does not remove a lock that is no longer its own', () => {
    const r = acquireTerminalLock(dir, 0);
    if (!r.ok) throw new Error(r.error.message);
    writeHolder({ pid: process.pid + 1, startedAt: 'later' });
    r.value.release();
    expect(fs.existsSync(lockFile())).toBe(true);
  });

  it.skipIf(isRoot)('says in one line when the folder cannot be written', () => {
    fs.chmodSync(dir, 0o500);
    const r = acquireTerminalLock(dir, 0);
    fs.chmodSync(dir, 0o700);
    expect(r.ok ? 'acquired' : r.error.message).toMatch(/^cannot lock the data folder .* \(EACCES/);
  });
});
