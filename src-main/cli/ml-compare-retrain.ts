import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { err, ok, type Result } from '#core/result';
import { istDateFromKey } from '#core/time-ist';
import { nseCalendar } from '#market/session-calendar';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { indexInstrument, UNDERLYINGS } from '#market/feeds/simulator/instruments';
import type { BacktestRequest } from '#backtest/types';
import { MODEL_KINDS } from '#ml/models/catalog';
import { writeModelFiles } from '#ml/service/model-files';
import type { TrainingInput } from '#ml/training/dataset';
import { historyTrainingInput } from '#ml/training/history-input';
import { startTrainingJob, type TrainingJobOptions } from '#ml/training/training-job';
import type { FoldModelMaker, MlCompareError, ModelUsed } from './ml-compare.ts';
import { simulatedTrainingInput } from './training-data.ts';

export interface RetrainOptions {
  readonly request: BacktestRequest;
  /** Trading sessions of training data before each fold. */
  readonly trainSessions: number;
  /** Trading sessions left out between the training data and the fold. */
  readonly embargoSessions: number;
  readonly seed: number;
  /** Epochs and batch sizes per kind (tests make it quick); default each model's own. */
  readonly fit?: TrainingJobOptions['fit'];
  /** Where each fold's models are written (`fold-<n>/`, the layout of shipped defaults). */
  readonly dir: string;
  readonly onProgress?: (fraction: number) => void;
}

/** The `n` trading sessions that end `gap` sessions before `first`, oldest first. */
export function sessionsBefore(first: string, gap: number, n: number): string[] {
  const keys: string[] = [];
  let key = first;
  for (let i = 0; i < gap + n; i++) {
    key = nseCalendar.previousTradingDay(key);
    if (i >= gap) keys.unshift(key);
  }
  return keys;
}

/**
 * Per fold, every model trained afresh on the sessions before it: `trainSessions` sessions ending
 * `embargoSessions` sessions before the fold's first, so no bar the models learned from (or were tested on
 * inside their own training) lies in the fold or next to it, and the ML arm is out of sample on every fold.
 * The data is the request's market: the stored history it replays, or the same seed's simulator run over
 * those sessions. Training runs in a worker thread; the models go into the fold's own folder.
 */
export function retrainPerFold(o: RetrainOptions): FoldModelMaker {
  return async (fold, signal) => {
    const days = sessionsBefore(fold.from, o.embargoSessions, o.trainSessions);
    const window = { from: days[0]!, to: days.at(-1)! };
    const input = await trainingInput(o.request, window.from, window.to, days.length);
    if (!input.ok) return input;
    const job = startTrainingJob(input.value, { kinds: MODEL_KINDS, seed: o.seed, ...(o.fit ? { fit: o.fit } : {}), ...(o.onProgress ? { onProgress: (p) => o.onProgress!(p.fraction) } : {}) });
    const stop = () => job.cancel();
    signal?.addEventListener('abort', stop, { once: true });
    const outcome = await job.done;
    signal?.removeEventListener('abort', stop);
    if (outcome.kind === 'cancelled') return err({ kind: 'aborted', message: 'cancelled while training the models' });
    if (outcome.kind === 'failed') return err({ kind: 'training', message: outcome.message });
    const dir = path.join(o.dir, `fold-${fold.index + 1}`);
    const used: ModelUsed[] = [];
    const problems: string[] = [];
    for (const x of outcome.outcomes) {
      if (!x.ok) {
        problems.push(`${x.kind}: ${x.error.message}`);
        continue;
      }
      const written = writeModelFiles(dir, x.kind, x.model.onnx, x.model.manifest);
      if (!written.ok) return err({ kind: 'training', message: written.error.message });
      const data = x.model.manifest.data;
      used.push({ modelId: `${x.kind} (fold ${fold.index + 1})`, source: data?.source ?? input.value.source, ...(data ? { from: data.from, to: data.to } : {}) });
    }
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return ok({ models: { shippedDir: dir, modelsDir: path.join(dir, 'unused') }, training: { ...window, sessions: days.length, embargoSessions: o.embargoSessions, models: used, problems } });
  };
}

/** The bars of the sessions `from`..`to` of the market the request replays. */
async function trainingInput(request: BacktestRequest, from: string, to: string, sessions: number): Promise<Result<TrainingInput, MlCompareError>> {
  if (request.data.kind === 'simulator') return ok(simulatedTrainingInput({ seed: request.data.seed, sessions, fromDateKey: from }));
  const file = request.data.database;
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return err({ kind: 'no-data', message: `cannot open the history database ${file}: ${(e as Error).message}` });
  }
  try {
    const ids = UNDERLYINGS.filter((u) => (request.underlyings as readonly string[]).includes(u.name)).map((u) => indexInstrument(u).id);
    const start = nseCalendar.sessionOn(from)?.open ?? istDateFromKey(from);
    const end = nseCalendar.sessionOn(to)?.close ?? istDateFromKey(to);
    const got = await historyTrainingInput(createSqliteBarCache(sqlite), ids, start, end);
    if (got.input.series.length === 0) return err({ kind: 'no-data', message: `${file} has no 5-minute or 1-minute bars of ${ids.join(', ')} from ${from} to ${to} to train the fold's models on: import older history or start the range later` });
    return ok(got.input);
  } finally {
    sqlite.close();
  }
}
