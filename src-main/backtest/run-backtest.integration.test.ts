import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { BOT_DEFINITIONS, type AnyBotDefinition } from '#engine/bots/definitions';
import { runBacktest } from './run-backtest.ts';
import { SHORT_REQUEST } from './testing.ts';
import type { BacktestProgress } from './types.ts';

describe('runBacktest on the live engine with the simulator', () => {
  it('trades across two sessions, reports progress, and the same request gives byte-identical results', async () => {
    const progress: BacktestProgress[] = [];
    const first = await runBacktest(SHORT_REQUEST, {}, (p) => progress.push(p));
    if (!first.ok) throw new Error(first.error.message);
    const r = first.value;
    expect(r.days).toEqual(['2026-11-25', '2026-11-26']);
    expect(r.bars).toBe(2 * 2 * 375);
    expect(r.portfolio.equity.map((p) => p.day)).toEqual(r.days);
    expect(r.trades.length).toBeGreaterThan(0);
    for (const t of r.trades) expect(t.signal.length * t.reason.length * t.exitReason.length).toBeGreaterThan(0);
    // The portfolio is the sum of its bots: each bot's P&L adds up to the account's.
    const botPnl = r.bots.reduce((s, b) => s + b.metrics.netPnl, 0);
    expect(r.portfolio.metrics.netPnl).toBeCloseTo(botPnl, 6);
    // And the curve is the trades: what the closed ones made plus what the held ones are worth at the last close.
    const closedNet = r.trades.reduce((s, t) => s + t.netPnl, 0);
    const heldNet = (r.openAtEnd ?? []).reduce((s, o) => s + o.netPnl, 0);
    expect(r.portfolio.metrics.netPnl).toBeCloseTo(closedNet + heldNet, 6);
    expect(progress.at(-1)).toEqual({ daysDone: 2, daysTotal: 2, day: '2026-11-26', fraction: 1 });
    expect(progress.map((p) => p.fraction)).toEqual([...progress.map((p) => p.fraction)].sort((a, b) => a - b));

    const second = await runBacktest(SHORT_REQUEST);
    if (!second.ok) throw new Error(second.error.message);
    expect(Buffer.from(JSON.stringify(second.value)).equals(Buffer.from(JSON.stringify(r)))).toBe(true);
  }, 400_000);

  it('the fill model of the request reaches the paper broker: 20 ticks of slippage move every fill against the bot', async () => {
    const day = { ...SHORT_REQUEST, to: '2026-11-25' };
    const base = await runBacktest(day);
    const slipped = await runBacktest({ ...day, fills: { slippage: { kind: 'ticks', ticks: 20 } } });
    if (!base.ok || !slipped.ok) throw new Error('backtest failed');
    const first = base.value.trades[0]!;
    const other = slipped.value.trades.find((t) => t.instrumentId === first.instrumentId && t.entryTs === first.entryTs)!;
    // The straddle sells at a limit (the bid), which slippage cannot cross; its exits buy at market, 20 ticks (₹1) higher.
    expect(first.direction).toBe('short');
    expect(other.entryPrice).toBe(first.entryPrice);
    expect(other.exitPrice).toBeCloseTo(first.exitPrice + 1, 9);
    expect(slipped.value.portfolio.metrics.netPnl).toBeLessThan(base.value.portfolio.metrics.netPnl);
  }, 400_000);

  it('runs with broker latency: the engine starts on the clock (its first book reads wait the latency) and exits fill later', async () => {
    const day = { ...SHORT_REQUEST, to: '2026-11-25' };
    const base = await runBacktest(day);
    const late = await runBacktest({ ...day, fills: { latencyMs: { min: 1500, max: 1500 } } });
    if (!base.ok || !late.ok) throw new Error('backtest failed');
    expect(late.value.trades.length).toBe(base.value.trades.length);
    const exits = (r: typeof base.value): number[] => r.trades.map((t) => t.exitTs);
    // The exit's order waits 1.5 s at the broker, so it meets a later tick than without latency.
    for (const [i, ts] of exits(late.value).entries()) expect(ts).toBeGreaterThan(exits(base.value)[i]!);
  }, 400_000);

  it('names a bot that faulted, when and why, and the other bots trade on', async () => {
    const at = istToEpoch(2026, 11, 25, 11, 0);
    // The momentum rider's slot, reading NIFTY's 1-minute bars and throwing from 11:00 on.
    const faulty: AnyBotDefinition = {
      ...BOT_DEFINITIONS['momentum-rider'],
      requirements: () => ({ instruments: [], series: [{ instrumentId: instrumentId('NSE_INDEX', 'NIFTY'), timeframe: '1m', bars: 5 }], indicators: [], priceAction: [], chains: [], ivHistory: [] }),
      hooks: {
        onBar: (bar) => {
          if (bar.tsStart + 60_000 >= at) throw new Error('a planted fault');
          return { intents: [], signals: [] };
        },
      },
    };
    const r = await runBacktest({ ...SHORT_REQUEST, to: '2026-11-25', bots: [SHORT_REQUEST.bots[0]!, { id: 'momentum-rider' }] }, { botDefinitions: { 'momentum-rider': faulty } });
    if (!r.ok) throw new Error(r.error.message);
    const [straddle, rider] = r.value.bots;
    expect(rider!.fault).toEqual({ ts: at, day: '2026-11-25', message: expect.stringContaining('a planted fault') });
    expect(straddle!.fault).toBeUndefined();
    expect(r.value.trades.filter((t) => t.botId === 'short-straddle').length).toBeGreaterThan(0);
  }, 200_000);

  it('refuses a bad request with the field named, and a range with no session', async () => {
    const bad = await runBacktest({ ...SHORT_REQUEST, from: '2026-11-27', to: '2026-11-25' });
    expect(bad.ok || bad.error).toEqual({ kind: 'invalid-request', message: 'to: "from" must not be after "to"' });
    const params = await runBacktest({ ...SHORT_REQUEST, bots: [{ id: 'short-straddle', params: { ivPercentileMin: 500 } }] });
    expect(params.ok || params.error.kind).toBe('invalid-request');
    expect(params.ok || params.error.message).toMatch(/^short-straddle: .*ivPercentileMin/);
    const weekend = await runBacktest({ ...SHORT_REQUEST, from: '2026-11-28', to: '2026-11-29' });
    expect(weekend.ok || weekend.error.kind).toBe('no-data');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const r = await runBacktest(SHORT_REQUEST, {}, (p) => {
      if (p.fraction > 0.1) controller.abort();
    }, controller.signal);
    expect(r.ok || r.error.kind).toBe('aborted');
  }, 200_000);
});
