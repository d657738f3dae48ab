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

/** Whether all three are finite: the test of the indicators that read high, low and close. */
export function finite3(a: number, b: number, c: number): boolean {
  return a - a + (b - b) + (c - c) === 0;
}

/**
 * The bar fields an indicator reads. A bar is rejected when one of them is not finite (and only then:
 * true range does not care about a volume). The close is always among them.
 */
export type BarFields = 'hlcv' | 'hlc' | 'cv';

/** 0 when the fields are finite, NaN otherwise (`x − x`, as `checkFinite`). */
export function nonFinite(b: BarInput, fields: BarFields): number {
  const c = b.close - b.close;
  if (fields === 'cv') return c + (b.volume - b.volume);
  const hl = b.high - b.high + (b.low - b.low) + c;
  return fields === 'hlc' ? hl : hl + (b.volume - b.volume);
}

export function checkFields(b: BarInput, fields: BarFields): void {
  if (nonFinite(b, fields) !== 0) throw new RangeError(`bar fields must be finite: h=${b.high} l=${b.low} c=${b.close} v=${b.volume}`);
}

export function checkBar(b: BarInput): void {
  checkFields(b, 'hlcv');
}

/**
 * The first bar in [from, to) whose `fields` are not all finite, or `to`. Batch loops that skip the check
 * per bar (it costs as much as the arithmetic of the cheapest indicators) call it when their outputs show
 * a non-finite value, to find where `update` would have thrown.
 */
export function firstBadBar(c: OhlcvColumns, fields: BarFields, from: number, to: number): number {
  const { high, low, close, volume } = c;
  for (let i = from; i < to; i++) {
    const v = volume === undefined || fields === 'hlc' ? 0 : (volume[i] as number);
    const hl = fields === 'cv' ? 0 : (high[i] as number) - (high[i] as number) + ((low[i] as number) - (low[i] as number));
    if (hl + ((close[i] as number) - (close[i] as number)) + (v - v) !== 0) return i;
  }
  return to;
}

/** The first of `xs[from..to)` that is not finite, or `to`: for batch loops that skip the check per input and detect one by a non-finite result. */
export function firstNonFinite(xs: ArrayLike<number>, from: number, to: number): number {
  for (let i = from; i < to; i++) if ((xs[i] as number) - (xs[i] as number) !== 0) return i;
  return to;
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
