import { istDateKey, istToEpoch } from '#core/time-ist';
import { onOrBeforeTradingDay } from '#calendar/nse-calendar';
import { expiryCodeFromDashed, expiryCodeFromEpoch, parseExpiryCode } from '#openalgo/symbol-codec';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { ShiftedClock } from '#openalgo-sim/shifted-clock';
import { createSteadyFeed } from '#openalgo-sim/steady-feed';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { LegPricing, Shape } from './plan.ts';
import type { LegSpec, OptionSpec } from './protocol.ts';

export const UNDERLYING = 'NIFTY';
export const INDEX_ID = 'NSE_INDEX:NIFTY';
export const API_KEY = TEST_API_KEY;
const STRIKE_STEP = 50;

export interface SoakMarket {
  readonly sim: OpenAlgoSim;
  readonly clockOffsetMs: number;
  /** The near expiry's options, as the engine is told them. */
  readonly options: readonly OptionSpec[];
  lotSize(instrumentId: string): number;
  /** The legs of a structure at the market as it is now, strikes counted from the ATM strike. */
  legs(shape: Shape, lots: number, inner: number, outer: number, pricing: readonly LegPricing[]): LegSpec[];
}

/**
 * Shifts wall time to 10:00 IST of the latest trading day, as the simulator program does outside market
 * hours: risk refuses orders when the F&O market is closed, and a run lasts seconds, not hours.
 */
export function sessionOffsetMs(wallNow: number): number {
  const day = onOrBeforeTradingDay(istDateKey(wallNow));
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return istToEpoch(y, m, d, 10, 0) - wallNow;
}

/**
 * The OpenAlgo simulator of one run on loopback ports: a NIFTY chain priced from an index that takes a
 * seeded random-walk step every 300 ms, so limits cross or rest, partial rests fill or do not, as in a
 * market. Its own rate limiter is off: the terminal's order rate is one of the things the soak checks.
 */
export async function startSoakMarket(seed: number): Promise<SoakMarket> {
  const offset = sessionOffsetMs(Date.now());
  const clock = new ShiftedClock(offset);
  const feed = createSteadyFeed({ clock, seed, intervalMs: 300, prices: { [INDEX_ID]: 26_000 } });
  const expiries = [20, 50].map((days) => expiryCodeFromEpoch(clock.now() + days * 86_400_000));
  const chain = { underlying: UNDERLYING, underlyingExchange: 'NSE_INDEX', exchange: 'NFO', expiries, strikeStep: STRIKE_STEP, strikesEachSide: 20, lotSize: 65 };
  const sim = await startTestSim({ feed, seed, enforceRateLimits: false, optionChains: [chain] }, clock);
  const infos = sim.market.allInfos().filter((i) => i.name === UNDERLYING && (i.instrumenttype === 'CE' || i.instrumenttype === 'PE'));
  const listed = [...new Set(infos.map((i) => i.expiry))].map((e) => ({ e, code: parseExpiryCode(expiryCodeFromDashed(e)!)! }));
  const epochOf = (e: string): number => {
    const c = listed.find((x) => x.e === e)!.code;
    return istToEpoch(c.year, c.month, c.day, 15, 30);
  };
  const near = [...listed].sort((a, b) => epochOf(a.e) - epochOf(b.e))[0]!.e;
  const options: OptionSpec[] = infos
    .filter((i) => i.expiry === near)
    .map((i) => ({ id: `${i.exchange}:${i.symbol}`, symbol: i.symbol, strike: i.strike, right: i.instrumenttype as 'CE' | 'PE', expiry: epochOf(near), lotSize: i.lotsize, tickSize: i.tick_size }));
  const byKey = new Map(options.map((o) => [`${o.strike}${o.right}`, o]));
  const strikes = [...new Set(options.map((o) => o.strike))].sort((a, b) => a - b);

  const option = (strike: number, right: 'CE' | 'PE'): OptionSpec => {
    const clamped = Math.min(strikes[strikes.length - 1]!, Math.max(strikes[0]!, strike));
    return byKey.get(`${clamped}${right}`)!;
  };
  const price = (o: OptionSpec, side: 'BUY' | 'SELL', pricing: LegPricing): Pick<LegSpec, 'type' | 'limitPrice'> => {
    if (pricing === 'market') return { type: 'MARKET' };
    const q = sim.market.quote('NFO', o.symbol)!;
    const t = o.tickSize;
    const ticks = (p: number): number => Math.max(t, Math.round(p / t) * t);
    const through = pricing === 'marketable-limit';
    const limit = side === 'BUY' ? (through ? q.ask + 2 * t : q.bid - 3 * t) : through ? q.bid - 2 * t : q.ask + 3 * t;
    return { type: 'LIMIT', limitPrice: Number(ticks(limit).toFixed(2)) };
  };

  return {
    sim,
    clockOffsetMs: offset,
    options,
    lotSize: (id) => options.find((o) => o.id === id)?.lotSize ?? 1,
    legs(shape, lots, inner, outer, pricing) {
      const spot = sim.market.quote('NSE_INDEX', UNDERLYING)!.ltp;
      const atm = Math.round(spot / STRIKE_STEP) * STRIKE_STEP;
      const plan: { strike: number; right: 'CE' | 'PE'; side: 'BUY' | 'SELL' }[] =
        shape === 'straddle'
          ? [
              { strike: atm, right: 'CE', side: 'SELL' },
              { strike: atm, right: 'PE', side: 'SELL' },
            ]
          : [
              { strike: atm - outer * STRIKE_STEP, right: 'PE', side: 'BUY' },
              { strike: atm + outer * STRIKE_STEP, right: 'CE', side: 'BUY' },
              { strike: atm - inner * STRIKE_STEP, right: 'PE', side: 'SELL' },
              { strike: atm + inner * STRIKE_STEP, right: 'CE', side: 'SELL' },
            ];
      return plan.map((l, i) => {
        const o = option(l.strike, l.right);
        return { instrumentId: o.id, side: l.side, quantity: lots * o.lotSize, ...price(o, l.side, pricing[i] ?? 'market') };
      });
    },
  };
}
