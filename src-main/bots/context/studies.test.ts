import { describe, expect, it } from 'vitest';
import { nseCalendar } from '#calendar/nse-calendar';
import { istToEpoch } from '#core/time-ist';
import { Rsi } from '#indicators/rsi';
import type { MarketView } from '#market/multi-timeframe';
import type { Bar, Timeframe } from '#model/bar';
import { instrumentId, intentId, signalId, botId } from '#model/ids';
import { tableSpecs } from '#options/contract-specs';
import type { BotRequirements } from '../contract/requirements.ts';
import { createBotContext } from './create-context.ts';
import { StudiesHub } from './studies.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const start = istToEpoch(2026, 8, 19, 9, 15);
const bars: Bar[] = Array.from({ length: 120 }, (_, i) => {
  const close = 25_000 + 30 * Math.sin(i / 4) + i;
  return { instrumentId: NIFTY, timeframe: '5m', tsStart: start + i * 300_000, open: close - 3, high: close + 8, low: close - 9, close, volume: 0, closed: true };
});
const viewOf = (list: readonly Bar[]): MarketView => ({ instrumentId: NIFTY, lastTick: () => undefined, bars: (_tf: Timeframe, n: number) => list.slice(-n), lastBar: () => list.at(-1) });
const REQ: BotRequirements = {
  instruments: [NIFTY],
  series: [{ instrumentId: NIFTY, timeframe: '5m', bars: 50 }],
  indicators: [{ instrumentId: NIFTY, timeframe: '5m', indicator: { kind: 'rsi', period: 14 } }],
  priceAction: [{ instrumentId: NIFTY, timeframe: '5m', warmUp: 30 }],
  chains: [],
  ivHistory: [],
};

describe('StudiesHub: declared studies, streamed once for every bot', () => {
  it('folds history on registration, then streams: the same values as one indicator fed every bar', () => {
    const hub = new StudiesHub();
    hub.require(REQ, () => viewOf(bars.slice(0, 60)));
    for (const b of bars.slice(60)) hub.onBar(b);
    hub.onBar(bars.at(-1)!);
    const rsi = new Rsi(14);
    const series = bars.map((b) => rsi.update(b.close));
    const reading = hub.indicator(NIFTY, '5m', { kind: 'rsi', period: 14 })!;
    expect(reading.values.rsi).toBe(series.at(-1));
    expect(reading.previous!.rsi).toBe(series.at(-2));
    expect(reading.tsStart).toBe(bars.at(-1)!.tsStart);
    expect(Object.isFrozen(reading) && Object.isFrozen(reading.values)).toBe(true);
  });

  it('throws for a study the bot did not declare, and has nothing before warm-up', () => {
    const hub = new StudiesHub();
    hub.require(REQ, () => viewOf(bars.slice(0, 5)));
    expect(hub.indicator(NIFTY, '5m', { kind: 'rsi', period: 14 })).toBeUndefined();
    expect(hub.priceAction(NIFTY, '5m')).toBeUndefined();
    expect(() => hub.indicator(NIFTY, '5m', { kind: 'rsi', period: 7 })).toThrow(/rsi\(7\) on NSE_INDEX:NIFTY 5m was not declared/);
    expect(() => hub.priceAction(NIFTY, '15m')).toThrow(/not declared/);
  });

  it('hands out price action as a frozen copy the stream cannot change under the bot', () => {
    const hub = new StudiesHub();
    hub.require(REQ, () => viewOf(bars.slice(0, 80)));
    const a = hub.priceAction(NIFTY, '5m')!;
    expect(a.barIndex).toBe(79);
    expect(hub.priceAction(NIFTY, '5m')).toBe(a);
    expect(Object.isFrozen(a.state.swings)).toBe(true);
    const swings = a.state.swings.length;
    for (const b of bars.slice(80)) hub.onBar(b);
    expect(a.state.swings.length).toBe(swings);
    expect(hub.priceAction(NIFTY, '5m')!.barIndex).toBe(119);
  });
});

describe('createBotContext: what a hook may read', () => {
  const make = (list: readonly Bar[]) => {
    const studies = new StudiesHub();
    studies.require(REQ, () => viewOf(list));
    return createBotContext({
      botId: botId('b1'),
      kind: 'momentum-rider',
      now: start,
      params: { a: 1 },
      state: { positions: [] as string[] },
      requirements: REQ,
      sources: { market: () => viewOf(list), studies, chain: () => undefined, ivHistory: () => [], specs: tableSpecs, calendar: nseCalendar() },
      book: { positions: [], openOrders: [], structures: [], capital: { allocation: 100, deployed: 0, maxLots: 1, maxPositions: 1 } },
      ids: { intent: () => intentId('i'), signal: () => signalId('s') },
    });
  };

  it('caps bars to the declared window, refuses anything undeclared, and is frozen through', () => {
    const ctx = make(bars);
    expect(ctx.market(NIFTY).bars('5m', 500)).toHaveLength(50);
    expect(Object.isFrozen(ctx.market(NIFTY).bars('5m', 2)[0])).toBe(true);
    expect(() => ctx.market(NIFTY).bars('1m', 5)).toThrow(/1m bars were not declared/);
    expect(() => ctx.market(instrumentId('NSE_INDEX', 'BANKNIFTY'))).toThrow(/not declared/);
    expect(() => ctx.chain('NIFTY', '2026-08-25')).toThrow(/chains were not declared/);
    expect(() => ctx.ivHistory('NIFTY')).toThrow(/IV history was not declared/);
    expect(Object.isFrozen(ctx) && Object.isFrozen(ctx.params) && Object.isFrozen(ctx.state.positions)).toBe(true);
    expect(ctx.calendar).toMatchObject({ today: '2026-08-19', minuteOfDay: 555, marketOpen: true });
  });

  it('reads a declared chain on bars, and refuses it in onTick (chains are priced at the evaluation cadence)', () => {
    const asked: number[] = [];
    const base = make(bars);
    const ctxFor = (perTick: boolean) =>
      createBotContext({
        botId: botId('b1'),
        kind: 'short-straddle',
        now: start,
        params: {},
        state: {},
        requirements: { ...REQ, chains: [{ underlying: 'NIFTY', expiries: { kind: 'nearest' } }] },
        sources: { market: () => viewOf(bars), studies: base.studies, chain: (_u, _e, now) => (asked.push(now), undefined), ivHistory: () => [], specs: tableSpecs, calendar: nseCalendar() },
        book: { positions: [], openOrders: [], structures: [], capital: { allocation: 100, deployed: 0, maxLots: 1, maxPositions: 1 } },
        ids: { intent: () => intentId('i'), signal: () => signalId('s') },
        perTick,
      });
    expect(ctxFor(false).chain('NIFTY', '2026-08-25')).toBeUndefined();
    expect(asked).toEqual([start]);
    expect(() => ctxFor(true).chain('NIFTY', '2026-08-25')).toThrow(/not in onTick/);
    expect(asked).toHaveLength(1);
  });

  it('is warm only once every series has its warm-up bars and every indicator is ready', () => {
    expect(make(bars.slice(0, 20)).warm).toBe(false);
    expect(make(bars.slice(0, 49)).warm).toBe(false);
    expect(make(bars.slice(0, 50)).warm).toBe(true);
  });
});
