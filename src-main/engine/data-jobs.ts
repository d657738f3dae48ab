import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '#core/clock';
import { fsReason } from '#core/fs-reason';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { BarCache } from '#market/history/bar-cache';
import { importCsvStream, type CsvImportOptions } from '#market/history/csv-import';
import { loadHistory, type HistorySource } from '#market/history/history-loader';

/** A CSV import or a history download as the settings screen follows it. */
export interface DataJob {
  readonly id: string;
  readonly kind: 'csv-import' | 'history';
  readonly state: 'running' | 'done' | 'failed';
  readonly title: string;
  /** 0..1 of the work, by bytes read (import) or sessions finished (history). */
  readonly progress: number;
  /** What it is doing now, or what it did. */
  readonly detail: string;
  /** Bad rows by line, files not imported, chunks that failed. */
  readonly problems: readonly string[];
}

export type DataJobError = { kind: 'invalid-input'; message: string } | { kind: 'invalid-state'; message: string } | { kind: 'not-available'; message: string };

export interface CsvImportRequest {
  /** A .csv file or a folder of them, on the machine the engine runs on. */
  readonly path: string;
  readonly options: CsvImportOptions;
}

export interface HistoryRequest {
  readonly instrumentIds: readonly InstrumentId[];
  readonly timeframe: Timeframe;
  /** Calendar days back from today (IST), today included. */
  readonly days: number;
}

export interface DataJobsDeps {
  readonly cache: BarCache;
  readonly clock: Clock;
  readonly logger: Logger;
  /** OpenAlgo's history (paper and live); absent in simulation, whose history is generated. */
  readonly historySource?: HistorySource;
  readonly publish: (job: DataJob) => void;
}

/** Problems listed with a job; the count says how many more there were. */
const MAX_PROBLEMS = 50;

