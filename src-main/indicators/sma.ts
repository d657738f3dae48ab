import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { Float64Window } from './window.ts';

/**
 * Simple moving average, TA-Lib `SMA`: a running total (add the new value, divide, drop the trailing
 * one), in TA-Lib's order of operations. First value at input N−1.
 */
export class Sma implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['sma'] as const;
  value = NaN;
  private readonly period: number;
  private readonly window: Float64Window;
  private n = 0;
  private pending = false;
  private x = 0;
  /** Sum of the last N−1 committed inputs. */
  private base = 0;
  private cur = 0;

  constructor(period: number) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period;
    this.window = new Float64Window(period - 1);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.period;
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
    this.window.clear();
    this.n = 0;
    this.pending = false;
    this.base = 0;
    this.value = NaN;
  }

  private compute(x: number): number {
    this.x = x;
    this.cur = this.base + x;
    this.value = this.n + 1 >= this.period ? this.cur / this.period : NaN;
    return this.value;
  }

  private commit(): void {
    this.base = this.cur - this.window.push(this.x);
    this.n++;
  }
}

export function smaBatch(xs: ArrayLike<number>, period: number): Float64Array {
  const ind = new Sma(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
