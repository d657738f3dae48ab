import { FOLD_CHUNK, BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { trueRangeOf } from './true-range.ts';

/**
 * Average true range, TA-Lib `ATR`: the first value (bar N) is the mean of TR[1..N], then Wilder's
 * `(atr·(N−1) + tr)/N`. Tulip and trading-signals seed with TR[0] = H − L and start at bar N−1;
 * the two converge as the seed decays.
 */
export class Atr implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['atr'] as const;
  value = NaN;
  private readonly period: number;
  private n = 0;
  private pending = false;
  private close = 0;
  private prevClose = 0;
  private base = 0;
  private cur = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period + 1;
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) > this.period;
  }

  output(): number {
    return this.value;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) {
      this.prevClose = this.close;
      this.base = this.cur;
      this.n++;
    }
    this.pending = true;
    return this.compute(bar);
  }

  replace(bar: BarInput): number {
    if (!this.pending) return this.update(bar);
    checkBar(bar);
    return this.compute(bar);
  }

  reset(): void {
    this.n = 0;
    this.pending = false;
    this.base = 0;
    this.cur = 0;
    this.value = NaN;
  }

  /** `update` over a column series into `out`, the steady state on local variables: the batch form (see `Ema.fold`). */
  fold(cols: OhlcvColumns, out: Float64Array): void {
    const len = cols.close.length;
    const bar = new BarCursor();
    let i = 0;
    for (; i < len && !this.isReady; i++) out[i] = this.update(bar.load(cols, i));
    while (i < len) {
      const end = Math.min(len, i + FOLD_CHUNK);
      i = this.run(cols, out, i, end);
      if (i < end) this.update(bar.load(cols, i));
    }
  }

  /** The steady-state loop over inputs [from, to); stops at a non-finite input and returns where it stopped. */
  private run(cols: OhlcvColumns, out: Float64Array, from: number, to: number): number {
    const { high, low, close, volume } = cols;
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
      const v = volume === undefined ? 0 : (volume[i] as number);
      if (h - h + (l - l) + (next - next) + (v - v) !== 0) break;
      prevClose = c;
      base = cur;
      c = next;
      let tr = h - l;
      const up = Math.abs(prevClose - h);
      if (up > tr) tr = up;
      const down = Math.abs(prevClose - l);
      if (down > tr) tr = down;
      let a = base * m;
      a += tr;
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

  private compute(bar: BarInput): number {
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
