import { SimClock } from '#core/clock';
import type { Bar, Tick } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { indexInstrument, UNDERLYINGS, VIX_INSTRUMENT } from '#market/feeds/simulator/instruments';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { openStore } from '#store/database';
import { tradingSessions } from './trading-days.ts';

export interface RecordOptions {
  /** The terminal database to write (created when missing, migrated like the terminal's own). */
  readonly file: string;
  readonly seed: number;
  readonly from: string;
  readonly to: string;
  readonly underlyings: readonly string[];
  /** Daily bars recorded before `from` (the bots' daily studies read them). Default 260. */
  readonly dailySessions?: number;
  /** Simulated tick spacing folded into each 1-minute bar. Default 5000 ms. */
  readonly tickMs?: number;
}

/**
 * Writes the simulated market of `from`..`to` into a history cache as 1-minute bars of the chosen indices
 * and India VIX, with daily bars of the sessions before: a fixture for history backtests and the bench,
 * made by the same seeded simulator the terminal runs, so anyone can make it again. The file is opened as
 * the terminal's store (its migrations, its schema): the terminal and `npm run import:csv` open it later as
 * their own. Returns the bars written.
 */
export async function recordSimulatorHistory(o: RecordOptions): Promise<number> {
  const sessions = tradingSessions(o.from, o.to);
  if (sessions.length === 0) throw new RangeError(`no session between ${o.from} and ${o.to}`);
  const clock = new SimClock(sessions[0]!.open);
  const specs = UNDERLYINGS.filter((u) => o.underlyings.includes(u.name));
  const feed = createSimulatorFeed({ clock, seed: o.seed, tickIntervalMs: o.tickMs ?? 5000, warmupSessions: 0, dailyHistorySessions: o.dailySessions ?? 260, underlyings: specs });
  const ids: InstrumentId[] = [...specs.map((u) => indexInstrument(u).id), VIX_INSTRUMENT.id];
  const store = openStore(o.file, Date.now());
  if (!store.ok) throw new Error(store.error.message);
  const cache = createSqliteBarCache(store.value.sqlite);
  let written = 0;
  let pending: Bar[] = [];
  const forming = new Map<InstrumentId, { tsStart: number; open: number; high: number; low: number; close: number }>();
  let sessionClose = sessions[0]!.close;
  const flush = (): void => {
    cache.save(pending, 'simulator');
    written += pending.length;
    pending = [];
  };
  const closeBar = (id: InstrumentId): void => {
    const b = forming.get(id);
    if (!b) return;
    pending.push({ instrumentId: id, timeframe: '1m', ...b, volume: 0, closed: true });
    forming.delete(id);
  };
  feed.onTick((t: Tick) => {
    if (t.tsEvent >= sessionClose) return;
    const minute = Math.floor(t.tsEvent / 60_000) * 60_000;
    const b = forming.get(t.instrumentId);
    if (b && b.tsStart === minute) {
      b.high = Math.max(b.high, t.ltp);
      b.low = Math.min(b.low, t.ltp);
      b.close = t.ltp;
      return;
    }
    if (b) closeBar(t.instrumentId);
    forming.set(t.instrumentId, { tsStart: minute, open: t.ltp, high: t.ltp, low: t.ltp, close: t.ltp });
  });
  feed.subscribe(ids, 'ltp');
  await feed.start();
  cache.save(feed.dailyHistory().filter((b) => ids.includes(b.instrumentId)), 'simulator');
  written += feed.dailyHistory().filter((b) => ids.includes(b.instrumentId)).length;
  for (const s of sessions) {
    sessionClose = s.close;
    clock.advanceTo(s.close);
    for (const id of ids) closeBar(id);
    if (pending.length > 50_000) flush();
  }
  flush();
  await feed.stop();
  await store.value.close();
  return written;
}
