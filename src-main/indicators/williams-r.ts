import { BarCursor, checkPeriod, firstBadBar, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { RawK } from './stochastic.ts';
import { EXTREMES_CHUNK, ExtremesScratch, windowLevels } from './rolling-max.ts';

/** Williams %R as TA-Lib computes it, `(HH − C) / ((HH − LL)/−100)`; −50, the midpoint, when HH = LL. */
function percentR(hh: number, ll: number, close: number): number {
  const diff = (hh - ll) / -100;
  return diff !== 0 ? (hh - close) / diff : -50;
}

/**
 * Williams %R, TA-Lib `WILLR`: `(HH − C) / ((HH − LL)/−100)` over the last N bars, current included;
 * first value at bar N−1. When HH = LL it is undefined; we report −50, the midpoint (TA-Lib and Tulip 0,
 * technicalindicators NaN, trading-signals −100; market.md §1.4), so %R = %K − 100 holds everywhere.
 */
export class WilliamsR extends BarIndicator {
  readonly outputs = ['willr'] as const;
  /** The window's extremes (the same state as the stochastics' raw %K). */
  private readonly window: RawK;

  constructor(period = 14) {
    checkPeriod(period, 'period');
    super(period, 'hlc');
    this.window = new RawK(period);
  }

  protected compute(bar: BarInput): number {
    this.window.compute(bar.high, bar.low, bar.close);
    if (this.n < this.window.period - 1) return (this.value = NaN);
    return (this.value = percentR(this.window.hh, this.window.ll, bar.close));
  }

  protected commit(): void {
    this.window.commit();
  }

  protected clear(): void {
    this.window.clear();
  }

  /** `update` for each bar of `cols` into `out`: the batch form, leaving the indicator where the updates would. */
  fold(cols: OhlcvColumns, out: Float64Array): void {
    const bar = new BarCursor();
    const ext = new ExtremesScratch(EXTREMES_CHUNK, this.window.period);
    this.drive(cols.close.length, this.window.period, (i) => (out[i] = this.update(bar.load(cols, i))), (from, to) => this.run(cols, ext, out, from, to), EXTREMES_CHUNK);
  }

  private run(cols: OhlcvColumns, ext: ExtremesScratch, out: Float64Array, from: number, to: number): number {
    const { high, low, close } = cols;
    // A non-finite high, low or close leaves a sum of them non-finite; only then are the bars searched for
    // it. The outputs before it stand: their windows end before it.
    const inputs = windowLevels(high, low, this.window.period, from, to, ext) + percentRs(ext, this.window.period, close, from, to, out);
    const i = inputs - inputs !== 0 ? firstBadBar(cols, 'hlc', from, to) : to;
    if (i === from) return i;
    this.n += i - from;
    this.window.fill(high, low, i);
    this.value = out[i - 1] as number;
    return i;
  }
}

/** %R of bars [from, to) from their windows' last levels (`windowLevels`); returns the sum of their closes. */
function percentRs(ext: ExtremesScratch, span: number, close: ArrayLike<number>, from: number, to: number, out: Float64Array): number {
  const { highs, lows, gap } = ext;
  let sum = 0;
  for (let i = from, j = span - 1; i < to; i++, j++) {
    const c = close[i] as number;
    sum += c;
    const hh = highs[j - gap * +((highs[j - gap] as number) > (highs[j] as number))] as number;
    const ll = lows[j - gap * +((lows[j - gap] as number) < (lows[j] as number))] as number;
    out[i] = percentR(hh, ll, c);
  }
  return sum;
}

export function williamsRBatch(cols: OhlcvColumns, period = 14): Float64Array {
  const out = new Float64Array(cols.close.length);
  new WilliamsR(period).fold(cols, out);
  return out;
}
