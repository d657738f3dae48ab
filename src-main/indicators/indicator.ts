import type { Bar } from '#model/bar';

/**
 * The streaming contract every indicator implements.
 *
 * `update` appends a new input; `replace` revises the last one (the forming bar), so
 * `replace(x)` after `update(y)` leaves the indicator exactly as `update(x)` would have. Both are O(1)
 * and allocate nothing: each indicator keeps its state as it stood before the last input and derives
 * the current state from it.
 */
export interface Indicator<I> {
  /** Inputs needed before `value` is defined: TA-Lib's lookback + 1. A bot's `requiredBars`. */
  readonly warmUp: number;
  /** Output names; `outputs[0]` is `value`. */
  readonly outputs: readonly string[];
  /** True once `warmUp` inputs have been seen; `value` is then finite. */
  readonly isReady: boolean;
  /** Primary output; NaN until ready. */
  readonly value: number;
  /** Output `index` of `outputs`; NaN until that output is defined (secondary ones may start earlier). */
  output(index: number): number;
  update(input: I): number;
  replace(input: I): number;
  reset(): void;
}

/** The fields of a `Bar` the indicators read; any `Bar` is one. */
export type BarInput = Pick<Bar, 'tsStart' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

/** Column form of a bar series, the shape TA-Lib takes; batch functions read it without building bars. */
export interface OhlcvColumns {
  readonly tsStart?: ArrayLike<number>;
  readonly open?: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume?: ArrayLike<number>;
}

/** One reusable mutable bar: batch functions fold `update` over columns through it, allocation-free. */
export class BarCursor implements BarInput {
  tsStart = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;

  load(c: OhlcvColumns, i: number): this {
    this.tsStart = c.tsStart ? (c.tsStart[i] as number) : i;
    this.open = c.open ? (c.open[i] as number) : (c.close[i] as number);
    this.high = c.high[i] as number;
    this.low = c.low[i] as number;
    this.close = c.close[i] as number;
    this.volume = c.volume ? (c.volume[i] as number) : 0;
    return this;
  }
}

/**
 * Non-finite inputs are an upstream bug (feeds validate): reject them before any state changes.
 * `x − x` is 0 for every finite number and NaN otherwise; on the hot path it is several times cheaper
 * than `Number.isFinite`, which V8 does not inline here.
 */
export function checkFinite(x: number, what: string): void {
  if (x - x !== 0) throw new RangeError(`${what} must be finite, got ${x}`);
}

/** Whether all four are finite: `checkBar`'s test, for batch loops that read the columns themselves. */
export function finite4(a: number, b: number, c: number, d: number): boolean {
  return a - a + (b - b) + (c - c) + (d - d) === 0;
}

export function checkBar(b: BarInput): void {
  if (!finite4(b.high, b.low, b.close, b.volume)) {
    throw new RangeError(`bar fields must be finite: h=${b.high} l=${b.low} c=${b.close} v=${b.volume}`);
  }
}

export function checkPeriod(period: number, name: string, min = 1): void {
  if (!Number.isInteger(period) || period < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${period}`);
}

/**
 * Batch folds run their steady-state loop in chunks of this many inputs. A single million-iteration loop
 * would only ever run as on-stack-replaced code, which V8 deoptimises on every call here (3–4× slower);
 * chunks let the loop method tier up normally.
 */
export const FOLD_CHUNK = 1024;
