import { Worker } from 'node:worker_threads';
import type { Unsubscribe } from '#core/bus';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import type { Store } from '#store/database';
import { htmlReport } from '../html-report.ts';
import { findBacktest, listBacktests, loadBacktest, saveBacktest, type StoredRun } from '../result-store.ts';
import { tradingSessions } from '../trading-days.ts';
import { backtestRequestSchema, type BacktestProgress, type BacktestResult } from '../types.ts';
import { threadMessageSchema } from './thread-messages.ts';

/**
 * Backtests for the terminal's own surfaces (the bridge, so the UI and the REST API): each request runs on
 * a worker thread of its own, so the live engine's event loop keeps trading while it plays; progress and
 * the end come back as messages, and the result is kept in the terminal's database (`backtest_runs`).
 */

export type BacktestState = 'running' | 'done' | 'failed' | 'cancelled';

/** A backtest of this run of the terminal, or one kept in its database (then `id` is the run id). */
export interface BacktestEntry {
  readonly id: string;
  /** The job id a finished run was started under (its `id` is then the kept run's). */
  readonly jobId?: string;
  readonly state: BacktestState;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly bots: readonly string[];
  readonly createdAt: number;
  readonly progress: BacktestProgress | null;
  readonly runId?: string;
  readonly message?: string;
  readonly summary?: { readonly netPnl: number; readonly sharpe: number | null; readonly maxDrawdownPct: number; readonly trades: number };
}

export type BacktestServiceError =
  | { readonly kind: 'invalid-input'; readonly message: string; readonly path?: string }
  /** As many backtests as the terminal allows are running. */
  | { readonly kind: 'invalid-state'; readonly message: string }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'not-available'; readonly message: string };

/** A request as the surfaces send it: the market is the simulator or this terminal's own bar cache. */
export interface StartBacktest {
  readonly request: Record<string, unknown> & { readonly data?: { readonly kind: 'simulator'; readonly seed: number; readonly tickMs?: number } | { readonly kind: 'history' } };
  readonly label?: string;
}

export interface BacktestService {
  start(s: StartBacktest): Result<BacktestEntry, BacktestServiceError>;
  cancel(id: string): Result<BacktestEntry, BacktestServiceError>;
  /** This run's unfinished and failed jobs, newest first, then the kept runs, newest first. */
  list(): BacktestEntry[];
  detail(id: string): Result<{ entry: BacktestEntry; result: BacktestResult | null }, BacktestServiceError>;
  /** A finished run's report as one HTML page. */
  report(id: string): Result<{ html: string; fileName: string }, BacktestServiceError>;
  /** Every change of a job: progress, the end (a finished job reported as its kept run, with `jobId`). */
  subscribe(listener: (e: BacktestEntry) => void): Unsubscribe;
  close(): Promise<void>;
}

export interface BacktestServiceOptions {
  /** The terminal's database: runs are kept there, and a `history` backtest replays its bars (opened read-only in the thread). */
  readonly store: Store;
  /** Wall time, for when a run was started and kept. */
  readonly now: () => number;
  readonly logger: Logger;
  /** The thread's entry; the Electron bundle names its own built file. */
  readonly threadFile?: URL | string;
  readonly maxRunning?: number;
  readonly maxSessions?: number;
}

/** Backtests at once: each takes a core; the live engine needs one too. */
export const MAX_RUNNING = 2;
/** Trading sessions one backtest may span: about a year. */
export const MAX_SESSIONS = 250;
/** Failed and cancelled jobs remembered for the list. */
const KEEP_ENDED = 20;
/** A thread asked to stop that has not answered by then is terminated. */
const CANCEL_GRACE_MS = 10_000;
/** Heap a backtest thread may use: a runaway one ends itself, not the terminal. */
const THREAD_HEAP_MB = 1536;

interface Job {
  entry: BacktestEntry;
  readonly worker: Worker;
  ended: boolean;
  cancelTimer?: NodeJS.Timeout;
}

