import { barEndOf } from '#calendar/bar-end';
import type { Bar } from '#model/bar';

/** 1 = bullish / swing high side, -1 = bearish / swing low side (the smc convention). */
export type Side = 1 | -1;

/**
 * Every streaming event carries two clocks: the bar it describes (`index`, `ts`) and the bar at whose
 * close it first became knowable (`knownAtIndex`, `tsKnown`). A backtest may act on an event only from
 * `tsKnown` on; `knownAtIndex >= index` always.
 */
export interface Stamp {
  readonly index: number;
  readonly ts: number;
  readonly knownAtIndex: number;
  readonly tsKnown: number;
}

/** Column view of a bar series, so the rules read plain numbers. */
export interface Ohlc {
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
  readonly length: number;
}

export function toOhlc(bars: readonly Bar[]): Ohlc {
  const n = bars.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  bars.forEach((b, i) => {
    open[i] = b.open;
    high[i] = b.high;
    low[i] = b.low;
    close[i] = b.close;
    volume[i] = b.volume;
  });
  return { open, high, low, close, volume, length: n };
}

/** The end of a bar: a closed bar's content is knowable from then on (a daily bar at its session's close). */
export function barEnd(bar: Bar): number {
  return barEndOf(bar.instrumentId, bar.timeframe, bar.tsStart);
}

/** The bars seen so far, as columns; the streaming detectors of one pipeline share it. */
export class LiveSeries implements Ohlc {
  readonly open: number[] = [];
  readonly high: number[] = [];
  readonly low: number[] = [];
  readonly close: number[] = [];
  readonly volume: number[] = [];
  readonly tsStart: number[] = [];
  readonly tsEnd: number[] = [];

  /** Appends a closed bar and returns its index. */
  push(bar: Bar): number {
    this.open.push(bar.open);
    this.high.push(bar.high);
    this.low.push(bar.low);
    this.close.push(bar.close);
    this.volume.push(bar.volume);
    this.tsStart.push(bar.tsStart);
    this.tsEnd.push(barEnd(bar));
    return this.close.length - 1;
  }

  get length(): number {
    return this.close.length;
  }

  stamp(index: number, knownAtIndex: number): Stamp {
    if (knownAtIndex < index || knownAtIndex >= this.length) {
      throw new RangeError(`cannot stamp bar ${index} as known at ${knownAtIndex} (length ${this.length})`);
    }
    return { index, ts: this.tsStart[index] as number, knownAtIndex, tsKnown: this.tsEnd[knownAtIndex] as number };
  }
}
