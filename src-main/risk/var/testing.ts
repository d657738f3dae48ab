import { botId } from '#model/ids';
import type { BookLeg } from '../valuation.ts';
import { bankniftyOption, FakeMarket, niftyFuture, niftyOption } from '../test-support.ts';
import type { DailyClose, DailyHistory } from './historical.ts';

/**
 * A fixed book for the VaR and stress tests: a NIFTY short straddle (bot `straddle`), a BANKNIFTY long
 * put (bot `buyer`) and a NIFTY future the trader holds, with given IVs so nothing is solved.
 */
export function fixedBook(): { legs: BookLeg[]; market: FakeMarket } {
  const ce = niftyOption(23_000, 'CE');
  const pe = niftyOption(23_000, 'PE');
  const bnPe = bankniftyOption(50_000, 'PE');
  const fut = niftyFuture();
  const market = new FakeMarket();
  market.spots.set('NIFTY', 23_000);
  market.spots.set('BANKNIFTY', 50_000);
  market.ivs.set(ce.id, 0.14);
  market.ivs.set(pe.id, 0.15);
  market.ivs.set(bnPe.id, 0.17);
  const legs: BookLeg[] = [
    { instrument: ce, botId: botId('straddle'), quantity: -65, mark: 180 },
    { instrument: pe, botId: botId('straddle'), quantity: -65, mark: 190 },
    { instrument: bnPe, botId: botId('buyer'), quantity: 30, mark: 700 },
    { instrument: fut, quantity: 65, mark: 23_100 },
  ];
  return { legs, market };
}

/** 61 closes of NIFTY, BANKNIFTY and India VIX from a fixed formula (no market data), 60 daily moves. */
export function fixedHistory(): DailyHistory {
  const days = Array.from({ length: 61 }, (_, i) => `2025-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
  const walk = (start: number, a: number, b: number): DailyClose[] => {
    let level = start;
    return days.map((date, i) => {
      if (i > 0) level *= 1 + a * Math.sin(i * 1.7) + b * Math.cos(i * 0.61);
      return { date, close: level };
    });
  };
  return {
    underlyings: { NIFTY: walk(22_000, 0.011, 0.006), BANKNIFTY: walk(48_000, 0.013, 0.008) },
    vix: days.map((date, i) => ({ date, close: 14 + 3 * Math.sin(i * 0.9) + (i === 40 ? 6 : 0) })),
  };
}