export function createBacktestService(o: BacktestServiceOptions): BacktestService {
  const maxRunning = o.maxRunning ?? MAX_RUNNING;
  const maxSessions = o.maxSessions ?? MAX_SESSIONS;
  const databaseFile = o.store.file === ':memory:' ? undefined : o.store.file;
  const threadFile = o.threadFile ?? new URL('./backtest-thread.ts', import.meta.url);
  const jobs = new Map<string, Job>();
  const listeners = new Set<(e: BacktestEntry) => void>();
  let seq = 0;

  const emit = (e: BacktestEntry): void => {
    for (const l of [...listeners]) {
      try {
        l(e);
      } catch (error) {
        o.logger.error({ err: error }, 'a backtest listener threw');
      }
    }
  };
  const running = (): number => [...jobs.values()].filter((j) => j.entry.state === 'running').length;
  const update = (job: Job, patch: Partial<BacktestEntry>): void => {
    job.entry = { ...job.entry, ...patch };
    emit(job.entry);
  };

  const forgetOldEnded = (): void => {
    const ended = [...jobs.values()].filter((j) => j.entry.state === 'failed' || j.entry.state === 'cancelled');
    for (const j of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) jobs.delete(j.entry.id);
  };

  const finish = (job: Job, patch: Partial<BacktestEntry>): void => {
    if (job.ended) return;
    job.ended = true;
    clearTimeout(job.cancelTimer);
    update(job, patch);
    forgetOldEnded();
  };

  const done = (job: Job, result: BacktestResult): void => {
    let runId: string;
    try {
      runId = saveBacktest(o.store, result, job.entry.createdAt, job.entry.label);
    } catch (e) {
      o.logger.error({ err: e, job: job.entry.id }, 'cannot keep a backtest result');
      finish(job, { state: 'failed', message: `the backtest finished but its result could not be kept in the database: ${(e as Error).message}` });
      return;
    }
    const m = result.portfolio.metrics;
    job.ended = true;
    job.entry = { ...job.entry, state: 'done', runId, summary: { netPnl: m.netPnl, sharpe: m.sharpe, maxDrawdownPct: m.maxDrawdownPct, trades: m.trades } };
    emit(asRun(job.entry));
  };

  const onMessage = (job: Job, raw: unknown): void => {
    const m = threadMessageSchema.safeParse(raw);
    if (!m.success) {
      o.logger.error({ job: job.entry.id, issue: m.error.issues[0] }, 'a backtest thread sent a message out of contract');
      finish(job, { state: 'failed', message: 'the backtest thread sent a message this build does not understand' });
      void job.worker.terminate();
      return;
    }
    const msg = m.data;
    if (msg.kind === 'progress') {
      if (!job.ended) update(job, { progress: { ...msg.progress, fraction: Math.min(1, Math.max(0, msg.progress.fraction)) } });
    } else if (msg.kind === 'done') {
      // Checked above, kept as the thread built it: the run id hashes its JSON, as `npm run backtest` keeps it.
      done(job, (raw as { result: BacktestResult }).result);
    } else {
      finish(job, { state: msg.error.kind === 'aborted' ? 'cancelled' : 'failed', message: msg.error.message });
    }
  };

  function start(s: StartBacktest): Result<BacktestEntry, BacktestServiceError> {
    const data = s.request.data ?? { kind: 'simulator', seed: 1 };
    if (data.kind === 'history' && databaseFile === undefined) return err({ kind: 'not-available', message: 'this terminal has no database file to replay history from' });
    const parsed = backtestRequestSchema.safeParse({ ...s.request, data: data.kind === 'history' ? { kind: 'history', database: databaseFile } : data });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.map(String).join('.');
      return err({ kind: 'invalid-input', message: `${path ? `${path}: ` : ''}${issue.message}`, ...(path ? { path } : {}) });
    }
    const request = parsed.data;
    const sessions = tradingSessions(request.from, request.to).length;
    if (sessions === 0) return err({ kind: 'invalid-input', message: `there is no NSE trading session between ${request.from} and ${request.to}`, path: 'to' });
    if (sessions > maxSessions) return err({ kind: 'invalid-input', message: `${request.from} to ${request.to} spans ${sessions} trading sessions; a backtest here may span at most ${maxSessions} (run longer ones with npm run backtest)`, path: 'to' });
    if (running() >= maxRunning) return err({ kind: 'invalid-state', message: `${maxRunning} backtests are running already: wait for one to finish or cancel one` });

    const createdAt = o.now();
    const id = `bt-${createdAt.toString(36)}-${(++seq).toString(36)}`;
    const bots = request.bots.map((b) => b.id);
    const worker = new Worker(threadFile, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
    const job: Job = {
      worker,
      ended: false,
      entry: {
        id,
        state: 'running',
        label: s.label || `${request.from}..${request.to} ${bots.join(',')}`,
        from: request.from,
        to: request.to,
        bots,
        createdAt,
        progress: { daysDone: 0, daysTotal: sessions, day: request.from, fraction: 0 },
      },
    };
    jobs.set(id, job);
    worker.on('message', (m: unknown) => onMessage(job, m));
    worker.on('error', (e) => {
      o.logger.error({ err: e, job: id }, 'a backtest thread failed');
      finish(job, { state: 'failed', message: `the backtest thread failed: ${e.message}` });
    });
    worker.on('exit', (code) => finish(job, { state: 'failed', message: `the backtest thread ended (exit code ${code}) without a result` }));
    o.logger.info({ job: id, from: request.from, to: request.to, bots, sessions }, 'backtest started');
    emit(job.entry);
    return ok(job.entry);
  }

  function cancel(id: string): Result<BacktestEntry, BacktestServiceError> {
    const job = jobs.get(id);
    if (!job) return err({ kind: 'not-found', message: `there is no running backtest ${id}` });
    if (job.entry.state !== 'running') return err({ kind: 'invalid-state', message: `backtest ${id} is ${job.entry.state} already` });
    job.worker.postMessage({ kind: 'cancel' });
    job.cancelTimer ??= setTimeout(() => {
      finish(job, { state: 'cancelled', message: 'stopped on request' });
      void job.worker.terminate();
    }, CANCEL_GRACE_MS);
    return ok(job.entry);
  }

  const fromRun = (r: StoredRun): BacktestEntry => ({
    id: r.runId,
    runId: r.runId,
    state: 'done',
    label: r.label,
    from: r.from,
    to: r.to,
    bots: r.bots,
    createdAt: r.createdAt,
    progress: null,
    summary: { netPnl: r.netPnl, sharpe: r.sharpe, maxDrawdownPct: r.maxDrawdownPct, trades: r.trades },
  });

  function detail(id: string): Result<{ entry: BacktestEntry; result: BacktestResult | null }, BacktestServiceError> {
    const job = jobs.get(id);
    if (job && job.entry.state !== 'done') return ok({ entry: job.entry, result: null });
    const runId = job?.entry.runId ?? id;
    const run = findBacktest(o.store, runId);
    if (!run) return err({ kind: 'not-found', message: `there is no backtest ${id}` });
    const loaded = loadBacktest(o.store, runId);
    if (!loaded.ok) return err({ kind: 'not-available', message: loaded.error });
    return ok({ entry: job ? asRun(job.entry) : fromRun(run), result: loaded.value });
  }

  return {
    start,
    cancel,
    list: () => [
      ...[...jobs.values()]
        .filter((j) => j.entry.state !== 'done')
        .map((j) => j.entry)
        .reverse(),
      ...listBacktests(o.store).map(fromRun),
    ],
    detail,
    report(id) {
      const d = detail(id);
      if (!d.ok) return d;
      if (!d.value.result) return err({ kind: 'invalid-state', message: `backtest ${id} is ${d.value.entry.state}: a report is made once it is done` });
      return ok({ html: htmlReport(d.value.result), fileName: `backtest-${d.value.entry.id}.html` });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      const live = [...jobs.values()].filter((j) => !j.ended);
      for (const j of live) finish(j, { state: 'cancelled', message: 'the terminal closed' });
      await Promise.all(live.map((j) => j.worker.terminate()));
      listeners.clear();
    },
  };
}

/** A finished job as the run it was kept as: its id is the run's, the job's id rides along. */
function asRun(e: BacktestEntry): BacktestEntry {
  return e.runId === undefined ? e : { ...e, id: e.runId, jobId: e.id };
}
