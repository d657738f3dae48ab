import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { fsReason } from '#core/fs-reason';
import { err, ok, type Result } from '#core/result';
import { isProcessAlive } from '#core/secure-file';

/**
 * One terminal per data folder: two engines on one database and one broker account would each trade
 * on positions the other changed. The lock is a file created atomically (written whole beside it, then
 * hard-linked into place, which fails if the name exists), naming the process that holds it. A lock
 * whose process is gone (killed, crashed, or from before a reboot) is taken over.
 */
export const LOCK_FILE_NAME = 'terminal.lock';

const holderSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  host: z.string(),
  shell: z.string(),
  bootId: z.string().optional(),
});
export type LockHolder = z.infer<typeof holderSchema>;

export interface TerminalLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

export type LockError = { kind: 'data-dir-locked'; message: string; holder: LockHolder } | { kind: 'lock-failed'; message: string };

const MAX_ATTEMPTS = 4;
let counter = 0;

/** Linux's id of this boot: a lock written before a reboot is stale whatever its pid now names. */
function currentBootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function uniqueName(file: string, tag: string): string {
  counter += 1;
  return `${file}.${tag}-${process.pid}-${counter}`;
}

/** Creates `file` with `text` in one step; false when it already exists. */
function createWhole(file: string, text: string): boolean {
  const tmp = uniqueName(file, 'new');
  fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
    // A file system without hard links: exclusive create, written at once (a reader may see it empty
    // for a moment, which counts as stale only after the writer is gone).
    try {
      fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, { encoding: 'utf8', flag: fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) });
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isHeld(holder: LockHolder, bootId: string | undefined): boolean {
  // Another machine's process (a shared network folder) cannot be checked: it counts as running.
  if (holder.host !== os.hostname()) return true;
  if (bootId !== undefined && holder.bootId !== undefined && holder.bootId !== bootId) return false;
  return isProcessAlive(holder.pid);
}

/** Moves a stale lock out of the way, unless someone replaced it since it was read. */
function removeStale(file: string, staleText: string): void {
  const aside = uniqueName(file, 'stale');
  try {
    fs.renameSync(file, aside);
  } catch {
    return;
  }
  if (readText(aside) !== staleText) {
    // A new holder's lock was moved by mistake: put it back.
    try {
      fs.linkSync(aside, file);
    } catch {
      // Someone else holds the name now; the next attempt reads who.
    }
  }
  fs.rmSync(aside, { force: true });
}

function describeHolder(holder: LockHolder): string {
  const self = holder.pid === process.pid && holder.host === os.hostname() ? ', this very process' : '';
  return `process ${holder.pid} (${holder.shell}${self}) on ${holder.host} since ${holder.startedAt}`;
}

export function acquireTerminalLock(dataDir: string, nowMs: number): Result<TerminalLock, LockError> {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const bootId = currentBootId();
  const holder: LockHolder = {
    pid: process.pid,
    startedAt: new Date(nowMs).toISOString(),
    host: os.hostname(),
    shell: process.versions.electron ? 'electron app' : 'headless',
    ...(bootId ? { bootId } : {}),
  };
  const text = `${JSON.stringify(holder)}\n`;
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (createWhole(file, text)) {
        return ok({
          file,
          holder,
          release: () => {
            if (readText(file) === text) fs.rmSync(file, { force: true });
          },
        });
      }
      const existing = readText(file);
      if (existing === undefined) continue;
      const other = parseHolder(existing);
      if (other && isHeld(other, bootId)) {
        return err({
          kind: 'data-dir-locked',
          holder: other,
          message: `another terminal is using the data folder ${dataDir}: ${describeHolder(other)}. Close it first, or start this one with another data folder. If that process is not a terminal, delete ${file}.`,
        });
      }
      removeStale(file, existing);
    }
  } catch (e) {
    return err({ kind: 'lock-failed', message: `cannot lock the data folder ${dataDir} (${fsReason(e)}); check that you can write to it` });
  }
  return err({ kind: 'lock-failed', message: `cannot lock the data folder ${dataDir}: other terminals keep starting on it; start one at a time` });
}
