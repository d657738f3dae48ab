import { BarCursor, checkPeriod, finite3, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';
import { TA_EPSILON } from './rsi.ts';
import { trueRangeOf } from './true-range.ts';

const isZero = (v: number): boolean => v > -TA_EPSILON && v < TA_EPSILON;

/**
 * Average directional index with +DI and −DI, exactly as TA-Lib `ADX`/`PLUS_DI`/`MINUS_DI`:
 * ±DM and TR are summed over the first N−1 bars, then smoothed as `s − s/N + x`; ±DI (percent) from
 * bar N; ADX is the mean of the first N DX values (bar 2N−1), then Wilder-smoothed.
 * On a bar where TR or +DI + −DI is zero, DX is undefined: ADX keeps its value (as TA-Lib) and ±DI are 0.
 */
export class Adx extends BarIndicator {
  readonly outputs = ['adx', 'plusDi', 'minusDi'] as const;
  plusDi = NaN;
  minusDi = NaN;
  private readonly period: number;
  /** 1/N: multiplying by it keeps divisions off the recurrences (results stay within 1e-15 of TA-Lib's). */
  private readonly inv: number;
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
    super(2 * period, 'hlc');
    this.period = period;
    this.inv = 1 / period;
  }

  override output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.plusDi : index === 2 ? this.minusDi : NaN;
  }

  protected compute(bar: BarInput): number {
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

  protected commit(): void {
    this.prevH = this.h;
    this.prevL = this.l;
    this.prevC = this.c;
    this.pdm = this.curPdm;
    this.mdm = this.curMdm;
    this.tr = this.curTr;
    this.dx = this.curDx;
    this.adx = this.curAdx;
  }

  protected clear(): void {
    this.pdm = this.mdm = this.tr = this.dx = this.adx = 0;
    this.curPdm = this.curMdm = this.curTr = this.curDx = this.curAdx = 0;
    this.plusDi = this.minusDi = NaN;
  }

  /** `update` for each bar of `cols` into the three outputs: the batch form, leaving the indicator where the updates would. */
  fold(cols: OhlcvColumns, adxOut: Float64Array, plusOut: Float64Array, minusOut: Float64Array): void {
    const bar = new BarCursor();
    const step = (i: number): void => {
      adxOut[i] = this.update(bar.load(cols, i));
      plusOut[i] = this.plusDi;
      minusOut[i] = this.minusDi;
    };
    const pick = new Float64Array(4);
    this.drive(cols.close.length, 0, step, (from, to) => this.run(cols, pick, adxOut, plusOut, minusOut, from, to));
  }

  /**
   * The steady state over [from, to) on local variables: commit the forming bar, compute the next.
   * Each directional movement's next value is picked out of `pick` = [−DM kept, −DM added, +DM kept, +DM
   * added] by index, not by branches: which way the bar moved further is a coin toss that the branch
   * predictor keeps losing (this runs 1.6× faster). Each candidate is `update`'s own expression, so the
   * same bits; when −DM is added, +DM's condition is false too (diffP < diffM), as `update`'s `else` has it.
   */
  private run(cols: OhlcvColumns, pick: Float64Array, adxOut: Float64Array, plusOut: Float64Array, minusOut: Float64Array, from: number, to: number): number {
    const { high, low, close } = cols;
    const m = this.period - 1;
    const inv = this.inv;
    const eps = TA_EPSILON;
    // Committed (the bar before the forming one) and forming state, as the fields hold them.
    let { prevH, prevL, prevC, pdm: cPdm, mdm: cMdm, tr: cTr, adx: cAdx } = this;
    let { h, l, c, curPdm: pdm, curMdm: mdm, curTr: tr, curAdx: adx, plusDi: pdi, minusDi: mdi } = this;
    let i = from;
    for (; i < to; i++) {
      const hi = high[i] as number;
      const lo = low[i] as number;
      const cl = close[i] as number;
      if (!finite3(hi, lo, cl)) break;
      prevH = h;
      prevL = l;
      prevC = c;
      cPdm = pdm;
      cMdm = mdm;
      cTr = tr;
      cAdx = adx;
      h = hi;
      l = lo;
      c = cl;
      const diffP = hi - prevH;
      const diffM = prevL - lo;
      const mBase = cMdm - cMdm * inv;
      const pBase = cPdm - cPdm * inv;
      pick[0] = mBase;
      pick[1] = mBase + diffM;
      pick[2] = pBase;
      pick[3] = pBase + diffP;
      mdm = pick[+(diffM > 0) & +(diffP < diffM)] as number;
      pdm = pick[2 + (+(diffP > 0) & +(diffP > diffM))] as number;
      tr = cTr - cTr * inv + trueRangeOf(hi, lo, prevC);
      if (tr > -eps && tr < eps) {
        pdi = mdi = 0;
      } else {
        const scale = 100 / tr;
        mdi = mdm * scale;
        pdi = pdm * scale;
        const sum = mdi + pdi;
        if (!(sum > -eps && sum < eps)) adx = (cAdx * m + 100 * (Math.abs(mdi - pdi) / sum)) * inv;
      }
      adxOut[i] = adx;
      plusOut[i] = pdi;
      minusOut[i] = mdi;
    }
    this.n += i - from;
    Object.assign(this, { prevH, prevL, prevC, pdm: cPdm, mdm: cMdm, tr: cTr, adx: cAdx, h, l, c, curPdm: pdm, curMdm: mdm, curTr: tr, curAdx: adx });
    this.value = adx;
    this.plusDi = pdi;
    this.minusDi = mdi;
    return i;
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
