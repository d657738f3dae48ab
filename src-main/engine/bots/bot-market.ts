import type { MarketData } from '#market/market-data';
import type { MarketView } from '#market/multi-timeframe';
import type { Bar, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';

/**
 * What bots read of the market: the engine's closed bars and last ticks, with daily bars from before the
 * engine's own history put in front of its daily series (the simulation's seeded year, later a broker's
 * history), so a seller's daily ATR and VIX percentile have the days they need from the first minute.
 * Only bars older than the engine's first daily bar are taken: the two never overlap. Windows come back
 * frozen, bars included.
 */
export function createBotMarket(marketData: MarketData, dailyHistory: () => readonly Bar[]): (id: InstrumentId) => MarketView {
  // Indexed on first use: the feed seeds its history when it starts, after the engine is built.
  let indexed = -1;
  let seeded = new Map<InstrumentId, Bar[]>();
  const older = (id: InstrumentId): readonly Bar[] => {
    const all = dailyHistory();
    if (all.length !== indexed) {
      indexed = all.length;
      seeded = new Map();
      for (const b of all) {
        if (b.timeframe !== '1d' || !b.closed) continue;
        const list = seeded.get(b.instrumentId) ?? [];
        list.push(Object.freeze(b));
        seeded.set(b.instrumentId, list);
      }
      for (const list of seeded.values()) list.sort((a, b) => a.tsStart - b.tsStart);
    }
    return seeded.get(id) ?? [];
  };
  const views = new Map<InstrumentId, MarketView>();

  return (id) => {
    const cached = views.get(id);
    if (cached) return cached;
    const live = marketData.view(id);
    const read = (tf: Timeframe, count: number): readonly Bar[] => {
      const own = live.bars(tf, count);
      if (tf !== '1d' || own.length >= count) return own;
      const before = own[0]?.tsStart ?? Number.POSITIVE_INFINITY;
      const seed = older(id);
      let end = seed.length;
      while (end > 0 && seed[end - 1]!.tsStart >= before) end--;
      return end === 0 ? own : [...seed.slice(Math.max(0, end - (count - own.length)), end), ...own];
    };
    // Series only grow at the end, so the same last bar (and the same seeded history) means the same window:
    // every bot reading it until the next bar closes shares one frozen array instead of copying and freezing its own.
    const windows = new Map<string, { last: Bar | undefined; seeded: number; bars: readonly Bar[] }>();
    const bars = (tf: Timeframe, count: number): readonly Bar[] => {
      const last = live.lastBar(tf);
      const seeded = tf === '1d' ? dailyHistory().length : 0;
      const key = `${tf}|${count}`;
      const hit = windows.get(key);
      if (hit && hit.last === last && hit.seeded === seeded) return hit.bars;
      // Every bar in it is frozen already (the series freeze what they store, the seeded days are frozen
      // above): freezing the new array is enough, with no walk over hundreds of bars each time one closes.
      const out = Object.freeze(read(tf, count));
      windows.set(key, { last, seeded, bars: out });
      return out;
    };
    const view: MarketView = Object.freeze({ instrumentId: id, lastTick: () => live.lastTick(), bars, lastBar: (tf: Timeframe) => bars(tf, 1)[0] });
    views.set(id, view);
    return view;
  };
}
