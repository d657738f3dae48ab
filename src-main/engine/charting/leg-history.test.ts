import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import type { OptionInstrument } from '#model/instrument';
import { expiryInstant } from '#options/expiry';
import { simulateChain } from '#options/sim-chain';
import { DEFAULT_SURFACE } from '#options/surface';
import { simulatedLegHistory } from './leg-history.ts';

const OPEN = istToEpoch(2026, 11, 25, 9, 15);
const EXPIRY = '2026-11-26';
const bar = (id: string, i: number, o: number, h: number, l: number, c: number): Bar => ({
  instrumentId: instrumentId('NSE_INDEX', id),
  timeframe: '1m',
  tsStart: OPEN + i * 60_000,
  open: o,
  high: h,
  low: l,
  close: c,
  volume: 0,
  closed: true,
});
const leg = (right: 'CE' | 'PE'): OptionInstrument => ({
  kind: 'option',
  id: instrumentId('NFO', `NIFTY26NOV2626000${right}`),
  symbol: `NIFTY26NOV2626000${right}`,
  exchange: 'NFO',
  tickSize: 0.05,
  underlying: 'NIFTY',
  expiry: expiryInstant(EXPIRY),
  strike: 26_000,
  right,
  lotSize: 65,
});

describe('a simulated leg’s history', () => {
  const spot = [bar('NIFTY', 0, 26_000, 26_040, 25_980, 26_030), bar('NIFTY', 1, 26_030, 26_100, 26_020, 26_090)];
  const vix = [bar('INDIAVIX', 0, 13, 13, 13, 13)];

  it('moves a call with spot and a put against it, with the high and low from the underlying’s', () => {
    const ce = simulatedLegHistory({ leg: leg('CE'), spot, vix, volMultiplier: 1, r: 0.065 });
    const pe = simulatedLegHistory({ leg: leg('PE'), spot, vix, volMultiplier: 1, r: 0.065 });
    expect(ce).toHaveLength(2);
    expect(ce[1]!.close).toBeGreaterThan(ce[0]!.close);
    expect(pe[1]!.close).toBeLessThan(pe[0]!.close);
    for (const b of [...ce, ...pe]) {
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.closed).toBe(true);
    }
  });

  it('prices as the simulated chain quotes the same leg at the same spot and VIX', () => {
    const [last] = simulatedLegHistory({ leg: leg('CE'), spot: spot.slice(0, 1), vix, volMultiplier: 1, r: 0.065 });
    const now = OPEN + 60_000;
    const chain = simulateChain({
      underlying: 'NIFTY',
      exchange: 'NFO',
      expiry: EXPIRY,
      expiryTs: expiryInstant(EXPIRY),
      now,
      spot: 26_030,
      r: 0.065,
      q: 0,
      T: (expiryInstant(EXPIRY) - now) / (365 * 86_400_000),
      strikeStep: 50,
      strikesEachSide: 2,
      lotSize: 65,
      surface: { ...DEFAULT_SURFACE, vix: 13 },
    });
    expect(last!.close).toBeCloseTo(chain.rows.find((r) => r.strike === 26_000)!.ce!.ltp, 1);
  });

  it('stops at the leg’s expiry and waits for a VIX value', () => {
    const late = [bar('NIFTY', 0, 1, 1, 1, 1), { ...bar('NIFTY', 1, 1, 1, 1, 1), tsStart: expiryInstant(EXPIRY) }];
    expect(simulatedLegHistory({ leg: leg('CE'), spot: late, vix: [], volMultiplier: 1, r: 0.065 })).toEqual([]);
    expect(simulatedLegHistory({ leg: leg('CE'), spot: late, vix, volMultiplier: 1, r: 0.065 })).toHaveLength(1);
  });
});
