import { Worker } from 'node:worker_threads';
import type { Logger } from '#core/log';
import { checkpointMessageSchema, STOP_MESSAGE, type CheckpointThreadData } from './checkpoint-messages.ts';
import type { Store } from './database.ts';

/** SQLite's own default: the committing connection checkpoints once the WAL passes this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
const STOP_GRACE_MS = 2000;
const DEFAULT_INTERVAL_MS = 5000;

export interface WalCheckpointerOptions {
  readonly logger: Logger;
  /** The thread's script: the bundle's `checkpoint-thread.js` in the app; default this folder's source. */
  readonly threadFile?: URL | string;
  /**
   * Between checkpoints (default 5 s): the WAL holds at most about this long of writes. Each round that
   * copies anything syncs the database file; an accelerated simulation commits dozens of times a second, and
   * rounds every second were as many syncs as commits of 1,000 pages would have been many times over.
   */
  readonly intervalMs?: number;
  /**
   * When the writer starts a fully copied WAL over, the file is cut back to this many pages (the main
   * connection's `journal_size_limit`; default 4,096 pages, 16 MB): a burst of writes leaves no large WAL file.
   */
  readonly walLimitPages?: number;
}

export interface CheckpointStats {
  readonly rounds: number;
  readonly lastLog: number;
  readonly running: boolean;
}

export interface WalCheckpointer {
  /** Rounds made, the WAL's frames at the last one, and whether the thread still runs them. */
  stats(): CheckpointStats;
  /** Stops the thread; the store checkpoints on its own again (and fully when it closes). */
  stop(): Promise<void>;
}

/**
 * Takes the WAL checkpoints off the store's main connection. By default SQLite checkpoints inside
 * whichever commit takes the WAL past 1,000 pages: that commit copies the pages into the database file
 * and syncs it, several milliseconds on the thread that committed, which is the engine's. Here the main
 * connection never checkpoints (`wal_autocheckpoint = 0`) and a worker thread with its own connection
 * checkpoints every few seconds (checkpoint-thread.ts). Should the thread fail or exit, the main connection
 * checkpoints as before, said once in the log: the WAL never grows without bound. An in-memory store has
 * no WAL: nothing starts.
 */
export function startWalCheckpointer(store: Store, o: WalCheckpointerOptions): WalCheckpointer {
  let rounds = 0;
  let lastLog = 0;
  if (store.file === ':memory:') return { stats: () => ({ rounds, lastLog, running: false }), stop: async () => undefined };
  let running = true;
  let stopping = false;
  const data: CheckpointThreadData = { file: store.file, intervalMs: o.intervalMs ?? DEFAULT_INTERVAL_MS };
  const pageSize = store.sqlite.pragma('page_size', { simple: true }) as number;
  store.sqlite.pragma(`journal_size_limit = ${(o.walLimitPages ?? 4096) * pageSize}`);
  const worker = new Worker(o.threadFile ?? new URL('./checkpoint-thread.ts', import.meta.url), { workerData: data });
  // Upkeep, not work: the thread alone never keeps the process alive.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  store.sqlite.pragma('wal_autocheckpoint = 0');
  const fallBack = (why: string): void => {
    if (!running) return;
    running = false;
    if (store.sqlite.open) store.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    if (!stopping) o.logger.warn({ reason: why }, 'the WAL checkpoint thread stopped: the database checkpoints on the engine thread again');
  };
  worker.on('message', (raw: unknown) => {
    const parsed = checkpointMessageSchema.safeParse(raw);
    if (!parsed.success) {
      fallBack(`the thread sent what it never sends: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
      void worker.terminate();
      return;
    }
    const m = parsed.data;
    if (m.kind === 'checkpoint') {
      rounds++;
      lastLog = m.log;
    } else if (m.kind === 'failed') fallBack(m.message);
  });
  worker.on('error', (e) => fallBack(e.message));
  worker.on('exit', (code) => fallBack(`the thread exited (code ${code})`));
  return {
    stats: () => ({ rounds, lastLog, running }),
    async stop() {
      stopping = true;
      worker.postMessage(STOP_MESSAGE);
      // A round in flight finishes first; a thread that does not answer is ended.
      const late = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(late);
    },
  };
}
