import type { Unsubscribe } from '#core/bus';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { BarBuilder, type DropCounters } from './bar-builder.ts';
import { cachedSessionLookup, nseCalendar, segmentOf, type Segment, type SessionCalendar } from './session-calendar.ts';

export type { DropCounters };

export interface BarAggregatorOptions {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  /** Default: the NSE calendar (holidays, special sessions, dated session hours). */
  readonly calendar?: SessionCalendar;
  /** Session hours to follow. Default: by exchange (NFO/BFO → F&O hours, else equity). */
  readonly segment?: Segment;
}

/** Ticks of one instrument → bars of one timeframe, stamped at their start, inside the NSE session only. */
export interface BarAggregator {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  /** Folds a tick. Ticks outside the session, late ticks and other instruments' ticks are counted, not used. */
  push(tick: Tick): void;
  /** Closes the forming bar once the clock passes its end, even if no tick came (a quiet 15:29 bar closes at 15:30). */
  advanceTime(nowMs: number): void;
  /** Called with the forming bar (closed=false) on every update and once with the closed bar (closed=true). */
  onBar(handler: (bar: Bar) => void): Unsubscribe;
  /** Called once with each closed bar. Cheaper than `onBar`: no forming bar is built per tick. */
  onClose(handler: (bar: Bar) => void): Unsubscribe;
  /** A copy of the forming bar, made on each call. */
  forming(): Bar | undefined;
  isForming(): boolean;
  lastClosed(): Bar | undefined;
  drops(): Readonly<DropCounters>;
}

/**
 * Bar volume is derived from the exchange's cumulative day volume, so a lost tick loses no volume: the
 * next tick's cumulative figure still carries it. The baseline resets each session. When the first tick
 * of a day arrives after the day's first bar (we joined mid-session), that tick sets the baseline and
 * earlier volume is not attributed to the current bar.
 */
export function createBarAggregator(options: BarAggregatorOptions): BarAggregator {
  const { instrumentId, timeframe } = options;
  const builder = new BarBuilder(instrumentId, timeframe);
  const lookup = cachedSessionLookup(options.calendar ?? nseCalendar, options.segment ?? segmentOf(instrumentId));
  let volumeDay = '';
  let lastCumVolume = 0;

  const volumeDelta = (tick: Tick, dateKey: string, sessionOpen: number): number => {
    const cum = tick.volume;
    if (cum === undefined) return 0;
    if (dateKey !== volumeDay) {
      volumeDay = dateKey;
      const joinedAtOpen = tick.tsEvent - sessionOpen < 60_000;
      lastCumVolume = joinedAtOpen ? 0 : cum;
    }
    // A cumulative figure that goes backwards is a feed correction or reset: rebase, count nothing.
    const delta = cum >= lastCumVolume ? cum - lastCumVolume : 0;
    lastCumVolume = cum;
    return delta;
  };

  return {
    instrumentId,
    timeframe,
    push(tick) {
      if (tick.instrumentId !== instrumentId) {
        builder.drops.otherInstrument++;
        return;
      }
      const session = lookup(tick.tsEvent);
      if (!session) {
        builder.advanceTime(tick.tsEvent);
        builder.drops.outsideSession++;
        return;
      }
      const window = builder.enter(tick.tsEvent, session);
      if (!window) return;
      const volume = volumeDelta(tick, session.dateKey, session.open);
      builder.fold(window, tick.ltp, tick.ltp, tick.ltp, tick.ltp, volume, tick.oi);
    },
    advanceTime: (nowMs) => builder.advanceTime(nowMs),
    onBar: (handler) => builder.onBar(handler),
    onClose: (handler) => builder.onClose(handler),
    forming: () => builder.forming(),
    isForming: () => builder.formingWindow() !== undefined,
    lastClosed: () => builder.lastClosed(),
    drops: () => ({ ...builder.drops }),
  };
}
