import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '#core/log';
import { openStore, type Store } from './database.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

let dir: string;
let store: Store;
const lines: { msg: string; reason?: string }[] = [];
const logger = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-checkpointer-'));
  const opened = openStore(path.join(dir, 'terminal.sqlite'), 0);
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  store.sqlite.exec('CREATE TABLE scratch (n INTEGER NOT NULL, pad TEXT NOT NULL)');
  lines.length = 0;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const autocheckpoint = (): number => store.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
const walPages = (): number => fs.statSync(`${store.file}-wal`).size / 4096;
const until = async (what: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** `n` commits of one row of about a page each: each appends at least one page to the WAL. */
const commits = (n: number, from = 0): void => {
  const insert = store.sqlite.prepare('INSERT INTO scratch (n, pad) VALUES (?, ?)');
  for (let i = 0; i < n; i++) insert.run(from + i, 'x'.repeat(3000));
};

/** A checkpointer on a thread script of the test's own, once it has given the checkpoints back to the main connection. */
async function fellBack(source: string) {
  const file = path.join(dir, 'thread.mjs');
  fs.writeFileSync(file, source);
  const cp = startWalCheckpointer(store, { logger, threadFile: file });
  await until(() => !cp.stats().running);
  expect(autocheckpoint()).toBe(1000);
  return cp;
}

describe('the WAL checkpoint thread', () => {
  it('checkpoints on its own connection while the main one never does, and the WAL stays short', async () => {
    const cp = startWalCheckpointer(store, { logger, intervalMs: 20 });
    try {
      expect(autocheckpoint()).toBe(0);
      // A terminal's writes: a few commits at a time, the checkpoint rounds between them.
      for (let k = 0; k < 60; k++) {
        commits(100, k * 100);
        const before = cp.stats().rounds;
        await until(() => cp.stats().rounds > before + 1);
      }
      expect(cp.stats()).toMatchObject({ running: true });
      // 6,000 commits wrote about 18,000 pages; the writer started the WAL over after each round had copied it.
      expect(walPages()).toBeLessThan(2000);
    } finally {
      await cp.stop();
    }
    expect(autocheckpoint()).toBe(1000);
    expect(cp.stats().running).toBe(false);
    expect(store.sqlite.prepare('SELECT count(*) AS c, sum(n) AS s FROM scratch').get()).toEqual({ c: 6000, s: (5999 * 6000) / 2 });
    expect(lines.filter((l) => l.msg.includes('checkpoint'))).toEqual([]);
  });

  it('cuts a WAL that writes without a pause made long back to its limit once it is all copied and the writer starts it over', async () => {
    const cp = startWalCheckpointer(store, { logger, intervalMs: 20, walLimitPages: 512 });
    let n = 3000;
    try {
      commits(3000);
      expect(walPages()).toBeGreaterThan(3000);
      await until(() => {
        commits(1, n++);
        return walPages() <= 512;
      });
    } finally {
      await cp.stop();
    }
    expect(store.sqlite.prepare('SELECT count(*) AS c FROM scratch').get()).toEqual({ c: n });
  });

  it('never makes a transaction that read before it writes meet a locked database', async () => {
    // The thread used to empty a long WAL with TRUNCATE, which holds the writer lock while it resets the WAL:
    // such a transaction then failed at once ("database is locked", 80 of 3,000 in 3 s with rounds every 2 ms),
    // whatever the busy timeout, and the engine's instant transactions read before they write.
    const cp = startWalCheckpointer(store, { logger, intervalMs: 2, walLimitPages: 64 });
    const count = store.sqlite.prepare('SELECT count(*) FROM scratch').pluck();
    const insert = store.sqlite.prepare('INSERT INTO scratch (n, pad) VALUES (?, ?)');
    const readThenWrite = store.sqlite.transaction((i: number) => {
      count.get();
      const t = Date.now();
      while (Date.now() - t < 1);
      insert.run(i, 'x'.repeat(3000));
    });
    const failures: string[] = [];
    let done = 0;
    try {
      for (const end = Date.now() + 1500; Date.now() < end; ) {
        for (let i = 0; i < 20; i++, done++) {
          try {
            readThenWrite(done);
          } catch (e) {
            failures.push((e as Error).message);
          }
        }
        await new Promise((r) => setImmediate(r));
      }
      expect(cp.stats().rounds).toBeGreaterThan(100);
    } finally {
      await cp.stop();
    }
    expect(failures).toEqual([]);
    expect(store.sqlite.prepare('SELECT count(*) AS c FROM scratch').get()).toEqual({ c: done });
  });

  it('without the thread the WAL grows past SQLite’s own checkpoint point: what the test above rules out', () => {
    store.sqlite.pragma('wal_autocheckpoint = 0');
    commits(3000);
    expect(walPages()).toBeGreaterThanOrEqual(3000);
  });

  it('gives the checkpoints back to the main connection, said once in the log, when the thread fails', async () => {
    const cp = await fellBack("throw new Error('no such database driver');\n");
    expect(lines.filter((l) => l.msg.includes('WAL checkpoint thread stopped'))).toEqual([expect.objectContaining({ reason: 'no such database driver' })]);
    await cp.stop();
    expect(lines.filter((l) => l.msg.includes('WAL checkpoint thread stopped'))).toHaveLength(1);
  });

  it('takes a message the thread never sends as a broken thread, and checkpoints on the main connection again', async () => {
    const cp = await fellBack("import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ kind: 'checkpoint', log: 'many' });\nsetInterval(() => {}, 1000);\n");
    expect(lines.find((l) => l.msg.includes('WAL checkpoint thread stopped'))?.reason).toMatch(/^the thread sent what it never sends/);
    await cp.stop();
  });

  it('starts no thread for an in-memory store', async () => {
    const opened = openStore(':memory:', 0);
    if (!opened.ok) throw new Error(opened.error.message);
    const cp = startWalCheckpointer(opened.value, { logger });
    expect(cp.stats()).toEqual({ rounds: 0, lastLog: 0, running: false });
    await cp.stop();
    await opened.value.close();
  });
});
