import { istDateKey } from '#core/time-ist';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { DailyClose, DailyHistory } from '#risk/var/historical';
import { UNDERLYINGS, VIX_ID } from '#market/feeds/simulator/instruments';
import { isUnderlying } from '#options/contract-specs';
import { underlyingIndexId } from '#options/option-symbol';

/**
 * The daily history VaR and the stress replays read: each index's and India VIX's session closes by IST
 * date, from every source given (stored `1d` bars, the simulation's seeded year, the bars the engine
 * closed since). A later source wins for a date it also has.
 */
export function dailyHistoryOf(sources: readonly (readonly Bar[])[]): DailyHistory {
  const names = new Map<InstrumentId, string>();
  for (const u of UNDERLYINGS) if (isUnderlying(u.name)) names.set(underlyingIndexId(u.name), u.name);
  const byName = new Map<string, Map<string, number>>();
  const vix = new Map<string, number>();
  for (const bars of sources) {
    for (const b of bars) {
      if (b.timeframe !== '1d') continue;
      const date = istDateKey(b.tsStart);
      if (b.instrumentId === VIX_ID) vix.set(date, b.close);
      const name = names.get(b.instrumentId);
      if (!name) continue;
      const m = byName.get(name) ?? new Map<string, number>();
      m.set(date, b.close);
      byName.set(name, m);
    }
  }
  const sorted = (m: Map<string, number>): DailyClose[] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, close]) => ({ date, close }));
  return { underlyings: Object.fromEntries([...byName].map(([n, m]) => [n, sorted(m)])), vix: sorted(vix) };
}

/** The index and VIX ids whose daily bars the history needs. */
export function dailyHistoryIds(): InstrumentId[] {
  const ids: InstrumentId[] = [VIX_ID];
  for (const u of UNDERLYINGS) if (isUnderlying(u.name)) ids.push(underlyingIndexId(u.name));
  return ids;
}
