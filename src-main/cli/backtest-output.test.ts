import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';
import { istToEpoch } from '#core/time-ist';
import { computeMetrics, drawdownCurve } from '#backtest/metrics';
import { loadBacktest, saveBacktest } from '#backtest/result-store';
import { SHORT_REQUEST } from '#backtest/testing';
import { backtestRequestSchema, type BacktestResult, type Metrics, type Trade } from '#backtest/types';
import { openStore } from '#store/database';
import { faultLines, writeBacktestFiles } from './backtest-output.ts';

/**
 * The files `npm run backtest -- --out` writes, and `--list` / `--export` on the runs the terminal's
 * database keeps: every file is there, parses, and says what the stored result says.
 */
const DAY = 86_400_000;
const OPEN = Date.UTC(2026, 10, 25, 3, 45);

const trades: Trade[] = [
  {
    botId: 'short-straddle',
    instrumentId: 'NFO:NIFTY01DEC2625600CE',
    direction: 'short',
    quantity: 65,
    entryTs: OPEN + 15 * 60_000,
    exitTs: OPEN + 181 * 60_000,
    entryPrice: 212.05,
    exitPrice: 240.3,
    grossPnl: -1836.25,
    charges: 61.2,
    netPnl: -1897.45,
    signal: 'short-straddle/entry',
    reason: 'IV percentile 35, "quiet" tape',
    exitReason: 'short-straddle/stop: loss 10.7 %,\nstopped',
  },
  {
    botId: 'iron-condor',
    instrumentId: 'NFO:BANKNIFTY29DEC2658600PE',
    direction: 'short',
    quantity: 30,
    entryTs: OPEN + DAY + 20 * 60_000,
    exitTs: OPEN + DAY + 300 * 60_000,
    entryPrice: 410.5,
    exitPrice: 301.25,
    grossPnl: 3277.5,
    charges: 48.9,
    netPnl: 3228.6,
    signal: 'iron-condor/entry',
    reason: 'range-bound',
    exitReason: 'iron-condor/target',
  },
];

function result(): BacktestResult {
  const curve = (points: readonly number[]) => drawdownCurve(5_000_000, points.map((equity, i) => ({ ts: OPEN + i * DAY, day: `2026-11-2${5 + i}`, equity })));
  const metricsOf = (equity: ReturnType<typeof curve>, t: readonly Trade[]): Metrics =>
    computeMetrics({ startEquity: 5_000_000, equity, startTs: OPEN - DAY, trades: t, charges: t.reduce((s, x) => s + x.charges, 0), exposedBars: 300, totalBars: 750 });
  const portfolio = curve([4_998_102.55, 5_001_331.15]);
  const straddle = curve([4_998_102.55, 4_998_102.55]);
  const condor = curve([5_000_000, 5_003_228.6]);
  return {
    request: backtestRequestSchema.parse(SHORT_REQUEST),
    days: ['2026-11-25', '2026-11-26'],
    bars: 1500,
    portfolio: { metrics: metricsOf(portfolio, trades), equity: portfolio },
    bots: [
      { botId: 'short-straddle', params: { ivPercentileMin: 20, targetPct: 5, stopLossPct: 10 }, metrics: metricsOf(straddle, [trades[0]!]), equity: straddle },
      { botId: 'iron-condor', params: { ivPercentileMin: 10 }, metrics: metricsOf(condor, [trades[1]!]), equity: condor },
    ],
    trades,
  };
}

/** RFC 4180 rows (quoted fields with commas, doubled quotes and line breaks), as a spreadsheet reads them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell === '' && row.length === 0, 'the file ends with a complete CRLF row').toBe(true);
  return rows;
}

/** Money in the CSV files is written to the paisa. */
const paise = (x: number): number => Number(x.toFixed(2));

const FILES = ['result.json', 'trades.csv', 'equity.csv', 'metrics.csv', 'report.html'];

