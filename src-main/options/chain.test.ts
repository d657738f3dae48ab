import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import { black76 } from './black.ts';
import { enrichChain, filterLiquid, quotePrice, spreadPct, strikeAtOffset, strikeByDelta, strikeByPremium, syntheticForward, type OptionChain } from './chain.ts';
import { chainFromOpenAlgo, parseOpenAlgoExpiry, type OpenAlgoOptionChain } from './openalgo-chain.ts';
import { simulateChain } from './sim-chain.ts';
import { atmVol, DEFAULT_SURFACE, surfaceVol } from './surface.ts';

const now = istToEpoch(2026, 8, 18, 10, 0);
const expiryTs = istToEpoch(2026, 8, 25, 15, 30);
const T = (expiryTs - now) / 60_000 / 525_600;
const simInput = () => ({
  underlying: 'NIFTY',
  exchange: 'NFO',
  expiry: '2026-08-25',
  expiryTs,
  now,
  spot: 24_960,
  r: 0.0525,
  q: 0.012,
  T,
  strikeStep: 50,
  strikesEachSide: 50,
  lotSize: 65,
  surface: { ...DEFAULT_SURFACE, vix: 13.5 },
});
const sim = (): OptionChain => simulateChain({ ...simInput(), random: createRandom(7) });

describe('IV surface', () => {
  it('ATM at 30 days equals India VIX; put wing above call wing (negative skew)', () => {
    expect(atmVol({ ...DEFAULT_SURFACE, vix: 13.5 }, 30 / 365)).toBeCloseTo(0.135, 12);
    const F = 25_000;
    expect(surfaceVol(DEFAULT_SURFACE, F, 24_000, 7 / 365)).toBeGreaterThan(surfaceVol(DEFAULT_SURFACE, F, 26_000, 7 / 365));
  });
});

