import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { Float64Window } from './window.ts';

/**
 * Rate of change in percent, TA-Lib `ROC`: `(x / x[t−N] − 1)·100`, first value at input N.
 * A zero reference value gives 0, as in TA-Lib. (Tulip's `roc` is the same ratio without the ·100.)
 */
export class Roc implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['roc'] as const;
  value = NaN;
  private readonly period: number;
  private readonly window: Float64Window;
  private n = 0;
  private pending = false;
  private x = 0;

  constructor(period = 10) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period + 1;
    this.window = new Float64Window(period);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) > this.period;
  }

  output(): number {
    return this.value;
  }

  update(x: number): number {
    checkFinite(x, 'input');
    if (this.pending) {
      this.window.push(this.x);
      this.n++;
    }
    this.pending = true;
    return this.compute(x);
  }

  replace(x: number): number {
    if (!this.pending) return this.update(x);
    checkFinite(x, 'input');
    return this.compute(x);
  }

  reset(): void {
    this.window.clear();
    this.n = 0;
    this.pending = false;
    this.value = NaN;
  }

  private compute(x: number): number {
    this.x = x;
    if (this.n < this.period) return (this.value = NaN);
    const ref = this.window.oldest();
    return (this.value = ref !== 0 ? (x / ref - 1) * 100 : 0);
  }
}

export function rocBatch(xs: ArrayLike<number>, period = 10): Float64Array {
  const ind = new Roc(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
