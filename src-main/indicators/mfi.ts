import { BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';

/**
 * Money flow index, TA-Lib `MFI` (Tulip and trading-signals agree): typical price (H+L+C)/3 times volume
 * is positive flow when the typical price rose, negative when it fell, and neither when equal
 * (technicalindicators counts equal as negative). First value at bar N. With total flow below 1 TA-Lib
 * reports 0; we report 50, the midpoint (market.md §1.4).
 */
export class Mfi implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['mfi'] as const;
  value = NaN;
  private readonly period: number;
  private readonly pos: Float64Array;
  private readonly neg: Float64Array;
  private head = 0;
  private n = 0;
  private pending = false;
  private tp = 0;
  private prevTp = 0;
  private posSum = 0;
  private negSum = 0;
  private curPos = 0;
  private curNeg = 0;
  private curPosSum = 0;
  private curNegSum = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period + 1;
    this.pos = new Float64Array(period);
    this.neg = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) > this.period;
  }

  output(): number {
    return this.value;
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
    this.pos.fill(0);
    this.neg.fill(0);
    this.head = 0;
    this.n = 0;
    this.pending = false;
    this.posSum = this.negSum = this.curPos = this.curNeg = this.curPosSum = this.curNegSum = 0;
    this.value = NaN;
  }

  private compute(bar: BarInput): number {
    const tp = (bar.high + bar.low + bar.close) / 3;
    this.tp = tp;
    const t = this.n;
    if (t === 0) return (this.value = NaN);
    let posSum = this.posSum;
    let negSum = this.negSum;
    if (t > this.period) {
      posSum -= this.pos[this.head] as number;
      negSum -= this.neg[this.head] as number;
    }
    const diff = tp - this.prevTp;
    const flow = tp * bar.volume;
    this.curPos = diff > 0 ? flow : 0;
    this.curNeg = diff < 0 ? flow : 0;
    if (diff < 0) negSum += flow;
    else if (diff > 0) posSum += flow;
    this.curPosSum = posSum;
    this.curNegSum = negSum;
    if (t < this.period) return (this.value = NaN);
    const total = posSum + negSum;
    return (this.value = total < 1 ? 50 : 100 * (posSum / total));
  }

  private commit(): void {
    if (this.n > 0) {
      this.pos[this.head] = this.curPos;
      this.neg[this.head] = this.curNeg;
      this.head = this.head + 1 === this.period ? 0 : this.head + 1;
      this.posSum = this.curPosSum;
      this.negSum = this.curNegSum;
    }
    this.prevTp = this.tp;
    this.n++;
  }
}

export function mfiBatch(cols: OhlcvColumns, period = 14): Float64Array {
  const ind = new Mfi(period);
  const bar = new BarCursor();
  const { high, low, close } = cols;
  const volume = cols.volume ?? new Float64Array(close.length);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    bar.high = high[i] as number;
    bar.low = low[i] as number;
    bar.close = close[i] as number;
    bar.volume = volume[i] as number;
    out[i] = ind.update(bar);
  }
  return out;
}
