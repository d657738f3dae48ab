import type { Bar, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Store } from './database.ts';

/** Bars by instrument and timeframe. Writes are batched in one transaction: the hot path of history loads. */
export function createBarRepository(store: Store) {
  const upsert = store.sqlite.prepare(
    `INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, volume, oi)
     VALUES (@instrument_id, @timeframe, @ts_start, @open, @high, @low, @close, @volume, @oi)
     ON CONFLICT (instrument_id, timeframe, ts_start) DO UPDATE SET
       open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
       volume = excluded.volume, oi = excluded.oi`,
  );
  const writeMany = store.sqlite.transaction((bars: readonly Bar[]) => {
    for (const b of bars) {
      upsert.run({
        instrument_id: b.instrumentId,
        timeframe: b.timeframe,
        ts_start: b.tsStart,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        volume: b.volume,
        oi: b.oi ?? null,
      });
    }
  });

  return {
    save(bars: readonly Bar[]): void {
      writeMany(bars);
    },

    async range(instrumentId: InstrumentId, timeframe: Timeframe, fromMs: number, toMs: number): Promise<Bar[]> {
      const rows = await store.db
        .selectFrom('bars')
        .selectAll()
        .where('instrument_id', '=', instrumentId)
        .where('timeframe', '=', timeframe)
        .where('ts_start', '>=', fromMs)
        .where('ts_start', '<', toMs)
        .orderBy('ts_start')
        .execute();
      return rows.map((r) => ({
        instrumentId,
        timeframe,
        tsStart: r.ts_start,
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        volume: r.volume,
        ...(r.oi !== null ? { oi: r.oi } : {}),
        closed: true,
      }));
    },
  };
}

export type BarRepository = ReturnType<typeof createBarRepository>;
