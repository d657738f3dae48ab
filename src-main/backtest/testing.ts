import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import type { Bar } from '#model/bar';
import { createSqliteBarCache } from '#market/history/bar-cache';
import type { BacktestRequestInput } from './types.ts';

/**
 * A short request the tests share: seed 8 over 25–26 Nov 2026 on NIFTY and BANKNIFTY, with the sellers'
 * thresholds opened up (as the engine's simulated-day test does) and a tight straddle stop and target, so
 * that trades open and close on these days. Not a user command.
 */
export const SHORT_REQUEST: BacktestRequestInput = {
  bots: [
    { id: 'short-straddle', params: { ivPercentileMin: 0, targetPct: 5, stopLossPct: 5, checkEveryMinutes: 1, maxDirectionStrength: 1 } },
    { id: 'iron-condor', params: { ivPercentileMin: 10, ivPercentileMax: 90, atrPctMax: 2, narrowBandwidthPct: 8 } },
  ],
  underlyings: ['NIFTY', 'BANKNIFTY'],
  from: '2026-11-25',
  to: '2026-11-26',
  data: { kind: 'simulator', seed: 8 },
  warmupSessions: 2,
};

/**
 * History caches for the tests of one file: each call writes `bars` into a new SQLite file in a temporary
 * folder made before each test, closed and removed after it.
 */
export function historyFiles(prefix: string): (bars: readonly Bar[]) => Database.Database {
  let dir = '';
  const files: Database.Database[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => {
    for (const db of files.splice(0)) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return (bars) => {
    const db = new Database(path.join(dir, `history-${files.length}.sqlite`));
    files.push(db);
    createSqliteBarCache(db).save(bars, 'simulator');
    return db;
  };
}
