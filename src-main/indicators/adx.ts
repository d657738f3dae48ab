import { FOLD_CHUNK, BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { TA_EPSILON } from './rsi.ts';
import { trueRangeOf } from './true-range.ts';

const isZero = (v: number): boolean => v > -TA_EPSILON && v < TA_EPSILON;

/**
 * Average directional index with +DI and −DI, exactly as TA-Lib `ADX`/`PLUS_DI`/`MINUS_DI`:
 * ±DM and TR are summed over the first N−1 bars, then smoothed as `s − s/N + x`; ±DI (percent) from
 * bar N; ADX is the mean of the first N DX values (bar 2N−1), then Wilder-smoothed.
 * On a bar where TR or +DI + −DI is zero, DX is undefined: ADX keeps its value (as TA-Lib) and ±DI are 0.
 */
export class Adx implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['adx', 'plusDi', 'minusDi'] as const;
  value = NaN;
  plusDi = NaN;
  minusDi = NaN;
  private readonly period: number;
  /** 1/N: multiplying by it keeps divisions off the recurrences (results stay within 1e-15 of TA-Lib's). */
  private readonly inv: number;
  private n = 0;
  private pending = false;
  private h = 0;
  private l = 0;
  private c = 0;
  private prevH = 0;
  private prevL = 0;
  private prevC = 0;
  private pdm = 0;
  private mdm = 0;
  private tr = 0;
  private dx = 0;
  private adx = 0;
  private curPdm = 0;
  private curMdm = 0;
  private curTr = 0;
  private curDx = 0;
  private curAdx = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period', 2);
    this.period = period;
    this.inv = 1 / period;
    this.warmUp = 2 * period;
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.warmUp;
  }

  output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.plusDi : index === 2 ? this.minusDi : NaN;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) this.commit();
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
    this.pdm = this.mdm = this.tr = this.dx = this.adx = 0;
    this.curPdm = this.curMdm = this.curTr = this.curDx = this.curAdx = 0;
    this.value = this.plusDi = this.minusDi = NaN;
  }

  /**
   * `update` over a column series into the three outputs: the batch form. The steady state runs on local
   * variables in chunks (see `Ema.fold`), every bar but a chunk's last committed there; the last goes
   * through `update`, so the indicator ends exactly as the updates would leave it.
   */
  fold(cols: OhlcvColumns, adxOut: Float64Array, plusOut: Float64Array, minusOut: Float64Array): void {
    const { high, low, close, volume } = cols;
    const len = close.length;
    const bar = new BarCursor();
    const step = (i: number): void => {
      adxOut[i] = this.update(bar.load(cols, i));
      plusOut[i] = this.plusDi;
      minusOut[i] = this.minusDi;
    };
    let i = 0;
    for (; i < len && !this.isReady; i++) step(i);
    while (i < len) {
      const to = Math.min(len, i + FOLD_CHUNK);
      if (to - i >= 2 && this.run(high, low, close, volume, adxOut, plusOut, minusOut, i, to - 1)) {
        step(to - 1);
      } else {
        // A non-finite value in the chunk (or a chunk of one): bar by bar, so the error is raised at that
        // bar with every earlier bar applied.
        for (let j = i; j < to; j++) step(j);
      }
      i = to;
    }
  }

  /**
   * Commits the forming bar, then bars [from, to), on local variables. Returns false, changing nothing,
   * if any of those bars has a non-finite field (checked by one running sum, not a branch per bar).
   */
  private run(
    high: ArrayLike<number>,
    low: ArrayLike<number>,
    close: ArrayLike<number>,
    volume: ArrayLike<number> | undefined,
    adxOut: Float64Array,
    plusOut: Float64Array,
    minusOut: Float64Array,
    from: number,
    to: number,
  ): boolean {
    const m = this.period - 1;
    const inv = this.inv;
    const eps = TA_EPSILON;
    let prevH = this.h;
    let prevL = this.l;
    let prevC = this.c;
    let pdm = this.curPdm;
    let mdm = this.curMdm;
    let tr = this.curTr;
    let adx = this.curAdx;
    let pdi = 0;
    let mdi = 0;
    let check = 0;
    for (let i = from; i < to; i++) {
      const hi = high[i] as number;
      const lo = low[i] as number;
      const cl = close[i] as number;
      check += hi + lo + cl + (volume === undefined ? 0 : (volume[i] as number));
      const diffP = hi - prevH;
      const diffM = prevL - lo;
      mdm -= mdm * inv;
      pdm -= pdm * inv;
      if (diffM > 0 && diffP < diffM) mdm += diffM;
      else if (diffP > 0 && diffP > diffM) pdm += diffP;
      let range = hi - lo;
      const up = Math.abs(prevC - hi);
      if (up > range) range = up;
      const down = Math.abs(prevC - lo);
      if (down > range) range = down;
      tr = tr - tr * inv + range;
      if (tr > -eps && tr < eps) {
        pdi = mdi = 0;
      } else {
        const scale = 100 / tr;
        mdi = mdm * scale;
        pdi = pdm * scale;
        const sum = mdi + pdi;
        if (!(sum > -eps && sum < eps)) adx = (adx * m + 100 * (Math.abs(mdi - pdi) / sum)) * inv;
      }
      adxOut[i] = adx;
      plusOut[i] = pdi;
      minusOut[i] = mdi;
      prevH = hi;
      prevL = lo;
      prevC = cl;
    }
    // Finite values sum to a finite total (overflow aside, which only costs the bar-by-bar path).
    if (check - check !== 0) return false;
    this.pending = false;
    this.prevH = prevH;
    this.prevL = prevL;
    this.prevC = prevC;
    this.pdm = pdm;
    this.mdm = mdm;
    this.tr = tr;
    this.adx = adx;
    this.curAdx = adx;
    this.plusDi = pdi;
    this.minusDi = mdi;
    this.n += 1 + to - from;
    return true;
  }

  private compute(bar: BarInput): number {
    const { high, low } = bar;
    this.h = high;
    this.l = low;
    this.c = bar.close;
    const t = this.n;
    const p = this.period;
    if (t === 0) return (this.value = NaN);
    const diffP = high - this.prevH;
    const diffM = this.prevL - low;
    let pdm = this.pdm;
    let mdm = this.mdm;
    let tr = this.tr;
    const range = trueRangeOf(high, low, this.prevC);
    if (t >= p) {
      mdm -= mdm * this.inv;
      pdm -= pdm * this.inv;
    }
    if (diffM > 0 && diffP < diffM) mdm += diffM;
    else if (diffP > 0 && diffP > diffM) pdm += diffP;
    tr = t >= p ? tr - tr * this.inv + range : tr + range;
    this.curPdm = pdm;
    this.curMdm = mdm;
    this.curTr = tr;
    if (t < p) {
      this.value = this.plusDi = this.minusDi = NaN;
      return NaN;
    }
    let dx = NaN;
    if (isZero(tr)) {
      this.plusDi = this.minusDi = 0;
    } else {
      const scale = 100 / tr;
      const mdi = mdm * scale;
      const pdi = pdm * scale;
      this.plusDi = pdi;
      this.minusDi = mdi;
      const sum = mdi + pdi;
      if (!isZero(sum)) dx = 100 * (Math.abs(mdi - pdi) / sum);
    }
    const last = 2 * p - 1;
    if (t <= last) {
      this.curDx = Number.isNaN(dx) ? this.dx : this.dx + dx;
      this.curAdx = this.curDx * this.inv;
      this.value = t === last ? this.curAdx : NaN;
    } else {
      this.curAdx = Number.isNaN(dx) ? this.adx : (this.adx * (p - 1) + dx) * this.inv;
      this.value = this.curAdx;
    }
    return this.value;
  }

  private commit(): void {
    this.prevH = this.h;
    this.prevL = this.l;
    this.prevC = this.c;
    this.pdm = this.curPdm;
    this.mdm = this.curMdm;
    this.tr = this.curTr;
    this.dx = this.curDx;
    this.adx = this.curAdx;
    this.n++;
  }
}

export interface AdxSeries {
  readonly adx: Float64Array;
  readonly plusDi: Float64Array;
  readonly minusDi: Float64Array;
}

export function adxBatch(cols: OhlcvColumns, period = 14): AdxSeries {
  const n = cols.close.length;
  const adx = new Float64Array(n);
  const plusDi = new Float64Array(n);
  const minusDi = new Float64Array(n);
  new Adx(period).fold(cols, adx, plusDi, minusDi);
  return { adx, plusDi, minusDi };
}
