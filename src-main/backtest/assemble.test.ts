import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '#config/defaults';
import { clientOrderId, instrumentId, tradeId } from '#model/ids';
import type { Fill } from '#model/fill';
import type { OrderSide } from '#model/order';
import { assembleResult } from './assemble.ts';
import { backtestRequestSchema } from './types.ts';

const CE = instrumentId('NFO', 'NIFTY01DEC2625600CE');
let n = 0;
const fill = (side: OrderSide, quantity: number, price: number, charges: number, tsEvent: number): Fill => ({ tradeId: tradeId(`t${++n}`), clientOrderId: clientOrderId(`c${n}`), instrumentId: CE, side, quantity, price, charges, tsEvent });

describe('assembling a result from fills and closing marks', () => {
  it('each close values what a bot holds at the mark; the portfolio is the account capital plus the bots', () => {
    const request = backtestRequestSchema.parse({ bots: [{ id: 'short-straddle' }, { id: 'iron-condor' }], from: '2026-11-25', to: '2026-11-26', data: { kind: 'simulator', seed: 1 }, capital: 1_000_000 });
    // short-straddle sells 65 at 100 on day 1 (mark 90 at the close), buys them back at 80 on day 2.
    const fills = [fill('SELL', 65, 100, 20, 1000), fill('BUY', 65, 80, 20, 90_000)];
    const r = assembleResult({
      request,
      config: DEFAULT_CONFIG,
      startTs: 0,
      days: ['2026-11-25', '2026-11-26'],
      bars: 750,
      fills,
      marks: [
        { ts: 86_400_000, day: '2026-11-25', marks: new Map([[CE as string, 90]]), fills: 1 },
        { ts: 2 * 86_400_000, day: '2026-11-26', marks: new Map(), fills: 2 },
      ],
      ownerOf: () => 'short-straddle',
      decisionOf: (f) => ({ rule: f.side === 'SELL' ? 'short-straddle/entry' : 'short-straddle/target', reason: 'why' }),
      exposure: { minutes: 750, portfolio: 375, bots: new Map([['short-straddle', 375]]) },
    });
    const capital = DEFAULT_CONFIG.risk.defaultBot.capital;
    // Day 1: +6500 − 20 cash, −5850 held at 90 → 630. Day 2: 6500 − 5200 − 40 = 1260.
    expect(r.bots[0]!.equity.map((p) => p.equity)).toEqual([capital + 630, capital + 1260]);
    expect(r.bots[1]!.equity.map((p) => p.equity)).toEqual([capital, capital]);
    expect(r.portfolio.equity.map((p) => p.equity)).toEqual([1_000_630, 1_001_260]);
    expect(r.trades).toEqual([expect.objectContaining({ botId: 'short-straddle', direction: 'short', grossPnl: 1300, charges: 40, netPnl: 1260, signal: 'short-straddle/entry', exitReason: 'short-straddle/target: why' })]);
    expect(r.portfolio.metrics).toMatchObject({ netPnl: 1260, grossPnl: 1300, charges: 40, exposure: 0.5, trades: 1 });
    expect(r.bots[1]!.metrics).toMatchObject({ netPnl: 0, trades: 0, exposure: 0 });
  });
});
