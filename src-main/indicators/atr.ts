import { BarCursor, checkPeriod, finite3, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { trueRangeOf } from './true-range.ts';

/**
 * Average true range, TA-Lib `ATR`: the first value (bar N) is the mean of TR[1..N], then Wilder's
 * `(atr·(N−1) + tr)/N`. Tulip and trading-signals seed with TR[0] = H − L and start at bar N−1;
 * the two converge as the seed decays.
 */
export class Atr extends BarIndicator {
  readonly outputs = ['atr'] as const;
  private readonly period: number;
  private close = 0;
  private prevClose = 0;
  private base = 0;
  private cur = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period');
    super(period + 1, 'hlc');
    this.period = period;
  }

  protected commit(): void {
    this.prevClose = this.close;
    this.base = this.cur;
  }

  protected clear(): void {
    this.base = 0;
    this.cur = 0;
  }

  /** `update` over a column series into `out`, the steady state on local variables: the batch form (see `Ema.fold`). */
  fold(cols: OhlcvColumns, out: Float64Array): void {
    const bar = new BarCursor();
    this.drive(cols.close.length, 0, (i) => (out[i] = this.update(bar.load(cols, i))), (from, to) => this.run(cols, out, from, to));
  }

  /** The steady-state loop over inputs [from, to); stops at a non-finite input and returns where it stopped. */
  private run(cols: OhlcvColumns, out: Float64Array, from: number, to: number): number {
    const { high, low, close } = cols;
    let i = from;
    const p = this.period;
    const m = p - 1;
    let prevClose = this.prevClose;
    let c = this.close;
    let base = this.base;
    let cur = this.cur;
    let done = 0;
    for (; i < to; i++) {
      const h = high[i] as number;
      const l = low[i] as number;
      const next = close[i] as number;
      if (!finite3(h, l, next)) break;
      prevClose = c;
      base = cur;
      c = next;
      let a = base * m;
      a += trueRangeOf(h, l, prevClose);
      cur = a / p;
      out[i] = cur;
      done++;
    }
    this.n += done;
    this.prevClose = prevClose;
    this.close = c;
    this.base = base;
    this.cur = cur;
    this.value = cur;
    return i;
  }

  protected compute(bar: BarInput): number {
    this.close = bar.close;
    const t = this.n;
    const p = this.period;
    if (t === 0) return (this.value = NaN);
    const tr = trueRangeOf(bar.high, bar.low, this.prevClose);
    if (t < p) {
      this.cur = this.base + tr;
      return (this.value = NaN);
    }
    if (t === p) this.cur = (this.base + tr) / p;
    else {
      let a = this.base * (p - 1);
      a += tr;
      this.cur = a / p;
    }
    return (this.value = this.cur);
  }
}

export function atrBatch(cols: OhlcvColumns, period = 14): Float64Array {
  const out = new Float64Array(cols.close.length);
  new Atr(period).fold(cols, out);
  return out;
}
