import { err, ok, type Result } from '#core/result';
import { dailyScale, type VarHorizon } from './horizon.ts';
import type { MarketScenario } from './scenario.ts';

/** One stored daily close (the session's last price), by IST date. */
export interface DailyClose {
  readonly date: string;
  readonly close: number;
}

/** The stored daily history risk reads: each underlying's closes and India VIX's, oldest first. */
export interface DailyHistory {
  readonly underlyings: Readonly<Record<string, readonly DailyClose[]>>;
  readonly vix: readonly DailyClose[];
}

export interface HistoricalOptions {
  /** Daily moves used, the most recent ones (250 ≈ one year of sessions). */
  readonly lookback: number;
  /** Fewer moves than this and there is no VaR: a tail of a handful of days says nothing. */
  readonly minScenarios: number;
}

/**
 * Historical scenarios: each date on which every underlying of the book and India VIX have a close
 * and so did the previous common date gives one scenario, the underlyings' simple returns and VIX's
 * change in points between the two, scaled to the horizon. Dates missing for any series are skipped,
 * so a move always spans the same two sessions for every underlying.
 */
export function historicalScenarios(history: DailyHistory, underlyings: readonly string[], horizon: VarHorizon, opts: HistoricalOptions): Result<MarketScenario[], string> {
  const series = new Map<string, Map<string, number>>();
  for (const u of underlyings) {
    const closes = history.underlyings[u];
    if (!closes || closes.length === 0) return err(`no stored daily history for ${u}`);
    series.set(u, new Map(closes.map((c) => [c.date, c.close])));
  }
  if (history.vix.length === 0) return err('no stored daily history for India VIX');
  const vix = new Map(history.vix.map((c) => [c.date, c.close]));
  const dates = [...vix.keys()].filter((d) => underlyings.every((u) => series.get(u)!.has(d))).sort();
  const scale = dailyScale(horizon);
  const out: MarketScenario[] = [];
  for (let i = Math.max(1, dates.length - opts.lookback); i < dates.length; i++) {
    const prev = dates[i - 1]!;
    const date = dates[i]!;
    const returns: Record<string, number> = {};
    for (const u of underlyings) {
      const s = series.get(u)!;
      returns[u] = (s.get(date)! / s.get(prev)! - 1) * scale;
    }
    out.push({ label: date, returns, ivPoints: (vix.get(date)! - vix.get(prev)!) * scale });
  }
  if (out.length < opts.minScenarios) return err(`only ${out.length} daily moves stored for ${[...underlyings, 'India VIX'].join(', ')} together; VaR needs at least ${opts.minScenarios}`);
  return ok(out);
}
