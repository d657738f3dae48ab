import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOneLine, runCli, shellEnv } from '#core/cli-test-support';
import { recordSimulatorHistory } from '#backtest/record-history';

const CLI = path.join(import.meta.dirname, 'import-csv.ts');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--data-dir', dir], { encoding: 'utf8', env: shellEnv() });
const csv = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const ohlcv = ['--format', 'ohlcv', '--instrument', 'NSE_INDEX:NIFTY', '--timeframe', '1m', '--timezone', 'IST', '--stamp', 'start'];

describe('import:csv command', () => {
  it('imports a TradingView-style file into the database', () => {
    const f = csv('ok.csv', 'time,open,high,low,close,volume\n2025-11-25 09:15:00,26000,26010,25990,26005,0\n2025-11-25 09:16:00,26005,26020,26001,26018,0\n');
    const out = execFileSync(process.execPath, [CLI, f, ...ohlcv, '--data-dir', dir], { encoding: 'utf8', env: shellEnv() });
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

  it('prints its usage for --help and exits 0', async () => {
    const r = await runCli(CLI, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--format F[\s\S]*--timezone Z[\s\S]*--stamp S[\s\S]*exit codes/);
  });

  it('refuses an unknown option or a missing file in one line, exit 2', async () => {
    const unknown = await runCli(CLI, ['x.csv', '--fromat', 'ohlcv']);
    expect(unknown.code).toBe(2);
    expectOneLine(unknown.stderr, /^import:csv: unknown option --fromat — the options are --format, /);
    const missing = await runCli(CLI, [path.join(dir, 'nope.csv'), '--format', 'nse-fo-bhavcopy', '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expectOneLine(missing.stderr, /^import:csv: cannot read .*nope\.csv \(ENOENT: no such file or directory\) — check the file name/);
    const none = await runCli(CLI, ['--format', 'nse-fo-bhavcopy']);
    expect(none.code).toBe(2);
    expectOneLine(none.stderr, /^import:csv: no CSV file given — /);
  });

  it('takes relative paths from the folder npm was run in, not the project root', async () => {
    const userDir = path.join(dir, 'user');
    const projectDir = path.join(dir, 'project');
    fs.mkdirSync(userDir);
    fs.mkdirSync(projectDir);
    fs.writeFileSync(path.join(userDir, 'mine.csv'), 'time,open,high,low,close,volume\n2025-11-25 09:15:00,26000,26010,25990,26005,0\n');
    const env = shellEnv({ INIT_CWD: userDir, npm_package_json: path.join(projectDir, 'package.json') });
    const r = await runCli(CLI, ['mine.csv', ...ohlcv, '--data-dir', 'db'], { cwd: projectDir, env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`imported 1 bars of 1 instrument(s) into ${path.join(userDir, 'db', 'terminal.sqlite')}`);
    expect(fs.existsSync(path.join(projectDir, 'db'))).toBe(false);
  });

  it('imports a folder of NSE F&O bhavcopies in one command with progress; a bad file imports nothing and is listed', async () => {
    const folder = path.join(dir, 'bhav');
    fs.mkdirSync(folder);
    const head = 'TradDt,BizDt,Sgmt,Src,FinInstrmTp,FinInstrmId,ISIN,TckrSymb,SctySrs,XpryDt,FininstrmActlXpryDt,StrkPric,OptnTp,FinInstrmNm,OpnPric,HghPric,LwPric,ClsPric,LastPric,PrvsClsgPric,UndrlygPric,SttlmPric,OpnIntrst,ChngInOpnIntrst,TtlTradgVol,TtlTrfVal,TtlNbOfTxsExctd,SsnId,NewBrdLotQty,Rmks,Rsvd1,Rsvd2,Rsvd3,Rsvd4';
    const day = (date: string, strikes: number, remark = '') =>
      [head, ...Array.from({ length: strikes }, (_, k) => `${date},${date},FO,NSE,IDO,${k},,NIFTY,,2025-12-30,2025-12-30,${26000 + 50 * k},CE,x,300,350,280,320,320,310,26150,320,500000,100,2000000,0,0,F1,75,"${remark}",,,,`)].join('\r\n');
    fs.writeFileSync(path.join(folder, 'BhavCopy_NSE_FO_0_0_0_20251124_F_0000.csv'), day('2025-11-24', 400, 'quoted\r\nremark'));
    fs.writeFileSync(path.join(folder, 'BhavCopy_NSE_FO_0_0_0_20251125_F_0000.csv'), day('2025-11-25', 400).replace('26050,CE,x,300', '26050,CE,x,abc'));
    fs.writeFileSync(path.join(folder, 'BhavCopy_NSE_FO_0_0_0_20251126_F_0000.CSV'), day('2025-11-26', 400));
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a csv');
    const r = await runCli(CLI, [folder, '--format', 'nse-fo-bhavcopy', '--data-dir', dir]);
    expect(r.code).toBe(1);
    const progress = r.stdout.split('\n').filter((l) => l.startsWith('['));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toMatch(/^\[#{24}\] {2}100% .* 1,203 rows {2}file 3\/3$/);
    expect(r.stdout).toContain(`imported 800 bars from 2 of 3 files into ${path.join(dir, 'terminal.sqlite')}`);
    expect(r.stderr).toContain('BhavCopy_NSE_FO_0_0_0_20251125_F_0000.csv: 1 bad row(s); nothing imported');
    expect(r.stderr).toContain('  line 3: open, high, low and close must all be numbers');
    expectOneLine(r.stderr.split('\n').at(-2)!, /^import:csv: 1 of 3 files were not imported, for the reasons listed above/);
    const db = new BetterSqlite3(path.join(dir, 'terminal.sqlite'), { readonly: true });
    const days = db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT ts_start) AS d FROM bars WHERE timeframe = '1d'").get();
    db.close();
    expect(days).toEqual({ n: 800, d: 2 });
  });

  it('imports into a history cache the backtest recorded (the same database, the same schema), each bar marked with where it came from', async () => {
    const recorded = await recordSimulatorHistory({ file: path.join(dir, 'terminal.sqlite'), seed: 8, from: '2026-11-25', to: '2026-11-25', underlyings: ['NIFTY'], dailySessions: 3, tickMs: 60_000 });
    const f = csv('ok.csv', 'time,open,high,low,close,volume\n2025-11-25 09:15:00,26000,26010,25990,26005,0\n');
    const r = await runCli(CLI, [f, ...ohlcv, '--data-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const db = new BetterSqlite3(path.join(dir, 'terminal.sqlite'), { readonly: true });
    const sources = db.prepare('SELECT source, COUNT(*) AS n FROM bars GROUP BY source ORDER BY source').all();
    db.close();
    expect(sources).toEqual([
      { source: 'csv', n: 1 },
      { source: 'simulator', n: recorded },
    ]);
  });

  it('refuses a folder without CSV files in one line, exit 2', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const r = await runCli(CLI, [empty, '--format', 'nse-fo-bhavcopy', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^import:csv: no \.csv files in .*empty — /);
  });
});

