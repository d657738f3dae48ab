import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './database.ts';
import { OrdersRepository } from './orders-repository.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concurrent-writers-'));
  const opened = openStore(path.join(dir, 'terminal.sqlite'), 0);
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  store.sqlite.exec('CREATE TABLE scratch (n INTEGER NOT NULL)');
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Another connection writing every millisecond for `ms`, as a training run or an import does beside a running terminal. */
function otherWriter(file: string, ms: number): Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const source = `
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare('INSERT INTO scratch (n) VALUES (-1)');
    const timer = setInterval(() => insert.run(), 1);
    setTimeout(() => { clearInterval(timer); db.close(); }, ${ms});`;
  const worker = new Worker(source, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
}

describe('transactions beside another connection that writes', () => {
  it('a store transaction that reads before it writes waits out the other writer instead of failing', async () => {
    // A deferred transaction (SQLite's default) fails at once with SQLITE_BUSY_SNAPSHOT when another connection
    // commits between its first read and its first write, whatever the busy timeout: 1,170–1,237 of about 1,500 did in
    // this test before the store's transactions began IMMEDIATE.
    const repo = new OrdersRepository(store.sqlite);
    const count = store.sqlite.prepare('SELECT count(*) FROM scratch').pluck();
    const insert = store.sqlite.prepare('INSERT INTO scratch (n) VALUES (?)');
    const other = otherWriter(store.file, 1500);
    const failures: string[] = [];
    let done = 0;
    for (const end = Date.now() + 1500; Date.now() < end; done++) {
      try {
        repo.transaction(() => {
          count.get();
          for (const t = Date.now(); Date.now() - t < 1; );
          insert.run(done);
        });
      } catch (e) {
        failures.push((e as { code?: string }).code ?? (e as Error).message);
      }
      await new Promise((r) => setImmediate(r));
    }
    await other;
    expect(failures).toEqual([]);
    expect(store.sqlite.prepare('SELECT count(*) FROM scratch WHERE n >= 0').pluck().get()).toBe(done);
    expect(store.sqlite.prepare('SELECT count(*) FROM scratch WHERE n < 0').pluck().get()).toBeGreaterThan(0);
  });
});
