import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { STOP_MESSAGE, type CheckpointMessage, type CheckpointThreadData } from './checkpoint-messages.ts';

/**
 * The store's WAL checkpoints, on a thread of their own: every `intervalMs` a PASSIVE checkpoint copies
 * what the WAL holds into the database file (and syncs it) on this thread's own connection, so no commit
 * on the main thread ever pays for it. PASSIVE takes no writer lock and waits for nothing: frames still in
 * use are left for the next round, and the writer starts the WAL over once a round has copied it all (cutting
 * the file back to the main connection's `journal_size_limit`). Never a TRUNCATE or RESTART: those hold the
 * writer lock while they reset the WAL, and a transaction on the main connection that read before it writes
 * then fails at once with "database is locked" (its snapshot is gone), which no busy timeout waits out.
 */
const port = parentPort;
if (!port) throw new Error('checkpoint-thread runs only as a worker thread');
const { file, intervalMs } = workerData as CheckpointThreadData;
const send = (m: CheckpointMessage): void => port.postMessage(m);

const db = new BetterSqlite3(file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const round = (): void => {
  try {
    const r = (db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[])[0]!;
    send({ kind: 'checkpoint', log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    clearInterval(timer);
    db.close();
    send({ kind: 'failed', message: (e as Error).message });
    port.close();
  }
};
const timer = setInterval(round, intervalMs);
port.on('message', (m: unknown) => {
  if (m !== STOP_MESSAGE) return;
  clearInterval(timer);
  if (db.open) db.close();
  port.close();
});
