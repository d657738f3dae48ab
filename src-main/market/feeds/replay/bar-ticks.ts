import { IST_OFFSET_MS, istDateKey, istMidnight } from '#core/time-ist';
import type { Tick, Timeframe } from '#model/bar';
import { TIMEFRAME_MINUTES } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { BarRow } from '#market/history/bar-cache';
import { cachedSessionLookup, segmentOf, type SessionCalendar } from '#market/session-calendar';
import type { ReplayCursor } from './cursor-queue.ts';

const DAY_MS = 86_400_000;

/** Where a cursor reads its rows: the SQLite bar cache. */
export type BarRowSource = (afterMs: number, limit: number) => readonly BarRow[];

/**
 * Turns stored bars into the ticks that would have produced them: open at the bar's start, then the
 * extreme on the far side of the close, the other extreme, and the close just before the bar ends.
 * The bar's volume lands on the close tick as a cumulative day figure, so the bar aggregator rebuilds
 * exactly the stored bar (OHLC and volume) from these ticks.
 *
 * A bar ends where the session says (`#calendar/bar-end`'s rule): a daily bar at that day's close for the
 * instrument's segment (15:40 for F&O from 2026-08-03), the last 60m bar of the day at the close (15:15 →
 * 15:30), so every tick lands inside the session. Rows are read a page at a time; only the current page
 * and the current bar's four prices are held.
 */
export class BarTickCursor implements ReplayCursor {
  readonly instrumentId: InstrumentId;
  nextTs = Number.POSITIVE_INFINITY;

  private readonly read: BarRowSource;
  private readonly timeframe: Timeframe;
  private readonly pageSize: number;
  private readonly calendar: SessionCalendar;
  private readonly lookup: (ms: number) => { readonly close: number } | undefined;
  private page: readonly BarRow[] = [];
  private row = 0;
  private lastPage = false;
  private afterMs: number;
  private phase = 0;
  private day = Number.NaN;
  private cumVolume = 0;
  // The current bar's four ticks: instants, prices, cumulative volume before and after it, oi.
  private readonly at = [0, 0, 0, 0];
  private readonly price = [0, 0, 0, 0];
  private volumeBefore: number | undefined;
  private volumeAfter: number | undefined;
  private oi: number | null = null;

  constructor(options: { instrumentId: InstrumentId; timeframe: Timeframe; fromMs: number; read: BarRowSource; pageSize: number; calendar: SessionCalendar }) {
    this.instrumentId = options.instrumentId;
    this.timeframe = options.timeframe;
    this.read = options.read;
    this.pageSize = options.pageSize;
    this.calendar = options.calendar;
    this.lookup = cachedSessionLookup(options.calendar, segmentOf(options.instrumentId));
    this.afterMs = options.fromMs - 1;
    this.nextBar();
  }

  take(): Tick {
    const p = this.phase;
    const volume = p === 3 ? this.volumeAfter : this.volumeBefore;
    const tick = makeTick(this.instrumentId, this.at[p]!, this.price[p]!, volume, this.oi);
    if (p === 3) this.nextBar();
    else {
      this.phase = p + 1;
      this.nextTs = this.at[p + 1]!;
    }
    return tick;
  }

  /** Skips every tick stamped at or before `ms` (an instrument subscribed mid-replay joins from now on). */
  skipThrough(ms: number): void {
    while (this.nextTs <= ms) this.take();
  }

  private nextBar(): void {
    if (this.row >= this.page.length) {
      if (this.lastPage) return this.end();
      this.page = this.read(this.afterMs, this.pageSize);
      this.row = 0;
      this.lastPage = this.page.length < this.pageSize;
      if (this.page.length === 0) return this.end();
      this.afterMs = this.page[this.page.length - 1]![0];
    }
    const r = this.page[this.row++]!;
    const ts = r[0];
    const open = r[1];
    const high = r[2];
    const low = r[3];
    const close = r[4];
    const volume = r[5];
    const day = Math.floor((ts + IST_OFFSET_MS) / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.cumVolume = 0;
    }
    const hasVolume = volume > 0 || this.cumVolume > 0;
    this.volumeBefore = hasVolume ? this.cumVolume : undefined;
    this.cumVolume += volume;
    this.volumeAfter = hasVolume ? this.cumVolume : undefined;
    this.oi = r[6];
    const len = this.barEnd(ts) - ts;
    const at = this.at;
    at[0] = ts;
    at[1] = ts + Math.floor(len / 3);
    at[2] = ts + Math.floor((2 * len) / 3);
    at[3] = ts + len - 1000;
    const price = this.price;
    price[0] = open;
    price[1] = close >= open ? low : high;
    price[2] = close >= open ? high : low;
    price[3] = close;
    this.phase = 0;
    this.nextTs = ts;
  }

  private barEnd(ts: number): number {
    if (this.timeframe === '1d') {
      const session = this.calendar.sessionOn(istDateKey(ts), segmentOf(this.instrumentId));
      return session ? session.close : istMidnight(ts) + DAY_MS;
    }
    const end = ts + TIMEFRAME_MINUTES[this.timeframe] * 60_000;
    const session = this.lookup(ts);
    return session ? Math.min(end, session.close) : end;
  }

  private end(): void {
    this.page = [];
    this.nextTs = Number.POSITIVE_INFINITY;
  }
}

/** Four literal shapes, so every tick of a kind shares one hidden class. */
export function makeTick(instrumentId: InstrumentId, tsEvent: number, ltp: number, volume: number | undefined | null, oi: number | null): Tick {
  if (volume === undefined || volume === null) return oi === null ? { instrumentId, tsEvent, ltp } : { instrumentId, tsEvent, ltp, oi };
  return oi === null ? { instrumentId, tsEvent, ltp, volume } : { instrumentId, tsEvent, ltp, volume, oi };
}