/** The .csv files a path names: the file itself, or a folder's, in name order. */
function csvFiles(typed: string): Result<string[], DataJobError> {
  const bad = (message: string) => err({ kind: 'invalid-input' as const, message });
  if (!path.isAbsolute(typed)) return bad(`give the full path of the file or folder (it is read on the machine the terminal runs on), not ${typed}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(typed);
  } catch (e) {
    return bad(`cannot read ${typed} (${fsReason(e)})`);
  }
  if (!stat.isDirectory()) return typed.toLowerCase().endsWith('.csv') ? ok([typed]) : bad(`${typed} is not a .csv file`);
  let names: string[];
  try {
    names = fs
      .readdirSync(typed, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.csv'))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    return bad(`cannot read the folder ${typed} (${fsReason(e)})`);
  }
  return names.length > 0 ? ok(names.map((n) => path.join(typed, n))) : bad(`no .csv files in ${typed} (unzip NSE's bhavcopy .zip files first)`);
}

/**
 * The data jobs the settings screen starts: a CSV import (a file or a folder, streamed with flat memory,
 * a bad file imports nothing and is listed by line) or a history download through OpenAlgo (only what
 * the cache lacks). One at a time; each reports its progress as it goes.
 */
export function createDataJobs(deps: DataJobsDeps) {
  let current: DataJob | undefined;
  let seq = 0;
  let lastPercent = -1;

  const update = (job: DataJob, force = false): void => {
    current = job;
    // At most one event per percent while it runs: a big file reads thousands of chunks.
    const percent = Math.floor(job.progress * 100);
    if (!force && job.state === 'running' && percent === lastPercent) return;
    lastPercent = percent;
    deps.publish(job);
  };

  const begin = (kind: DataJob['kind'], title: string): Result<DataJob, DataJobError> => {
    if (current?.state === 'running') return err({ kind: 'invalid-state', message: `${current.title} is still running: wait for it to finish` });
    seq++;
    lastPercent = -1;
    const job: DataJob = { id: `job-${seq}`, kind, state: 'running', title, progress: 0, detail: 'starting…', problems: [] };
    update(job, true);
    return ok(job);
  };

  const finish = (job: DataJob, state: 'done' | 'failed', detail: string, problems: string[]): void => {
    const listed = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`] : problems;
    update({ ...job, state, progress: state === 'done' ? 1 : job.progress, detail, problems: listed }, true);
  };

  async function runImport(job: DataJob, files: readonly string[], options: CsvImportOptions): Promise<void> {
    const sizes = files.map((f) => fs.statSync(f).size);
    const total = Math.max(1, sizes.reduce((a, b) => a + b, 0));
    let before = 0;
    let bars = 0;
    const problems: string[] = [];
    let failedFiles = 0;
    for (const [i, file] of files.entries()) {
      const name = path.basename(file);
      const result = await importCsvStream(fs.createReadStream(file), options, deps.cache, (p) =>
        update({ ...current!, progress: Math.min(1, (before + p.bytes) / total), detail: `${files.length > 1 ? `file ${i + 1} of ${files.length}, ` : ''}${name}: ${p.rows.toLocaleString('en-IN')} rows read` }),
      );
      before += sizes[i]!;
      if (result.ok) bars += result.value.bars;
      else {
        failedFiles++;
        problems.push(`${name}: ${result.error.message}`);
        if (result.error.kind === 'csv-invalid') for (const e of result.error.errors) problems.push(`${name} line ${e.line}: ${e.message}`);
      }
    }
    const imported = `${bars.toLocaleString('en-IN')} bars from ${files.length - failedFiles} of ${files.length} file${files.length > 1 ? 's' : ''}`;
    if (failedFiles === files.length) finish(job, 'failed', `Nothing imported: ${files.length > 1 ? 'no file' : 'the file'} passed the checks.`, problems);
    else finish(job, 'done', failedFiles > 0 ? `Imported ${imported}; ${failedFiles} not imported, listed below.` : `Imported ${imported}.`, problems);
  }

  async function runHistory(job: DataJob, request: HistoryRequest, source: HistorySource): Promise<void> {
    const now = deps.clock.now();
    const to = istDateKey(now);
    const from = istDateKey(now - (request.days - 1) * 86_400_000);
    const problems: string[] = [];
    let fetched = 0;
    let cached = 0;
    const n = request.instrumentIds.length;
    for (const [i, id] of request.instrumentIds.entries()) {
      const [exchange = '', symbol = ''] = id.split(':');
      const r = await loadHistory(source, deps.cache, {
        symbol,
        exchange,
        timeframe: request.timeframe,
        fromDateKey: from,
        toDateKey: to,
        nowMs: now,
        onProgress: (p) => update({ ...current!, progress: (i + p.doneSessions / Math.max(1, p.totalSessions)) / n, detail: `${symbol} ${request.timeframe}: ${p.doneSessions} of ${p.totalSessions} sessions` }),
      });
      if (r.ok) {
        fetched += r.value.fetchedSessions;
        cached += r.value.cachedSessions;
      } else problems.push(`${symbol}: ${r.error.message}`);
    }
    const summary = `${fetched} session${fetched === 1 ? '' : 's'} fetched, ${cached} already cached (${from} to ${to})`;
    if (problems.length === n) finish(job, 'failed', `Nothing downloaded: ${problems.length > 1 ? 'every instrument failed' : 'the download failed'}.`, problems);
    else finish(job, 'done', problems.length > 0 ? `${summary}; ${problems.length} instrument(s) failed, listed below.` : `Downloaded: ${summary}.`, problems);
  }

  /** A job's own failure is written on it; an unexpected throw ends it as failed instead of leaving it running. */
  const guard = (job: DataJob, work: Promise<void>): void => {
    work.catch((e: unknown) => {
      deps.logger.error({ err: e, job: job.id }, 'data job failed');
      finish(current ?? job, 'failed', 'Stopped by an unexpected error; see the log.', []);
    });
  };

  return {
    current: (): DataJob | undefined => current,

    importCsv(request: CsvImportRequest): Result<DataJob, DataJobError> {
      const files = csvFiles(request.path);
      if (!files.ok) return files;
      const job = begin('csv-import', `Import of ${path.basename(request.path)}`);
      if (job.ok) guard(job.value, runImport(job.value, files.value, request.options));
      return job;
    },

    downloadHistory(request: HistoryRequest): Result<DataJob, DataJobError> {
      const source = deps.historySource;
      if (!source) return err({ kind: 'not-available', message: 'history is downloaded from OpenAlgo in paper and live mode; the simulation makes its own' });
      const job = begin('history', `History download (${request.timeframe}, ${request.days} days)`);
      if (job.ok) guard(job.value, runHistory(job.value, request, source));
      return job;
    },
  };
}

export type DataJobs = ReturnType<typeof createDataJobs>;
