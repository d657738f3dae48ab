import { BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
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
      mdm -= mdm / p;
      pdm -= pdm / p;
    }
    if (diffM > 0 && diffP < diffM) mdm += diffM;
    else if (diffP > 0 && diffP > diffM) pdm += diffP;
    tr = t >= p ? tr - tr / p + range : tr + range;
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
      const mdi = 100 * (mdm / tr);
      const pdi = 100 * (pdm / tr);
      this.plusDi = pdi;
      this.minusDi = mdi;
      const sum = mdi + pdi;
      if (!isZero(sum)) dx = 100 * (Math.abs(mdi - pdi) / sum);
    }
    const last = 2 * p - 1;
    if (t <= last) {
      this.curDx = Number.isNaN(dx) ? this.dx : this.dx + dx;
      this.curAdx = this.curDx / p;
      this.value = t === last ? this.curAdx : NaN;
    } else {
      this.curAdx = Number.isNaN(dx) ? this.adx : (this.adx * (p - 1) + dx) / p;
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
  const ind = new Adx(period);
  const bar = new BarCursor();
  const { high, low, close } = cols;
  const n = close.length;
  const adx = new Float64Array(n);
  const plusDi = new Float64Array(n);
  const minusDi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    bar.high = high[i] as number;
    bar.low = low[i] as number;
    bar.close = close[i] as number;
    adx[i] = ind.update(bar);
    plusDi[i] = ind.plusDi;
    minusDi[i] = ind.minusDi;
  }
  return { adx, plusDi, minusDi };
}
