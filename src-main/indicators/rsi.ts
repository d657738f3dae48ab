import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';

/** Below this, TA-Lib treats a sum as zero (`TA_IS_ZERO`). */
export const TA_EPSILON = 1e-14;

/**
 * Relative strength index, Wilder's smoothing exactly as TA-Lib: average gain and loss are the means of
 * the first N changes, then `(prev·(N−1) + x)/N`; first value at input N.
 * With no gains and no losses (a flat series) the RSI is undefined: we report 50, the midpoint
 * (TA-Lib reports 0, Tulip NaN, technicalindicators and trading-signals 100; market.md §1.4).
 */
export class Rsi implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['rsi'] as const;
  value = NaN;
  private readonly period: number;
  private n = 0;
  private pending = false;
  private x = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  private curGain = 0;
  private curLoss = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period', 2);
    this.period = period;
    this.warmUp = period + 1;
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) > this.period;
  }

  output(): number {
    return this.value;
  }

  update(x: number): number {
    checkFinite(x, 'input');
    if (this.pending) this.commit();
    this.pending = true;
    return this.compute(x);
  }

  replace(x: number): number {
    if (!this.pending) return this.update(x);
    checkFinite(x, 'input');
    return this.compute(x);
  }

  reset(): void {
    this.n = 0;
    this.pending = false;
    this.gain = this.loss = this.curGain = this.curLoss = 0;
    this.value = NaN;
  }

  private compute(x: number): number {
    this.x = x;
    const t = this.n;
    const p = this.period;
    if (t === 0) return (this.value = NaN);
    const diff = x - this.prev;
    let g = this.gain;
    let l = this.loss;
    if (t > p) {
      l *= p - 1;
      g *= p - 1;
    }
    if (diff < 0) l -= diff;
    else g += diff;
    if (t >= p) {
      l /= p;
      g /= p;
    }
    this.curGain = g;
    this.curLoss = l;
    if (t < p) return (this.value = NaN);
    const s = g + l;
    this.value = s > -TA_EPSILON && s < TA_EPSILON ? 50 : 100 * (g / s);
    return this.value;
  }

  private commit(): void {
    this.prev = this.x;
    this.gain = this.curGain;
    this.loss = this.curLoss;
    this.n++;
  }
}

export function rsiBatch(xs: ArrayLike<number>, period = 14): Float64Array {
  const ind = new Rsi(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
