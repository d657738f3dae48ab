import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const CLI = path.join(import.meta.dirname, 'import-csv.ts');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--data-dir', dir], { encoding: 'utf8' });
const csv = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const ohlcv = ['--format', 'ohlcv', '--instrument', 'NSE_INDEX:NIFTY', '--timeframe', '1m', '--timezone', 'IST', '--stamp', 'start'];

describe('import:csv command', () => {
  it('imports a TradingView-style file into the database', () => {
    const f = csv('ok.csv', 'time,open,high,low,close,volume\n2025-11-25 09:15:00,26000,26010,25990,26005,0\n2025-11-25 09:16:00,26005,26020,26001,26018,0\n');
    const out = execFileSync(process.execPath, [CLI, f, ...ohlcv, '--data-dir', dir], { encoding: 'utf8' });
    expect(out).toMatch(/imported 2 bars of 1 instrument/);
    const db = new BetterSqlite3(path.join(dir, 'terminal.sqlite'), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM bars WHERE instrument_id = 'NSE_INDEX:NIFTY' AND timeframe = '1m'").get()).toEqual({ n: 2 });
    db.close();
  });

  it('reports bad rows by line and imports nothing', () => {
    const f = csv('bad.csv', 'time,open,high,low,close,volume\n2025-11-25 09:15:00,26000,26010,25990,26005,0\n2025-11-25 09:16:00,abc,26020,26001,26018,0\n');
    const r = run([f, ...ohlcv]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 3:/);
    const db = new BetterSqlite3(path.join(dir, 'terminal.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM bars').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses to guess the timezone or the bar-stamp convention', () => {
    const f = csv('x.csv', 'time,open,high,low,close\n');
    expect(run([f, '--format', 'ohlcv', '--instrument', 'NSE_INDEX:NIFTY', '--timeframe', '1m']).stderr).toMatch(/--timezone must be IST or UTC/);
    expect(run([f, '--format', 'ohlcv', '--instrument', 'NSE_INDEX:NIFTY', '--timeframe', '1m', '--timezone', 'IST']).stderr).toMatch(/--stamp must be start/);
  });
});
