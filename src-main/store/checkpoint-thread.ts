import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { STOP_MESSAGE, type CheckpointMessage, type CheckpointThreadData } from './checkpoint-messages.ts';

/**
 * The store's WAL checkpoints, on a thread of their own: every `intervalMs` a PASSIVE checkpoint copies
 * what the WAL holds into the database file (and syncs it) on this thread's own connection, so no commit
 * on the main thread ever pays for it. PASSIVE takes no writer lock and waits for nothing: frames still in
 * use are left for the next round, and the writer starts the WAL over once a round has copied it all.
 * Should writes come so fast that the WAL passes `truncatePages` anyway, a TRUNCATE checkpoint empties
 * it, without waiting (busy_timeout 0): if the writer is busy it is tried again the next round.
 */
const port = parentPort;
if (!port) throw new Error('checkpoint-thread runs only as a worker thread');
const { file, intervalMs, truncatePages } = workerData as CheckpointThreadData;
const send = (m: CheckpointMessage): void => port.postMessage(m);

const db = new BetterSqlite3(file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = (mode: 'PASSIVE' | 'TRUNCATE') => (db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[])[0]!;
const round = (): void => {
  try {
    const r = checkpoint('PASSIVE');
    const truncated = r.log >= truncatePages && r.checkpointed === r.log && checkpoint('TRUNCATE').busy === 0;
    send({ kind: 'checkpoint', log: r.log, checkpointed: r.checkpointed, truncated });
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
