import { PriceActionStream } from '#indicators/price-action/index';
import type { InstrumentId } from '#model/ids';
import type { MarketAccess, StructureBreaks } from '../ports.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * The structure-break port as the engine's shared studies serve it, for tests and the benchmark without
 * the bots: one price-action stream per instrument over the market's closed 5-minute bars. `feed(now)`
 * is the studies taking the instant's bars (before the models run, as the engine does); `breaks` reads.
 */
export function streamBreaks(market: MarketAccess) {
  const streams = new Map<InstrumentId, { stream: PriceActionStream; lastTs: number }>();
  const breaks: StructureBreaks = (u) => {
    const s = streams.get(u);
    const t = s ? s.stream.series.length - 1 : -1;
    if (!s || t < 0) return undefined;
    const e = s.stream.structure.lastEvent;
    const close = s.stream.series.close[t]!;
    return e ? { close, lastBreak: { side: e.side, kind: e.kind, level: e.level, tsKnown: e.tsKnown, barsAgo: t - e.knownAtIndex } } : { close };
  };
  return {
    breaks,
    feed(underlyings: readonly InstrumentId[], now: number): void {
      for (const u of underlyings) {
        let s = streams.get(u);
        if (!s) streams.set(u, (s = { stream: new PriceActionStream(), lastTs: Number.NEGATIVE_INFINITY }));
        // The history once, then the bars of this instant (as the engine's studies take each bar as it closes).
        for (const bar of market(u)?.bars('5m', s.lastTs === Number.NEGATIVE_INFINITY ? 1000 : 4) ?? []) {
          if (bar.tsStart <= s.lastTs || bar.tsStart + FIVE_MINUTES > now) continue;
          s.stream.push(bar);
          s.lastTs = bar.tsStart;
        }
      }
    },
  };
}
