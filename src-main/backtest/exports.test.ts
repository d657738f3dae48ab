import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '#store/database';
import { equityCsv, metricsCsv, tradesCsv } from './export-csv.ts';
import { htmlReport } from './html-report.ts';
import { computeMetrics, drawdownCurve } from './metrics.ts';
import { listBacktests, loadBacktest, saveBacktest } from './result-store.ts';
import { faultText } from '#contract/backtest-result';
import { SHORT_REQUEST } from './testing.ts';
import { backtestRequestSchema, type BacktestResult, type Trade } from './types.ts';

const DAY = 86_400_000;
const trade: Trade = {
  botId: 'short-straddle',
  instrumentId: 'NFO:NIFTY01DEC2625600CE',
  direction: 'short',
  quantity: 65,
  entryTs: 1795581000000,
  exitTs: 1795590960000,
  entryPrice: 212.05,
  exitPrice: 240.3,
  grossPnl: -1836.25,
  charges: 61.2,
  netPnl: -1897.45,
  signal: 'short-straddle/entry',
  reason: 'IV percentile 35, "quiet" tape, <calm>',
  exitReason: 'short-straddle/stop: loss 10.7 %,\nstopped',
};

function result(): BacktestResult {
  const equity = drawdownCurve(5_000_000, [
    { ts: 10 * DAY, day: '2026-11-25', equity: 4_998_102.55 },
    { ts: 11 * DAY, day: '2026-11-26', equity: 5_001_000 },
  ]);
  const metrics = computeMetrics({ startEquity: 5_000_000, equity, startTs: 9 * DAY, trades: [trade], charges: 61.2, exposedBars: 100, totalBars: 750 });
  return {
    request: backtestRequestSchema.parse(SHORT_REQUEST),
    days: ['2026-11-25', '2026-11-26'],
    bars: 1500,
    portfolio: { metrics, equity },
    bots: [{ botId: 'short-straddle', params: { ivPercentileMin: 20 }, metrics, equity }],
    trades: [trade],
  };
}