/** Checks one folder of exported files against the result they were written from. */
function expectFilesOf(dir: string, r: BacktestResult): void {
  expect(fs.readdirSync(dir).sort()).toEqual([...FILES].sort());
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'result.json'), 'utf8'))).toEqual(r);

  const [tradeHead, ...tradeRows] = parseCsv(fs.readFileSync(path.join(dir, 'trades.csv'), 'utf8'));
  expect(tradeRows).toHaveLength(r.trades.length);
  const col = (name: string): number => tradeHead!.indexOf(name);
  r.trades.forEach((t, i) => {
    const row = tradeRows[i]!;
    expect([row[col('bot')], row[col('instrument')], Number(row[col('quantity')])]).toEqual([t.botId, t.instrumentId, t.quantity]);
    expect([Date.parse(row[col('entry_time')]!), Date.parse(row[col('exit_time')]!)]).toEqual([t.entryTs, t.exitTs]);
    expect([Number(row[col('entry_price')]), Number(row[col('exit_price')]), Number(row[col('net_pnl')])]).toEqual([t.entryPrice, t.exitPrice, t.netPnl]);
    expect([row[col('signal')], row[col('reason')], row[col('exit_reason')]]).toEqual([t.signal, t.reason, t.exitReason]);
  });

  const [equityHead, ...equityRows] = parseCsv(fs.readFileSync(path.join(dir, 'equity.csv'), 'utf8'));
  expect(equityHead).toEqual(['day', 'portfolio_equity', 'portfolio_drawdown', ...r.bots.flatMap((b) => [`${b.botId}_equity`, `${b.botId}_drawdown`])]);
  expect(equityRows.map((row) => row.map((v, i) => (i === 0 ? v : Number(v))))).toEqual(
    r.portfolio.equity.map((p, i) => [p.day, ...[p, ...r.bots.map((b) => b.equity[i]!)].flatMap((e) => [paise(e.equity), paise(e.drawdown)])]),
  );

  const [metricsHead, ...metricsRows] = parseCsv(fs.readFileSync(path.join(dir, 'metrics.csv'), 'utf8'));
  const keys = metricsHead!.slice(1) as (keyof Metrics)[];
  expect([...keys].sort()).toEqual(Object.keys(r.portfolio.metrics).sort());
  const scopes: [string, Metrics][] = [['portfolio', r.portfolio.metrics], ...r.bots.map((b): [string, Metrics] => [b.botId, b.metrics])];
  expect(metricsRows).toEqual(scopes.map(([name, m]) => [name, ...keys.map((k) => (m[k] === null ? '' : String(m[k])))]));

  const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('</html>');
  for (const t of r.trades) expect(html).toContain(t.instrumentId);
}

describe('backtest output files', () => {
  let dir: string;
  let runId: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtest-output-'));
    const opened = openStore(path.join(dir, 'terminal.sqlite'), OPEN);
    if (!opened.ok) throw new Error(opened.error.message);
    runId = saveBacktest(opened.value, result(), OPEN + 2 * DAY, 'nov');
    await opened.value.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--out writes the five files, each parsing to what the result holds', () => {
    const out = path.join(dir, 'out', 'nested');
    const written = writeBacktestFiles(out, result());
    expect(written).toEqual(FILES.map((f) => path.join(out, f)));
    expectFilesOf(out, result());
  });

  it('--list names the kept run with its figures; --export writes its files again, round-tripping the stored result', async () => {
    const list = await runCli('src-main/cli/backtest.ts', ['--list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    const net = Math.round(result().portfolio.metrics.netPnl).toLocaleString('en-IN');
    expect(list.stdout).toMatch(new RegExp(`^${runId}  2026-11-27T03:45  2026-11-25\\.\\.2026-11-26  short-straddle,iron-condor  net ₹${net}  Sharpe \\S+  max DD \\S+%  2 trades\\n$`));

    const out = path.join(dir, 'exported');
    const exported = await runCli('src-main/cli/backtest.ts', ['--export', runId, '--out', out, '--data-dir', dir]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(FILES.map((f) => `wrote ${path.join(out, f)}\n`).join(''));
    const opened = openStore(path.join(dir, 'terminal.sqlite'), OPEN);
    if (!opened.ok) throw new Error(opened.error.message);
    const stored = loadBacktest(opened.value, runId);
    await opened.value.close();
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(stored.value).toEqual(result());
    expectFilesOf(out, stored.value);
  });

  it('--export refuses a run it does not keep (exit 1) and a missing --out (exit 2), writing nothing', async () => {
    const unknown = await runCli('src-main/cli/backtest.ts', ['--export', '0000000000000000', '--out', path.join(dir, 'none'), '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expectOneLine(unknown.stderr, /^backtest: no stored backtest 0000000000000000 — /);
    const noOut = await runCli('src-main/cli/backtest.ts', ['--export', runId, '--data-dir', dir]);
    expect(noOut.code).toBe(2);
    expectOneLine(noOut.stderr, /^backtest: --export needs --out DIR — /);
    expect(fs.existsSync(path.join(dir, 'none'))).toBe(false);
  });
});

describe('backtest summary', () => {
  it('names each bot that went to error under the table, and none when every bot ran to the end', () => {
    const r = result();
    expect(faultLines(r)).toEqual([]);
    const bot = r.bots[0]!;
    const faulted: BacktestResult = { ...r, bots: [{ ...bot, fault: { ts: istToEpoch(2026, 11, 25, 11, 0), day: '2026-11-25', message: `${bot.botId} onBar threw: no chain` } }] };
    expect(faultLines(faulted)).toEqual([`${bot.botId} went to error on 2026-11-25 at 11:00 IST and evaluated nothing after: ${bot.botId} onBar threw: no chain`]);
  });
});
