import type { InstrumentId } from './ids.ts';

/** Bar lengths the engine aggregates. `1d` is the NSE session, not a UTC day. */
export const Timeframe = {
  m1: '1m',
  m3: '3m',
  m5: '5m',
  m15: '15m',
  m30: '30m',
  m60: '60m',
  d1: '1d',
} as const;
export type Timeframe = (typeof Timeframe)[keyof typeof Timeframe];

export type IntradayTimeframe = Exclude<Timeframe, '1d'>;

/**
 * Intraday bar lengths. A daily bar has no fixed length: it is its session, whose close depends on the
 * date and segment (F&O to 15:40 from 2026-08-03); `#calendar/bar-end` gives its end.
 */
export const TIMEFRAME_MINUTES: Readonly<Record<IntradayTimeframe, number>> = {
  '1m': 1,
  '3m': 3,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '60m': 60,
};

/** An OHLCV bar stamped at its start (`tsStart`, epoch ms). `closed` is false while it is forming. */
export interface Bar {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  readonly tsStart: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Traded quantity in the bar; 0 for indices, which have none. */
  readonly volume: number;
  /** Open interest at the bar's close, where the instrument has one. */
  readonly oi?: number;
  readonly closed: boolean;
}

/** One market update. Quote fields are present when the feed carries them (Quote/Depth modes). */
export interface Tick {
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly ltp: number;
  /** Cumulative day volume as the exchange reports it, when known. */
  readonly volume?: number;
  readonly bid?: number;
  readonly ask?: number;
  readonly bidQty?: number;
  readonly askQty?: number;
  readonly oi?: number;
}
