import type { Bar } from '#model/bar';
import { roundToTick, type OptionInstrument } from '#model/instrument';
import { black76Price } from '#options/black';
import { yearsToExpiry } from '#options/expiry';
import { DEFAULT_SURFACE, surfaceVol } from '#options/surface';

export interface LegHistoryInput {
  readonly leg: OptionInstrument;
  /** The underlying index's closed 1m bars, oldest first. */
  readonly spot: readonly Bar[];
  /** India VIX's closed 1m bars, oldest first. */
  readonly vix: readonly Bar[];
  /** The underlying's volatility relative to India VIX (the simulator's `volMultiplier`). */
  readonly volMultiplier: number;
  readonly r: number;
}

/**
 * 1m bars of an option leg as the simulated market would have quoted it: each underlying bar repriced
 * with the same model the simulation quotes options with (Black-76 on the VIX-anchored surface). An
 * option's price moves with spot in one direction, so the leg's high and low are the prices at the
 * underlying's high and low (swapped for a put). Bars after the leg expired, or before any VIX value,
 * are left out. Volume is 0: the simulation does not trade option volume in history.
 */
export function simulatedLegHistory(input: LegHistoryInput): Bar[] {
  const { leg, spot, vix, r } = input;
  const out: Bar[] = [];
  let v = 0;
  let vixLevel: number | undefined;
  for (const bar of spot) {
    if (bar.tsStart >= leg.expiry) break;
    while (v < vix.length && vix[v]!.tsStart <= bar.tsStart) vixLevel = vix[v++]!.close;
    if (vixLevel === undefined) continue;
    const surface = { ...DEFAULT_SURFACE, vix: vixLevel * input.volMultiplier };
    const T = yearsToExpiry(bar.tsStart + 60_000, leg.expiry, 'calendar');
    if (!(T > 0)) break;
    const price = (s: number): number => {
      const F = s * Math.exp(r * T);
      const p = black76Price(leg.right, F, leg.strike, T, r, surfaceVol(surface, F, leg.strike, T));
      return Math.max(roundToTick(p, leg.tickSize), leg.tickSize);
    };
    const o = price(bar.open);
    const c = price(bar.close);
    const a = price(bar.high);
    const b = price(bar.low);
    out.push({
      instrumentId: leg.id,
      timeframe: '1m',
      tsStart: bar.tsStart,
      open: o,
      high: Math.max(o, c, a, b),
      low: Math.min(o, c, a, b),
      close: c,
      volume: 0,
      closed: true,
    });
  }
  return out;
}
