import { parentPort, workerData } from 'node:worker_threads';
import { runBacktest } from '../run-backtest.ts';
import { cancelMessageSchema, type ThreadMessage } from './thread-messages.ts';

/**
 * A backtest thread: runs one request (the worker's data) on its own engine, reports progress and the
 * result to the terminal's main thread, and stops at the next step when asked. The live engine's event
 * loop never runs a backtest step.
 */
const port = parentPort;
if (!port) throw new Error('backtest-thread runs only as a worker thread');

const abort = new AbortController();
port.on('message', (m: unknown) => {
  if (cancelMessageSchema.safeParse(m).success) abort.abort();
});

const send = (m: ThreadMessage): void => port.postMessage(m);
const result = await runBacktest(workerData, {}, (progress) => send({ kind: 'progress', progress }), abort.signal);
send(result.ok ? { kind: 'done', result: result.value } : { kind: 'failed', error: result.error });
port.close();