describe('simulated chain', () => {
  it('has 101 strikes, spreads widen away from ATM, and enrichChain recovers the surface IV', () => {
    const chain = sim();
    expect(chain.rows).toHaveLength(101);
    const atmRow = chain.rows.find((r) => r.strike === chain.atmStrike)!;
    const wing = chain.rows[5]!;
    expect(spreadPct(wing.pe!)).toBeGreaterThan(spreadPct(atmRow.pe!));
    for (const row of chain.rows) {
      for (const q of [row.ce!, row.pe!]) {
        expect(q.bid).toBeLessThan(q.ask);
        expect(q.bid).toBeGreaterThanOrEqual(0);
      }
    }
    // Re-solve IV from exact model mids (not the tick-rounded quotes) to check chain plumbing end to end.
    const F = chain.forward!;
    const exact: OptionChain = {
      ...chain,
      rows: chain.rows.map((row) => {
        const sigma = row.ce!.iv!;
        const c = black76('CE', F, row.strike, T, 0.0525, sigma).price;
        const p = black76('PE', F, row.strike, T, 0.0525, sigma).price;
        return { strike: row.strike, ce: { ...row.ce!, bid: 0, ask: 0, ltp: c }, pe: { ...row.pe!, bid: 0, ask: 0, ltp: p } };
      }),
    };
    const enriched = enrichChain(exact, { r: 0.0525, T });
    let compared = 0;
    for (let i = 0; i < enriched.rows.length; i++) {
      const got = enriched.rows[i]!.pe!;
      if (got.iv === undefined) continue;
      expect(Math.abs(got.iv - chain.rows[i]!.pe!.iv!)).toBeLessThan(1e-8);
      compared++;
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('synthetic forward from the ATM pair matches the forward within a tick-rounding error', () => {
    const chain = sim();
    const F = syntheticForward({ ...chain, forward: undefined }, 0.0525, T)!;
    expect(Math.abs(F - chain.forward!)).toBeLessThan(0.2);
  });
});

describe('strike selection and liquidity', () => {
  const chain = sim();
  it('ATM ± n steps', () => {
    expect(strikeAtOffset(chain, 0)).toBe(chain.atmStrike);
    expect(strikeAtOffset(chain, 2)).toBe(chain.atmStrike + 100);
    expect(strikeAtOffset(chain, -3)).toBe(chain.atmStrike - 150);
    expect(strikeAtOffset(chain, 60)).toBeUndefined();
  });
  it('by target delta and by target premium', () => {
    const k = strikeByDelta(chain, 'CE', 0.25)!;
    const row = chain.rows.find((r) => r.strike === k)!;
    expect(Math.abs(row.ce!.delta! - 0.25)).toBeLessThan(0.03);
    expect(k).toBeGreaterThan(chain.atmStrike);
    const p = strikeByDelta(chain, 'PE', -0.25)!;
    expect(p).toBeLessThan(chain.atmStrike);
    const byPremium = strikeByPremium(chain, 'PE', 50)!;
    expect(Math.abs(quotePrice(chain.rows.find((r) => r.strike === byPremium)!.pe!) - 50)).toBeLessThan(10);
  });
  it('keeps open interest away from the money on expiry morning, as a weekly holds it to the end', () => {
    const expiryMorning = istToEpoch(2026, 8, 25, 10, 0);
    const chain = simulateChain({ ...simInput(), now: expiryMorning, T: (expiryTs - expiryMorning) / 60_000 / 525_600 });
    const oi = (strike: number, right: 'ce' | 'pe'): number => chain.rows.find((r) => r.strike === strike)![right]!.oi!;
    const peak = Math.max(...chain.rows.flatMap((r) => [r.ce!.oi!, r.pe!.oi!]));
    // About 2 % out of the money on both sides, with 5½ hours left: a width of σ√T would leave nothing there.
    expect(oi(24_450, 'pe') / peak).toBeGreaterThan(0.2);
    expect(oi(25_450, 'ce') / peak).toBeGreaterThan(0.2);
    // Still a bell: the far wings thin out.
    expect(oi(23_000, 'pe') / peak).toBeLessThan(0.01);
  });
  it('filters legs by OI and spread %', () => {
    const liquid = filterLiquid(chain, { minOi: 500_000, maxSpreadPct: 5 });
    expect(liquid.rows.length).toBeGreaterThan(0);
    expect(liquid.rows.length).toBeLessThan(chain.rows.length);
    for (const r of liquid.rows) for (const q of [r.ce, r.pe]) if (q) expect(q.oi >= 500_000 && spreadPct(q) <= 5).toBe(true);
  });
});

describe('OpenAlgo option chain mapping (openalgo.md §3.4)', () => {
  // The verbatim CE leg of the docs sample; the PE leg and envelope values are illustrative.
  const response: OpenAlgoOptionChain = {
    status: 'success',
    underlying: 'NIFTY',
    underlying_ltp: 24_560.1,
    underlying_prev_close: 24_500,
    expiry_date: '25AUG26',
    expiry_ts: istToEpoch(2026, 8, 25, 15, 30) / 1000,
    server_ts: now / 1000,
    atm_strike: 24_550,
    forward_price: null,
    chain: [
      {
        strike: 24_600,
        ce: { symbol: 'NIFTY25AUG2624600CE', label: 'OTM1', ltp: 290, bid: 289.5, ask: 290.5, bid_qty: 650, ask_qty: 650, volume: 10, oi: 100, lotsize: 65, tick_size: 0.05 },
        pe: null,
      },
      {
        strike: 24_550,
        ce: { symbol: 'NIFTY25AUG2624550CE', label: 'ATM', ltp: 311.6, bid: 311.1, ask: 312.1, bid_qty: 1500, ask_qty: 2250, open: 330.3, high: 345.9, low: 286.65, prev_close: 324.05, volume: 2841075, oi: 4218300, lotsize: 75, tick_size: 0.05, implied_volatility: 14.92, delta: 0.5221, gamma: 0.000536, theta: -9.8729, vega: 19.8452 },
        pe: { symbol: 'NIFTY25AUG2624550PE', label: 'ATM', ltp: 295.2, bid: 294.9, ask: 295.6, bid_qty: 750, ask_qty: 900, volume: 2_000_000, oi: 3_900_000, lotsize: 75, tick_size: 0.05 },
      },
    ],
  };

  it('maps expiry, timestamps, legs, IV percent → decimal, and sorts strikes', () => {
    const r = chainFromOpenAlgo(response, 'NFO', 0);
    if (!r.ok) throw new Error(r.error.message);
    const c = r.value;
    expect(c.expiry).toBe('2026-08-25');
    expect(c.expiryTs).toBe(istToEpoch(2026, 8, 25, 15, 30));
    expect(c.ts).toBe(now);
    expect(c.forward).toBeUndefined();
    expect(c.rows.map((x) => x.strike)).toEqual([24_550, 24_600]);
    expect(c.rows[0]!.ce).toMatchObject({ symbol: 'NIFTY25AUG2624550CE', ltp: 311.6, bidQty: 1500, askQty: 2250, oi: 4218300, iv: 0.1492, delta: 0.5221, vega: 19.8452 });
    expect(c.rows[0]!.pe?.iv).toBeUndefined();
    expect(c.rows[1]!.pe).toBeUndefined();
    expect(c.lotSize).toBe(65);
  });

  it('rejects an unknown expiry format as a typed error', () => {
    const r = chainFromOpenAlgo({ ...response, expiry_date: '2026-08-25' }, 'NFO', 0);
    expect(!r.ok && r.error.kind).toBe('validation');
    expect(parseOpenAlgoExpiry('25-AUG-26')).toBe('2026-08-25');
  });
});
