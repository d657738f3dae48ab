import type BetterSqlite3 from 'better-sqlite3';
import { SimClock } from '#core/clock';
import type { InstrumentId } from '#model/ids';
import { createReplayFeed } from '#market/feeds/replay/replay-feed';
import { createSqliteBarCache } from '#market/history/bar-cache';

/** The last traded price an instrument showed at each instant of a replay. */
export class PricePath {
  private readonly ts: number[] = [];
  private readonly ltp: number[] = [];

  add(ts: number, ltp: number): void {
    this.ts.push(ts);
    this.ltp.push(ltp);
  }

  get empty(): boolean {
    return this.ts.length === 0;
  }

  /** The price in force at `t` (the last tick at or before it); undefined before the first tick. */
  at(t: number): number | undefined {
    let lo = 0;
    let hi = this.ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : this.ltp[lo - 1];
  }
}

/**
 * The market a backtest of [fromMs, toMs] would have seen: the session's 1-minute bars from the store
 * played through the backtester's own replay feed (four ticks a bar, on a simulated clock), so the report
 * prices every order exactly as a backtest of the same day fills it. Instruments with no bars get an
 * empty path.
 */
export async function replayedPrices(sqlite: BetterSqlite3.Database, instruments: readonly InstrumentId[], fromMs: number, toMs: number): Promise<Map<InstrumentId, PricePath>> {
  const paths = new Map<InstrumentId, PricePath>(instruments.map((id) => [id, new PricePath()]));
  if (instruments.length === 0) return paths;
  const clock = new SimClock(fromMs);
  const feed = createReplayFeed({ source: createSqliteBarCache(sqlite), fromMs, toMs, clock, pacing: 'driven', data: { kind: 'bars', timeframe: '1m' } });
  feed.onTick((t) => paths.get(t.instrumentId)?.add(t.tsEvent, t.ltp));
  feed.subscribe(instruments, 'ltp');
  await feed.start();
  feed.playTo(toMs);
  await feed.stop();
  return paths;
}
