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

  /** `update` over a column series into the three outputs, the steady state on local variables: the batch form (see `Ema.fold`). */
  fold(cols: OhlcvColumns, adxOut: Float64Array, plusOut: Float64Array, minusOut: Float64Array): void {
    const len = cols.close.length;
    const bar = new BarCursor();
    let i = 0;
    for (; i < len && !this.isReady; i++) {
      adxOut[i] = this.update(bar.load(cols, i));
      plusOut[i] = this.plusDi;
      minusOut[i] = this.minusDi;
    }
    while (i < len) {
      const end = Math.min(len, i + FOLD_CHUNK);
      i = this.run(cols, adxOut, plusOut, minusOut, i, end);
      if (i < end) this.update(bar.load(cols, i));
    }
  }

  /** The steady-state loop over inputs [from, to); stops at a non-finite input and returns where it stopped. */
  private run(cols: OhlcvColumns, adxOut: Float64Array, plusOut: Float64Array, minusOut: Float64Array, from: number, to: number): number {
    const { high, low, close, volume } = cols;
    let i = from;
    const m = this.period - 1;
    const inv = this.inv;
    let h = this.h;
    let l = this.l;
    let c = this.c;
    let prevH = this.prevH;
    let prevL = this.prevL;
    let prevC = this.prevC;
    let pdm = this.pdm;
    let mdm = this.mdm;
    let tr = this.tr;
    let adx = this.adx;
    let curPdm = this.curPdm;
    let curMdm = this.curMdm;
    let curTr = this.curTr;
    let curAdx = this.curAdx;
    let pdi = this.plusDi;
    let mdi = this.minusDi;
    let done = 0;
    for (; i < to; i++) {
      const hi = high[i] as number;
      const lo = low[i] as number;
      const cl = close[i] as number;
      const v = volume === undefined ? 0 : (volume[i] as number);
      if (hi - hi + (lo - lo) + (cl - cl) + (v - v) !== 0) break;
      prevH = h;
      prevL = l;
      prevC = c;
      pdm = curPdm;
      mdm = curMdm;
      tr = curTr;
      adx = curAdx;
      h = hi;
      l = lo;
      c = cl;
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
      curPdm = pdm;
      curMdm = mdm;
      curTr = tr;
      curAdx = adx;
      if (isZero(tr)) {
        pdi = mdi = 0;
      } else {
        const scale = 100 / tr;
        mdi = mdm * scale;
        pdi = pdm * scale;
        const sum = mdi + pdi;
        if (!isZero(sum)) curAdx = (adx * m + 100 * (Math.abs(mdi - pdi) / sum)) * inv;
      }
      adxOut[i] = curAdx;
      plusOut[i] = pdi;
      minusOut[i] = mdi;
      done++;
    }
    this.n += done;
    this.h = h;
    this.l = l;
    this.c = c;
    this.prevH = prevH;
    this.prevL = prevL;
    this.prevC = prevC;
    this.pdm = pdm;
    this.mdm = mdm;
    this.tr = tr;
    this.adx = adx;
    this.curPdm = curPdm;
    this.curMdm = curMdm;
    this.curTr = curTr;
    this.curAdx = curAdx;
    this.value = curAdx;
    this.plusDi = pdi;
    this.minusDi = mdi;
    return i;
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