describe('backtest exports', () => {
  it('CSV: one header, RFC 4180 quoting of commas, quotes and line breaks, CRLF rows', () => {
    const csv = tradesCsv(result());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('bot,instrument,direction,quantity,entry_time,exit_time,entry_price,exit_price,gross_pnl,charges,net_pnl,signal,reason,exit_reason');
    expect(lines[1]).toBe('short-straddle,NFO:NIFTY01DEC2625600CE,short,65,2026-11-25T04:30:00.000Z,2026-11-25T07:16:00.000Z,212.05,240.3,-1836.25,61.20,-1897.45,short-straddle/entry,"IV percentile 35, ""quiet"" tape, <calm>","short-straddle/stop: loss 10.7 %,\nstopped"');
    expect(equityCsv(result()).split('\r\n')[1]).toBe('2026-11-25,4998102.55,-1897.45,4998102.55,-1897.45');
    expect(metricsCsv(result()).split('\r\n')[0]).toMatch(/^scope,startEquity,endEquity,netPnl,/);
  });

  it('HTML: self-contained, charts as inline SVG, text escaped', () => {
    const html = htmlReport(result());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)?.length).toBe(3);
    expect(html).not.toMatch(/<script|https?:\/\/|src=/);
    expect(html).toContain('&quot;quiet&quot; tape, &lt;calm&gt;');
    expect(html).toContain('Win rate');
    // Times as an Indian trader reads them: 04:30 UTC is 10:00 IST.
    expect(html).toContain('<th class="l">Entry (IST)</th>');
    expect(html).toContain('<td class="l t">2026-11-25 10:00</td><td class="l t">2026-11-25 12:46</td>');
  });

  it('HTML and a kept run name a bot that went to error, when (IST) and why, escaped', async () => {
    const r = result();
    // 11:00 IST on 25 Nov 2026.
    const faulted: BacktestResult = { ...r, bots: [{ ...r.bots[0]!, fault: { ts: 1795584600000, day: '2026-11-25', message: 'short-straddle onBar threw: <boom>' } }] };
    const line = 'short-straddle went to error on 2026-11-25 at 11:00 IST and evaluated nothing after: short-straddle onBar threw: <boom>';
    expect(faultText(faulted.bots[0]!)).toBe(line);
    expect(faultText(r.bots[0]!)).toBeUndefined();
    expect(htmlReport(faulted)).toContain('<p class="fault">short-straddle went to error on 2026-11-25 at 11:00 IST and evaluated nothing after: short-straddle onBar threw: &lt;boom&gt;</p>');
    expect(htmlReport(r)).not.toContain('class="fault"');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-fault-'));
    const opened = openStore(path.join(dir, 'terminal.sqlite'), Date.now());
    if (!opened.ok) throw new Error(opened.error.message);
    try {
      const id = saveBacktest(opened.value, faulted, Date.now(), 'faulted');
      const loaded = loadBacktest(opened.value, id);
      expect(loaded.ok && loaded.value.bots[0]!.fault).toEqual(faulted.bots[0]!.fault);
    } finally {
      await opened.value.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('HTML: what was held at the end, valued at the last close, after the trades; nothing when flat', () => {
    const held = { botId: 'iron-condor', instrumentId: 'NFO:NIFTY01DEC2628150PE', direction: 'short' as const, quantity: 65, entryTs: trade.entryTs, entryPrice: 55.3, mark: 13.625, netPnl: 2678.37, signal: 'iron-condor/roll-reentry', reason: 'rolled' };
    const html = htmlReport({ ...result(), openAtEnd: [held] });
    expect(html).toContain('<h2>Held at the end (1)</h2>');
    expect(html).toContain('<td>55.30</td><td>13.63</td><td>2,678.37</td>');
    expect(html.indexOf('<h2>Held at the end')).toBeGreaterThan(html.indexOf('<h2>Trades'));
    expect(htmlReport({ ...result(), openAtEnd: [] })).not.toContain('Held at the end');
  });

  it('HTML: what priced the options follows the results, one sentence when every session came from the model for one reason', () => {
    const modelled = (day: string) => ({ day, source: 'model' as const, imported: [], modelled: [{ chain: 'NIFTY 2026-12-01', reason: 'the simulated market has no imported option data' }], intraday: [] });
    const simulated = htmlReport({ ...result(), optionPricing: [modelled('2026-11-25'), modelled('2026-11-26')] });
    expect(simulated).toContain("<p>Every session's options (2) were priced from the model surface: the simulated market has no imported option data.</p>");
    expect(simulated.indexOf('<h2>Option prices</h2>')).toBeGreaterThan(simulated.indexOf('<h2>Trades'));
    const mixed = htmlReport({ ...result(), optionPricing: [modelled('2026-11-25'), { day: '2026-11-26', source: 'imported', imported: ['NIFTY 2026-12-01'], modelled: [], intraday: [] }] });
    expect(mixed).toContain('<td class="l t">2026-11-26</td><td class="l">imported</td><td class="l">NIFTY 2026-12-01</td>');
  });
});

describe('stored backtests', () => {
  let dir: string | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves a run with its trades once, lists it and loads it back equal', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-store-'));
    const opened = openStore(path.join(dir, 't.sqlite'), 1000);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const r = result();
    const id = saveBacktest(store, r, 5000, 'first');
    expect(saveBacktest(store, r, 6000, 'again')).toBe(id);
    expect(listBacktests(store)).toEqual([{ runId: id, createdAt: 5000, label: 'first', from: '2026-11-25', to: '2026-11-26', bots: ['short-straddle'], netPnl: 1000, sharpe: r.portfolio.metrics.sharpe, maxDrawdownPct: r.portfolio.metrics.maxDrawdownPct, trades: 1 }]);
    expect(store.sqlite.prepare('SELECT bot_id, net_pnl, exit_reason FROM backtest_trades WHERE run_id = ?').all(id)).toEqual([{ bot_id: 'short-straddle', net_pnl: -1897.45, exit_reason: trade.exitReason }]);
    const back = loadBacktest(store, id);
    expect(back.ok && JSON.stringify(back.value)).toBe(JSON.stringify(r));
    expect(loadBacktest(store, 'nope')).toEqual({ ok: false, error: 'no stored backtest nope' });
  });
});
