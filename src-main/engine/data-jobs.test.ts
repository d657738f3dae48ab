import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { ok } from '#core/result';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { createSqliteBarCache } from '#market/history/bar-cache';
import type { HistorySource } from '#market/history/history-loader';
import { openStore, type Store } from '#store/database';
import { createDataJobs, type DataJob } from './data-jobs.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-jobs-'));
  const opened = openStore(path.join(dir, 'terminal.sqlite'), 1);
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The jobs on a real SQLite file, every event kept. */
function setup(historySource?: HistorySource) {
  const events: DataJob[] = [];
  const cache = createSqliteBarCache(store.sqlite);
  const jobs = createDataJobs({ cache, clock: new SimClock(istToEpoch(2025, 12, 2, 16, 0)), logger: silentLogger(), publish: (j) => events.push(j), ...(historySource ? { historySource } : {}) });
  const settled = async () => {
    for (let i = 0; i < 200 && jobs.current()?.state === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    return jobs.current()!;
  };
  return { jobs, events, cache, settled };
}

const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const minutes = (n: number) => ['timestamp,open,high,low,close,volume', ...Array.from({ length: n }, (_, i) => `2025-12-01 ${String(9 + Math.floor((15 + i) / 60)).padStart(2, '0')}:${String((15 + i) % 60).padStart(2, '0')}:00,100,101,99,100.5,10`)].join('\n');
const options = { format: 'ohlcv', instrumentId: NIFTY, timeframe: '1m', timezone: 'Asia/Kolkata', stamp: 'start' } as const;

describe('data jobs: CSV import from the settings screen', () => {
  it('imports a file into the database with rising progress, then says what it imported', async () => {
    const { jobs, events, cache, settled } = setup();
    const started = jobs.importCsv({ path: write('nifty.csv', minutes(300)), options });
    expect(started).toMatchObject({ ok: true, value: { kind: 'csv-import', state: 'running', title: 'Import of nifty.csv' } });
    const done = await settled();
    expect(done).toMatchObject({ state: 'done', progress: 1, detail: 'Imported 300 bars from 1 of 1 file.', problems: [] });
    const progress = events.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await cache.range(NIFTY, '1m', 0, Number.MAX_SAFE_INTEGER)).toHaveLength(300);
  });

  it('imports nothing from a bad file and lists its bad rows by line; a folder imports the good files', async () => {
    const { jobs, cache, settled } = setup();
    fs.mkdirSync(path.join(dir, 'csvs'));
    write('csvs/a-good.csv', minutes(10));
    write('csvs/b-bad.csv', 'timestamp,open,high,low,close,volume\n2025-12-01 09:15:00,100,99,101,100,1\n');
    expect(jobs.importCsv({ path: path.join(dir, 'csvs'), options }).ok).toBe(true);
    const done = await settled();
    expect(done.state).toBe('done');
    expect(done.detail).toBe('Imported 10 bars from 1 of 2 files; 1 not imported, listed below.');
    expect(done.problems.some((p) => p.startsWith('b-bad.csv line 2: '))).toBe(true);
    expect(await cache.range(NIFTY, '1m', 0, Number.MAX_SAFE_INTEGER)).toHaveLength(10);
  });

  it('refuses a relative path, a file that is not .csv, a missing file, and a second job while one runs', async () => {
    const { jobs, settled } = setup();
    expect(jobs.importCsv({ path: 'nifty.csv', options })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/^give the full path/) } });
    expect(jobs.importCsv({ path: write('notes.txt', 'x'), options })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is not a \.csv file$/) } });
    expect(jobs.importCsv({ path: path.join(dir, 'missing.csv'), options })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^cannot read .*ENOENT/) } });
    expect(jobs.importCsv({ path: write('big.csv', minutes(300)), options }).ok).toBe(true);
    expect(jobs.importCsv({ path: write('other.csv', minutes(5)), options })).toMatchObject({ ok: false, error: { kind: 'invalid-state', message: 'Import of big.csv is still running: wait for it to finish' } });
    await settled();
  });
});

describe('data jobs: history download', () => {
  it('is not offered without OpenAlgo', () => {
    expect(setup().jobs.downloadHistory({ instrumentIds: [NIFTY], timeframe: '1d', days: 5 })).toMatchObject({ ok: false, error: { kind: 'not-available' } });
  });

  it('fetches the sessions the cache lacks, with progress, and a second run fetches none', async () => {
    const asked: string[] = [];
    const source: HistorySource = {
      fetch: async (symbol, exchange, interval, from, to) => {
        asked.push(`${from}..${to}`);
        const bars: Bar[] = [];
        for (const key of ['2025-11-26', '2025-11-27', '2025-11-28', '2025-12-01', '2025-12-02']) {
          if (key < from || key > to) continue;
          const [y, m, d] = key.split('-').map(Number) as [number, number, number];
          bars.push({ instrumentId: instrumentId(exchange, symbol), timeframe: interval, tsStart: istToEpoch(y, m, d, 9, 15), open: 1, high: 2, low: 1, close: 2, volume: 0, closed: true });
        }
        return ok(bars);
      },
    };
    const { jobs, events, settled } = setup(source);
    expect(jobs.downloadHistory({ instrumentIds: [NIFTY], timeframe: '1d', days: 7 }).ok).toBe(true);
    const done = await settled();
    expect(done).toMatchObject({ state: 'done', detail: 'Downloaded: 5 sessions fetched, 0 already cached (2025-11-26 to 2025-12-02).' });
    expect(events.some((e) => e.state === 'running' && e.detail.startsWith('NIFTY 1d: '))).toBe(true);
    expect(jobs.downloadHistory({ instrumentIds: [NIFTY], timeframe: '1d', days: 7 }).ok).toBe(true);
    expect(await settled()).toMatchObject({ detail: 'Downloaded: 0 sessions fetched, 5 already cached (2025-11-26 to 2025-12-02).' });
    expect(asked).toHaveLength(1);
  });
});
