import { describe, expect, it } from 'vitest';
import { nseCalendar } from '#calendar/nse-calendar';
import { istToEpoch } from '#core/time-ist';
import { botId, instrumentId, intentId, signalId } from '#model/ids';
import { tableSpecs } from '#options/contract-specs';
import type { BotRequirements } from '../contract/requirements.ts';
import { createBotContext, type BotBook } from './create-context.ts';
import { StudiesHub } from './studies.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const NOTHING: BotRequirements = { instruments: [], series: [], indicators: [], priceAction: [], chains: [], ivHistory: [] };

function contextOver(book: () => BotBook) {
  const empty = { instrumentId: NIFTY, lastTick: () => undefined, bars: () => [], lastBar: () => undefined };
  return createBotContext({
    botId: botId('b1'),
    kind: 'short-straddle',
    now: istToEpoch(2026, 8, 19, 10, 0),
    params: {},
    state: {},
    requirements: NOTHING,
    sources: { market: () => empty, studies: new StudiesHub(), chain: () => undefined, ivHistory: () => [], specs: tableSpecs, calendar: nseCalendar() },
    book,
    ids: { intent: () => intentId('i'), signal: () => signalId('s') },
  });
}

describe('a bot context’s book', () => {
  it('is read only when the hook first reads any of it, once, and frozen', () => {
    let reads = 0;
    const ctx = contextOver(() => {
      reads++;
      return { positions: [], openOrders: [], structures: [], capital: { allocation: 100, deployed: 40, maxLots: 2, maxPositions: 1 } };
    });
    expect(reads).toBe(0);
    expect(ctx.capital.deployed).toBe(40);
    expect([ctx.positions, ctx.openOrders, ctx.structures]).toEqual([[], [], []]);
    expect(reads).toBe(1);
    expect(Object.isFrozen(ctx.capital) && Object.isFrozen(ctx.positions)).toBe(true);
    expect(() => Object.assign(ctx, { capital: {} })).toThrow();
  });
});
