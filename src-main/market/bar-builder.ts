import type { Unsubscribe } from '#core/bus';
import type { Bar, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { barWindow, type BarWindow, type TradingSession } from './session-calendar.ts';

/** Why an update was not folded into a bar. */
export interface DropCounters {
  /** Stamped outside any trading session (pre-open, after 15:30, weekends, holidays). */
  outsideSession: number;
  /** Stamped before the forming bar's window, or inside a window already closed. */
  late: number;
  /** Addressed to another instrument. */
  otherInstrument: number;
}

/**
 * The window bookkeeping shared by the tick aggregator and the bar resampler: it owns the forming bar,
 * closes it when time leaves its window, and tells subscribers. The forming bar lives in plain fields,
 * so folding a tick allocates nothing: a Bar object is made when a bar closes (frozen: consumers keep
 * it), when `forming()` is read, and for each revision only while someone listens to revisions (`onBar`).
 */
export class BarBuilder {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly drops: DropCounters = { outsideSession: 0, late: 0, otherInstrument: 0 };

  private window: BarWindow | undefined;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;
  private oi: number | undefined;
  private closedUntil = Number.NEGATIVE_INFINITY;
  private lastTs = Number.NEGATIVE_INFINITY;
  private lastClosedBar: Bar | undefined;
  private revisionHandlers: readonly ((bar: Bar) => void)[] = [];
  private closeHandlers: readonly ((bar: Bar) => void)[] = [];

  constructor(instrumentId: InstrumentId, timeframe: Timeframe) {
    this.instrumentId = instrumentId;
    this.timeframe = timeframe;
  }

  /** Every revision of the forming bar (a new object each, closed=false), then the closed bar once. */
  onBar(handler: (bar: Bar) => void): Unsubscribe {
    const offRevisions = this.listen('revisionHandlers', handler);
    const offClose = this.listen('closeHandlers', handler);
    return () => {
      offRevisions();
      offClose();
    };
  }

  /** Closed bars only: the tick path then builds no object until the bar closes. */
  onClose(handler: (bar: Bar) => void): Unsubscribe {
    return this.listen('closeHandlers', handler);
  }

  /**
   * The window `ts` falls in, after closing the forming bar if time has left it; undefined if `ts` is late.
   * An update older than the last one used is late even inside the window: close must be the latest price.
   */
  enter(ts: number, session: TradingSession): BarWindow | undefined {
    if (ts < this.lastTs || ts < this.closedUntil) {
      this.drops.late++;
      return undefined;
    }
    this.lastTs = ts;
    if (this.window && ts >= this.window.end) this.closeForming();
    return this.window ?? barWindow(ts, this.timeframe, session);
  }

  /** Folds one update (a tick: o=h=l=c; a finer bar: its OHLC) into the window returned by `enter`. */
  fold(window: BarWindow, open: number, high: number, low: number, close: number, volume: number, oi: number | undefined): void {
    if (this.window === undefined) {
      this.window = window;
      this.open = open;
      this.high = high;
      this.low = low;
      this.volume = 0;
      this.oi = undefined;
    } else {
      if (high > this.high) this.high = high;
      if (low < this.low) this.low = low;
    }
    this.close = close;
    this.volume += volume;
    if (oi !== undefined) this.oi = oi;
    if (this.revisionHandlers.length > 0) this.publish(this.revisionHandlers, this.snapshot(false));
  }

  /** Closes the forming bar if its window ended at or before `nowMs`: bars close on time, not on the next tick. */
  advanceTime(nowMs: number): void {
    if (this.window && nowMs >= this.window.end) this.closeForming();
  }

  /** Closes the forming bar now (its last update reached the window's end). */
  closeForming(): void {
    if (!this.window) return;
    const bar = this.snapshot(true);
    this.closedUntil = this.window.end;
    this.window = undefined;
    this.lastClosedBar = bar;
    this.publish(this.closeHandlers, bar);
  }

  formingWindow(): BarWindow | undefined {
    return this.window;
  }

  forming(): Bar | undefined {
    return this.window ? this.snapshot(false) : undefined;
  }

  lastClosed(): Bar | undefined {
    return this.lastClosedBar;
  }

  private snapshot(closed: boolean): Bar {
    const { instrumentId, timeframe, open, high, low, close, volume, oi } = this;
    const tsStart = this.window!.start;
    // Two literal shapes instead of a conditional spread: one hidden class each, no temporary object.
    const bar: Bar = oi === undefined ? { instrumentId, timeframe, tsStart, open, high, low, close, volume, closed } : { instrumentId, timeframe, tsStart, open, high, low, close, volume, oi, closed };
    return Object.freeze(bar);
  }

  private publish(handlers: readonly ((bar: Bar) => void)[], bar: Bar): void {
    for (let i = 0; i < handlers.length; i++) handlers[i]!(bar);
  }

  /** Handler lists are replaced, never mutated, so a handler that unsubscribes mid-publish is safe. */
  private listen(list: 'revisionHandlers' | 'closeHandlers', handler: (bar: Bar) => void): Unsubscribe {
    this[list] = [...this[list], handler];
    return () => {
      this[list] = this[list].filter((h) => h !== handler);
    };
  }
}
